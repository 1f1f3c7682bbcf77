// The project's own migration runner. Every test starts from its own empty database (embedded, or a new one
// on the server), so none depends on another having run first or on the shared seeded template.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { applyMigrations, migrationsDir, readMigrations } from '../../src/db/migrate.js';
import { databaseUrl, quoteIdent, withAdminClient } from '../support/postgres-admin.js';

const serverUrl = process.env.DATABASE_URL;
const opened: { db: Database; name: string }[] = [];

async function freshDatabase(): Promise<Database> {
  const name = `cod_migrate_${randomUUID().slice(0, 8)}`;
  if (serverUrl) await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const db = serverUrl ? await openDatabase({ url: databaseUrl(serverUrl, name) }) : await openDatabase({ pgliteDir: 'memory://' });
  opened.push({ db, name });
  return db;
}

afterEach(async () => {
  for (const { db, name } of opened.splice(0)) {
    await db.close();
    if (serverUrl) await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  }
});

const migrationRows = (db: Database) =>
  db.withSession((session) =>
    session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    ),
  );

describe('migration runner', () => {
  it("applies every migration once and records it as Prisma does, with Prisma's checksum", async () => {
    const db = await freshDatabase();
    const migrations = readMigrations();
    expect(await db.withSession((session) => applyMigrations(session))).toEqual(migrations.map((m) => m.name));
    expect(await db.withSession((session) => applyMigrations(session))).toEqual([]);

    const rows = await migrationRows(db);
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    expect(await db.prisma.dataset.count()).toBe(0);
    // Prisma's checksum is the sha256 hex of the migration.sql bytes.
    for (const row of rows) {
      const bytes = readFileSync(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('refuses an edited migration', async () => {
    const db = await freshDatabase();
    await db.withSession((session) => applyMigrations(session));
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(db.withSession((session) => applyMigrations(session, () => {}, edited))).rejects.toThrow(/edited/);
  });

  it('rolls back a failing migration entirely', async () => {
    const db = await freshDatabase();
    const broken = { name: '99999999999999_broken', sql: 'CREATE TABLE "Half" (id int); SELECT * FROM "Missing";', checksum: 'x' };
    await expect(db.withSession((session) => applyMigrations(session, () => {}, [...readMigrations(), broken]))).rejects.toThrow(
      /broken failed/,
    );
    const half = await db.withSession((session) => session.query("SELECT to_regclass('\"Half\"') AS t"));
    expect(half[0]!.t).toBeNull();
    expect((await migrationRows(db)).map((row) => row.migration_name)).not.toContain(broken.name);
  });

  it('stops, as Prisma does, when a migration failed earlier and was neither finished nor rolled back', async () => {
    const db = await freshDatabase();
    const [first, ...rest] = readMigrations();
    await db.withSession((session) => applyMigrations(session, () => {}, [first!]));
    // What `prisma migrate deploy` leaves behind when a script fails halfway: a started, unfinished row.
    const failed = { name: '20990101000000_half_applied', sql: 'SELECT 1;', checksum: '0'.repeat(64) };
    await db.withSession((session) =>
      session.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
        randomUUID(),
        failed.checksum,
        failed.name,
      ]),
    );
    const run = () => db.withSession((session) => applyMigrations(session, () => {}, [first!, ...rest, failed]));
    await expect(run()).rejects.toThrow(/failed migrations.*20990101000000_half_applied.*will not be applied|will not be applied.*20990101000000_half_applied/);

    // Once resolved (marked rolled back), the runner applies it again.
    await db.withSession((session) =>
      session.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [failed.name]),
    );
    expect(await run()).toEqual([...rest.map((m) => m.name), failed.name]);
  });
});
