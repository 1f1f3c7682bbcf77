// The real gateway on a real port (node:http), for tests of what crosses the wire.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createGateway } from '../../src/http/gateway.js';
import { signStaffToken } from '../../src/access/tokens.js';
import type { Logger } from '../../src/infra/logger.js';
import { connectRedis } from '../../src/infra/redis.js';
import { openTestDatabase } from './database.js';
import { silentLogger, type GraphQLResponse } from './gateway.js';

export class TestServer {
  constructor(
    readonly url: string,
    readonly db: Database,
    readonly config: Config,
    private readonly server: Server,
    private readonly redis?: { disconnect(): void },
  ) {}

  async post(body: string, headers: Record<string, string> = {}) {
    return fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body,
    });
  }

  async request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
    const response = await this.post(JSON.stringify({ query, variables }), headers);
    const text = await response.text();
    return { ...(JSON.parse(text) as GraphQLResponse<T>), status: response.status, headers: response.headers, text };
  }

  /** Authorization header of a seeded staff member. */
  async staff(email: string): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await signStaffToken(this.config.jwt, email)}` };
  }

  close() {
    return new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
      this.redis?.disconnect();
    });
  }
}

export async function startTestServer(env: Record<string, string> = {}, logger: Logger = silentLogger): Promise<TestServer> {
  const db = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const gateway = createGateway({ db, config, redis, logger });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new TestServer(`http://127.0.0.1:${port}`, db, config, server, redis);
}

/** One started server per test file. */
export function useTestServer(env?: Record<string, string>, logger?: Logger): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(env, logger);
  });
  afterAll(async () => {
    await server?.close();
    await server?.db.close();
  });
  return () => server!;
}
