// A started gateway with everything a live client crosses: HTTP (SSE), graphql-ws on the same port, the
// graceful shutdown that ends streams. Plus small real clients (eventsource, graphql-ws) that collect events.
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createGateway, createLiveHub } from '../../src/http/gateway.js';
import { createHttpServer } from '../../src/http/server.js';
import { attachWebSocket } from '../../src/http/websocket.js';
import { connectRedis } from '../../src/infra/redis.js';
import type { LiveHub } from '../../src/live/hub.js';
import { openTestDatabase } from './database.js';
import { silentLogger, type GraphQLResponse } from './gateway.js';

export class LiveServer {
  constructor(
    readonly url: string,
    readonly db: Database,
    readonly config: Config,
    readonly hub: LiveHub,
    readonly shutdown: () => Promise<void>,
  ) {}

  async request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  get wsUrl() {
    return `${this.url.replace('http', 'ws')}/graphql`;
  }
}

export async function startLiveServer(env: Record<string, string> = {}, db?: Database): Promise<LiveServer> {
  db ??= await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, silentLogger) : undefined;
  const live = createLiveHub(db, config, silentLogger);
  const gateway = createGateway({ db, config, redis, logger: silentLogger, live });
  let closeSockets = async () => {};
  const http = createHttpServer(gateway, {
    drainTimeoutMs: 5_000,
    closeStreams: async () => {
      await live.close();
      await closeSockets();
    },
  });
  closeSockets = attachWebSocket(http.server, gateway, { keepAliveMs: 1_000 }).close;
  const { port } = await http.listen(0, '127.0.0.1');
  let stopped: Promise<void> | undefined;
  const shutdown = () =>
    (stopped ??= (async () => {
      await http.shutdown();
      await gateway.dispose();
      redis?.disconnect();
    })());
  return new LiveServer(`http://127.0.0.1:${port}`, db, config, live, shutdown);
}

export interface Collected<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `count` events arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  waitForEnd(timeoutMs?: number): Promise<void>;
  close(): void;
}

function collector<T>(close: () => void): Collected<T> & { push(event: T): void; fail(error: unknown): void; end(): void } {
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((watch) => watch());
  const until = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => {
        watchers.delete(watch);
        reject(new Error(`Timed out waiting for ${what} (have ${collected.events.length} events, errors ${JSON.stringify(collected.errors)})`));
      }, timeoutMs);
      const watch = () => {
        if (!done()) return;
        clearTimeout(timer);
        watchers.delete(watch);
        resolve();
      };
      watchers.add(watch);
    });
  const collected = {
    events: [] as T[],
    errors: [] as unknown[],
    completed: false,
    push(event: T) {
      collected.events.push(event);
      notify();
    },
    fail(error: unknown) {
      collected.errors.push(error);
      notify();
    },
    end() {
      collected.completed = true;
      notify();
    },
    async waitFor(count: number, timeoutMs = 10_000) {
      await until(() => collected.events.length >= count, timeoutMs, `${count} events`);
      return collected.events;
    },
    waitForEnd(timeoutMs = 10_000) {
      return until(() => collected.completed, timeoutMs, 'the end of the stream');
    },
    close,
  };
  return collected;
}

/** A real SSE client (the eventsource package) on GET /graphql?query=… */
export function sseSubscribe<T = any>(server: LiveServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const url = new URL(`${server.url}/graphql`);
  url.searchParams.set('query', query);
  url.searchParams.set('variables', JSON.stringify(variables));
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-graphql-csrf': '1', ...headers } }),
  });
  const collected = collector<T>(() => source.close());
  source.addEventListener('next', (message) => {
    const result = JSON.parse(message.data) as { data?: Record<string, T>; errors?: unknown[] };
    if (result.errors) collected.fail(result.errors);
    else collected.push(Object.values(result.data!)[0]!);
  });
  source.addEventListener('complete', () => {
    collected.end();
    source.close();
  });
  source.addEventListener('error', (error) => {
    // The server closed the stream (shutdown): eventsource would reconnect; the test wants to see the end.
    collected.fail(error);
    if (source.readyState !== EventSource.OPEN) collected.end();
    source.close();
  });
  const opened = new Promise<void>((resolve) => source.addEventListener('open', () => resolve()));
  return Object.assign(collected, { opened });
}

/** A real graphql-ws client. */
export function wsSubscribe<T = any>(server: LiveServer, query: string, variables: Record<string, unknown> = {}, connectionParams: Record<string, string> = {}) {
  const client: Client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  let closedWith: number | undefined;
  client.on('closed', (event) => (closedWith = (event as { code?: number }).code));
  const collected = collector<T>(() => void client.dispose());
  client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => (result.errors ? collected.fail(result.errors) : collected.push(Object.values(result.data!)[0]!)),
      error: (error) => {
        collected.fail(error);
        collected.end();
      },
      complete: () => collected.end(),
    },
  );
  const opened = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return Object.assign(collected, { opened, closeCode: () => closedWith });
}
