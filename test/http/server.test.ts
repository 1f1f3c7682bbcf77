// Graceful stop over real HTTP with keep-alive clients: nothing in flight is cut, no socket is reset.
import { Agent, request, type IncomingMessage, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
  /** How the client's socket ended: 'closed' (orderly) or 'error ECONNRESET' (a reset). */
  socketEnded: Promise<string>;
}

function get(port: number, path: string, agent: Agent) {
  return new Promise<Answer>((resolve, reject) => {
    let socketEnded: Promise<string>;
    request({ host: '127.0.0.1', port, path, agent }, (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body, socketEnded }));
    })
      .on('socket', (socket: Socket) => {
        socketEnded = new Promise((ended) => {
          socket.once('error', (error: NodeJS.ErrnoException) => ended(`error ${error.code}`));
          socket.once('close', () => ended('closed'));
        });
      })
      .on('error', reject)
      .end();
  });
}

/** Fails when the server is still waiting for the drain deadline (set far away below). */
const promptly = <T>(work: Promise<T>) => Promise.race([work, sleep(3_000).then(() => Promise.reject(new Error('not closed promptly')))]);

let http: HttpServer | undefined;
const agents: Agent[] = [];
const keepAliveAgent = () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
};
async function start(handler: RequestListener) {
  http = createHttpServer(handler, { drainTimeoutMs: 60_000 });
  return (await http.listen(0, '127.0.0.1')).port;
}

afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await http?.shutdown();
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests with Connection: close, closes idle keep-alive sockets, refuses new connections', async () => {
    let release!: () => void;
    let slowStarted!: () => void;
    const slowArrived = new Promise<void>((resolve) => (slowStarted = resolve));
    const port = await start((req, res) => {
      if (req.url !== '/slow') return res.end('fast');
      slowStarted();
      release = () => res.end('slow done');
    });

    const idle = await get(port, '/fast', keepAliveAgent());
    expect(idle.connection).toBe('keep-alive');
    const slow = get(port, '/slow', keepAliveAgent());
    await slowArrived;

    const stopped = http!.shutdown();
    expect(await promptly(idle.socketEnded)).toBe('closed');
    await expect(get(port, '/fast', new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    release();
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: 'slow done', connection: 'close' });
    expect(await promptly(answer.socketEnded)).toBe('closed');
    await promptly(stopped);
  });

  it('closes a keep-alive socket once an answer already streaming when the stop began is complete', async () => {
    let finish!: () => void;
    let streamingStarted!: () => void;
    const streaming = new Promise<void>((resolve) => (streamingStarted = resolve));
    const port = await start((_req, res) => {
      res.write('part 1, ');
      streamingStarted();
      finish = () => res.end('part 2');
    });
    const answer = get(port, '/stream', keepAliveAgent());
    await streaming;
    const stopped = http!.shutdown();
    finish();
    const { body, connection, socketEnded } = await answer;
    expect(body).toBe('part 1, part 2');
    expect(connection).toBe('keep-alive'); // its headers were out before the stop
    expect(await promptly(socketEnded)).toBe('closed');
    await promptly(stopped);
  });
});
