// Test gateway: a fresh database copy behind the real yoga handler, queried with yoga.fetch (no port).
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createGateway, type Gateway } from '../../src/http/gateway.js';
import { createLogger } from '../../src/infra/logger.js';
import { openTestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export const silentLogger = createLogger('silent');

export class TestGateway {
  constructor(readonly db: Database, readonly yoga: Gateway) {}

  async request(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await this.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    return { ...body, status: response.status, headers: response.headers } as GraphQLResponse;
  }

  /** Runs the query and returns it with the SQL statements it cost. */
  async measure(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
    const { result, statements } = await this.db.statements.measure(() => this.request(query, variables, headers));
    return { response: result, statements };
  }
}

export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const db = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  return new TestGateway(db, createGateway({ db, config, logger: silentLogger }));
}

/** One gateway per test file, closed afterwards. */
export function useTestGateway(env?: Record<string, string>): () => TestGateway {
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(env);
  });
  afterAll(async () => {
    await gateway?.yoga.dispose();
    await gateway?.db.close();
  });
  return () => gateway!;
}
