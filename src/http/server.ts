// The HTTP server and its graceful stop. On shutdown nothing is cut mid-answer: the listener closes (new
// connections are refused), idle keep-alive connections are closed, in-flight requests finish and their
// answers say `Connection: close` so clients open no further request on a socket about to go away.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServerOptions {
  /** After this, connections still busy are cut (a stuck request must not block a deploy forever). */
  drainTimeoutMs?: number;
  /**
   * Ends long-lived streams (SSE subscriptions, WebSockets) when shutdown starts: they never finish by
   * themselves, so without this every one of them would hold the drain open until the deadline.
   */
  closeStreams?: () => Promise<void>;
}

export function createHttpServer(handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>, { drainTimeoutMs = 10_000, closeStreams }: HttpServerOptions = {}) {
  const inFlight = new Set<ServerResponse>();
  let stopping: Promise<void> | undefined;

  const server = createServer((request, response) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    // Once this answer is sent its socket is idle: close it (it carried `Connection: close`).
    response.once('finish', () => stopping && setImmediate(() => server.closeIdleConnections()));
    if (stopping) response.setHeader('connection', 'close');
    handler(request, response);
  });

  return {
    server,

    listen(port: number, host: string): Promise<AddressInfo> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },

    /** Resolves once every connection is closed. */
    shutdown(): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        for (const response of inFlight) {
          if (!response.headersSent) response.setHeader('connection', 'close');
        }
        server.closeIdleConnections();
        closeStreams?.().catch(() => server.closeAllConnections());
      });
      return stopping;
    },
  };
}

export type HttpServer = ReturnType<typeof createHttpServer>;
