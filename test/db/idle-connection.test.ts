// A PostgreSQL restart or an administrator ends the pool's idle connections: the gateway must carry on
// (pg reports it as an 'error' event, which would end the process without a listener).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../support/database.js';

const onServer = Boolean(process.env.DATABASE_URL);
if (!onServer) console.log('[test] idle-connection: skipped (needs DATABASE_URL: PGlite has no server connections)');

describe.skipIf(!onServer)('idle pooled connections ended by the server', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it('are dropped and replaced, and the next query still answers', async () => {
    // Open a few pooled connections and leave them idle.
    await Promise.all([1, 2, 3].map(() => db.prisma.$queryRawUnsafe('SELECT pg_sleep(0.05)::text AS slept')));
    const ended = await db.withSession((session) =>
      session.query<{ ended: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      ),
    );
    expect(ended.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.prisma.license.count()).toBeGreaterThan(0);
  });
});
