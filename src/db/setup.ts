// Brings a database to a usable state: committed migrations applied, seed data on first start.
import type { Database } from './client.js';
import { applyMigrations } from './migrate.js';

export interface PrepareOptions {
  seed: boolean;
  baseUrl: string;
  log?: (message: string) => void;
}

export async function prepareDatabase(db: Database, { seed, baseUrl, log = () => {} }: PrepareOptions) {
  const applied = await db.withSession((session) => applyMigrations(session, log));
  if (applied.length) log(`migrate: ${applied.length} migration(s) applied`);
  if (seed && (await db.prisma.department.count()) === 0) {
    log('seed: empty database, loading the demo city catalog (first start only)');
    // Loaded only when asked: a server that never seeds never has the demo accounts' code in memory.
    const { seedDatabase } = await import('../../prisma/seed/index.js');
    const summary = await seedDatabase(db.prisma, { baseUrl, log });
    log(`seed: done (${summary.datasets} datasets, ${summary.records} records)`);
    return { applied, seeded: true };
  }
  return { applied, seeded: false };
}
