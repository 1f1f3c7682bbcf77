// Applies the committed prisma/migrations/*/migration.sql files in order, each in its own transaction,
// recording them in Prisma's own `_prisma_migrations` table so `prisma migrate deploy` (where the native
// engine exists) agrees with what this runner did. Prisma's CLI cannot migrate on our machines.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlSession } from './client.js';

export const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

const MIGRATION_LOCK_KEY = 7_363_201; // arbitrary: serialises concurrent starters on one server

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const createTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies pending migrations; returns the names applied. Refuses to run over an edited migration. */
export async function applyMigrations(
  session: SqlSession,
  log: (message: string) => void = () => {},
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(createTableSql);
    await refuseFailedMigrations(session);
    const rows = await session.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      log(`migrate: applying ${migration.name}`);
      await session.exec('BEGIN');
      try {
        await session.exec(migration.sql);
        await session.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await session.exec('COMMIT');
      } catch (error) {
        await session.exec('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/**
 * Like `prisma migrate deploy` (error P3009): a migration that started and never finished nor was rolled back
 * left the database in an unknown state, so nothing more is applied until someone resolves it.
 */
async function refuseFailedMigrations(session: SqlSession) {
  const failed = await session.query<{ migration_name: string; started_at: Date }>(
    'SELECT migration_name, started_at FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at',
  );
  if (failed.length === 0) return;
  const names = failed.map((row) => `${row.migration_name} (started ${new Date(row.started_at).toISOString()})`).join(', ');
  throw new Error(
    `Found failed migrations in the database, new migrations will not be applied: ${names}. ` +
      'Fix the database by hand, then mark each one rolled back (`prisma migrate resolve --rolled-back <name>`, ' +
      'or set its rolled_back_at) or applied (`--applied`, or set its finished_at); see https://pris.ly/d/migrate-resolve',
  );
}
