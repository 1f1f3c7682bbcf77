// The project's own migration runner, on a fresh database (embedded, or a new one on the server).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { applyMigrations, readMigrations } from '../../src/db/migrate.js';
import { databaseUrl, quoteIdent, withAdminClient } from '../support/postgres-admin.js';

const serverUrl = process.env.DATABASE_URL;
const name = `cod_migrate_${randomUUID().slice(0, 8)}`;
let db: Database | undefined;

async function freshDatabase(): Promise<Database> {
  if (!serverUrl) return openDatabase({ pgliteDir: 'memory://' });
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return openDatabase({ url: databaseUrl(serverUrl, name) });
}

afterAll(async () => {
  await db?.close();
  if (serverUrl) await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
});

describe('migration runner', () => {
  it('applies every migration once, records it as Prisma does, and refuses an edited one', async () => {
    db = await freshDatabase();
    const migrations = readMigrations();
    const first = await db.withSession((session) => applyMigrations(session));
    expect(first).toEqual(migrations.map((m) => m.name));
    expect(await db.withSession((session) => applyMigrations(session))).toEqual([]);

    const rows = await db.withSession((session) =>
      session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>('SELECT * FROM "_prisma_migrations"'),
    );
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    expect(await db.prisma.dataset.count()).toBe(0);

    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(db.withSession((session) => applyMigrations(session, () => {}, edited))).rejects.toThrow(/edited/);
  });

  it('rolls back a failing migration entirely', async () => {
    const broken = { name: '99999999999999_broken', sql: 'CREATE TABLE "Half" (id int); SELECT * FROM "Missing";', checksum: 'x' };
    await expect(db!.withSession((session) => applyMigrations(session, () => {}, [...readMigrations(), broken]))).rejects.toThrow(/broken failed/);
    const half = await db!.withSession((session) => session.query("SELECT to_regclass('\"Half\"') AS t"));
    expect(half[0]!.t).toBeNull();
  });
});
