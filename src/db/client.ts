// One Prisma client over either the embedded PGlite (no DATABASE_URL) or a PostgreSQL server.
// Both speak the same SQL, so one schema and one set of migrations serve both.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PrismaClient } from '../generated/prisma/client.js';
import { StatementCounter } from './statement-counter.js';

/** A raw SQL session, used by the migration runner and test helpers (not by domain code). */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script. */
  exec(text: string): Promise<void>;
}

/** One connection inside one transaction, for bulk writes (record imports): plain statements and COPY. */
export interface BulkSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Loads `rows` (COPY text format, one row per line) into `target` ("table"(columns)). */
  copyRows(target: string, rows: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  statements: StatementCounter;
  /**
   * One read statement straight on the pool (or PGlite), bypassing Prisma's runtime: the lean read path
   * (src/read/). Bound parameters only; counted and logged like Prisma's statements. `prepared`: on a
   * PostgreSQL server, a statement text sent again is kept as a named prepared statement on each pooled
   * connection (parsed and planned once there; see `preparedNames`). Only for statements over small tables
   * whose plan does not hinge on the bound values (the catalog's), not for records.
   */
  leanQuery<T = Record<string, unknown>>(text: string, params: unknown[], options?: LeanQueryOptions): Promise<T[]>;
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction on one connection, outside Prisma (which cannot COPY): committed when it
   * resolves, rolled back when it throws. Used by record imports only; everything else writes through Prisma.
   */
  bulkTransaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  /**
   * A read statement's rows in batches from a database cursor (exports): constant memory, no row cap.
   * Stopping the iteration early closes the cursor. On a server: a cursor in a read-only transaction on
   * its own pooled connection. Embedded: a WITH HOLD cursor (PGlite has one connection, which a
   * transaction would hold for the whole export; PostgreSQL materialises the rows in its own temporary
   * storage instead), so other requests go on between batches.
   */
  cursor<T = Record<string, unknown>>(text: string, params: unknown[], batchSize: number): AsyncGenerator<T[]>;
  /**
   * PostgreSQL server only (exports): the bytes of `copy`, a `COPY (SELECT …) TO STDOUT …` statement, as they
   * arrive, read only as fast as they are consumed (the server waits on a full socket: constant memory).
   * COPY takes no bound parameters, so each value of `settings` is first bound to a transaction-local
   * `set_config(name, $n, true)` and the statement reads it back with `current_setting(name)`. Runs in a
   * read-only transaction on its own pooled connection; stopping the iteration early (a client gone) closes
   * that connection, which ends the COPY on the server, and the pool opens a fresh one when needed.
   */
  copyOut?(copy: string, settings: readonly (readonly [name: string, value: unknown])[]): AsyncGenerator<Uint8Array>;
  /** Embedded only: a dump of the data folder (tests use it as a template database). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface LeanQueryOptions {
  prepared?: boolean;
}

export interface DatabaseOptions {
  url?: string;
  pgliteDir?: string;
  /** A PGlite data-dir dump to start from (tests use it as a template). */
  pgliteLoadDataDir?: Blob;
  poolSize?: number;
  /** Emit Prisma query events so statements can be counted or logged (costs a little CPU). */
  observeStatements?: boolean;
  logSql?: boolean;
  /** Told when the server ends an idle pooled connection (the pool recovers by itself). */
  onIdleConnectionError?: (error: Error) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options);
}

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]['adapter']>;

function createPrisma(adapter: AdapterFactory, options: DatabaseOptions) {
  const observe = options.observeStatements || options.logSql;
  const prisma = new PrismaClient({
    adapter,
    log: observe ? [{ emit: 'event', level: 'query' }] : [],
    // A burst of writes (submissions, concurrent edits) queues for a pooled connection: wait for one longer
    // than Prisma's 2 s default rather than fail a valid request with an internal error.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  const statements = new StatementCounter();
  if (observe) {
    prisma.$on('query', (event) => {
      statements.record(event.query);
      if (options.logSql) console.log(`sql (${event.duration} ms): ${event.query}`);
    });
  }
  return { prisma, statements };
}

/** Wraps a raw query function so that its statements are counted and logged like Prisma's. */
function observed(run: (text: string, params: unknown[], query?: LeanQueryOptions) => Promise<unknown[]>, statements: StatementCounter, options: DatabaseOptions) {
  if (!options.observeStatements && !options.logSql) return run;
  return async (text: string, params: unknown[], query?: LeanQueryOptions) => {
    const started = performance.now();
    statements.record(text);
    const rows = await run(text, params, query);
    if (options.logSql) console.log(`sql (${Math.round(performance.now() - started)} ms): ${text}`);
    return rows;
  };
}

/** How many statement texts a process prepares at most (each pooled connection then keeps at most that many). */
const PREPARED_STATEMENTS = 100;

/**
 * Names for prepared statements: a statement text gets one (a hash of the text) the second time it is sent,
 * so that one-off texts take no place, and only the first `limit` texts that repeat are named; others stay
 * unnamed (parsed and planned on every execution, as before). pg prepares a named statement on a connection
 * the first time that connection runs it and reuses it after; PostgreSQL re-plans it by itself when a table
 * or function it uses changes. With the default `plan_cache_mode`, PostgreSQL plans the first five
 * executions for their values, then keeps a generic plan if it is not estimated to cost more.
 */
export function preparedNames(limit = PREPARED_STATEMENTS): (text: string) => string | undefined {
  const named = new Map<string, string>();
  let seen = new Set<string>();
  return (text) => {
    const name = named.get(text);
    if (name || named.size >= limit) return name;
    if (!seen.has(text)) {
      if (seen.size >= limit) seen = new Set();
      seen.add(text);
      return undefined;
    }
    seen.delete(text);
    const created = `lean_${createHash('sha1').update(text).digest('hex')}`;
    named.set(text, created);
    return created;
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection the server ended (a restart, a failover, an administrator) is dropped from the pool and
  // the next query opens a new one; without a listener, pg's 'error' event would end the whole process.
  pool.on('error', (error) => options.onIdleConnectionError?.(error));
  const { prisma, statements } = createPrisma(new PrismaPg(pool), options);
  const prepared = preparedNames();
  return {
    kind: 'postgres',
    prisma,
    statements,
    leanQuery: observed(
      async (text, params, query) => {
        const name = query?.prepared ? prepared(text) : undefined;
        return (await (name ? pool.query({ name, text, values: params }) : pool.query(text, params))).rows;
      },
      statements,
      options,
    ) as Database['leanQuery'],
    async *cursor(text, params, batchSize) {
      const client = await pool.connect();
      let done = false;
      try {
        await client.query('BEGIN READ ONLY');
        if (options.observeStatements || options.logSql) statements.record(text);
        await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${text}`, params);
        for (;;) {
          const { rows } = await client.query(`FETCH ${Number(batchSize)} FROM export_rows`);
          if (rows.length > 0) yield rows;
          if (rows.length < batchSize) break;
        }
        await client.query('COMMIT');
        done = true;
      } finally {
        if (!done) await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
    async *copyOut(copy, settings) {
      const client = await pool.connect();
      let done = false;
      try {
        await client.query('BEGIN READ ONLY');
        if (settings.length > 0) {
          const calls = settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}::text, true)`);
          await client.query(`SELECT ${calls.join(', ')}`, settings.flat());
        }
        if (options.observeStatements || options.logSql) statements.record(copy);
        for await (const chunk of client.query(copyTo(copy)) as AsyncIterable<Buffer>) yield chunk;
        await client.query('COMMIT');
        done = true;
      } finally {
        // A COPY stopped half-way leaves the connection mid-protocol: releasing it with an error ends it (pg
        // destroys the socket of a client with a query in flight), and the server's next write fails.
        client.release(done ? undefined : new Error('export stopped before its end'));
      }
    },
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (text) => void (await client.query(text)),
        });
      } finally {
        client.release();
      }
    },
    async bulkTransaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (text, params) => (await client.query(text, params)).rows,
          copyRows: (target, rows) =>
            new Promise<void>((resolve, reject) => {
              const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
              stream.on('finish', resolve).on('error', reject);
              stream.end(rows);
            }),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  const dir = options.pgliteDir;
  if (dir && !dir.startsWith('memory://')) mkdirSync(dir, { recursive: true }); // PGlite does not create parents
  // Loaded only here: a server on PostgreSQL never needs PGlite's modules (see README, Memory).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  const pglite = new PGlite(dir, {
    // PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, which never
    // shrinks: 16 MB keeps the embedded default ~120 MB smaller at no measurable cost for this data.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
    ...(options.pgliteLoadDataDir && { loadDataDir: options.pgliteLoadDataDir }),
  });
  await pglite.waitReady;
  const { prisma, statements } = createPrisma(new PrismaPGlite(pglite), options);
  return {
    kind: 'pglite',
    prisma,
    statements,
    leanQuery: observed(async (text, params) => (await pglite.query(text, params)).rows, statements, options) as Database['leanQuery'],
    async *cursor(text, params, batchSize) {
      const name = `export_${randomUUID().replaceAll('-', '')}`;
      if (options.observeStatements || options.logSql) statements.record(text);
      await pglite.query(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${text}`, params);
      try {
        for (;;) {
          const { rows } = await pglite.query(`FETCH ${Number(batchSize)} FROM ${name}`);
          if (rows.length > 0) yield rows as never[];
          if (rows.length < batchSize) break;
        }
      } finally {
        await pglite.query(`CLOSE ${name}`).catch(() => undefined);
      }
    },
    withSession: (work) =>
      work({
        query: async (text, params) => (await pglite.query(text, params)).rows as never[],
        exec: async (text) => void (await pglite.exec(text)),
      }),
    bulkTransaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: async (text, params) => (await tx.query(text, params)).rows as never[],
          copyRows: async (target, rows) => void (await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([rows]) })),
        }),
      ),
    dumpDataDir: async () => (await pglite.dumpDataDir('none')) as Blob,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
