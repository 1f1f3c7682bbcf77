// A fresh copy of the seeded template database for a test file, on PGlite or PostgreSQL alike.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { databaseUrl, quoteIdent, withAdminClient } from './postgres-admin.js';

let copies = 0;

/** Opens a new, isolated copy of the seeded database. Statement counting is on. */
export async function openTestDatabase(): Promise<Database> {
  const setup = inject('testDatabase');
  if (setup.kind === 'pglite') {
    const dump = new Blob([readFileSync(setup.dumpFile)]);
    return openDatabase({ pgliteDir: 'memory://', pgliteLoadDataDir: dump, observeStatements: true });
  }
  const name = `${setup.template.replace(/_template$/, '')}_${process.pid}_${++copies}`;
  await withAdminClient(setup.serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(setup.template)}`),
  );
  const db = await openDatabase({ url: databaseUrl(setup.serverUrl, name), observeStatements: true, poolSize: 4 });
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      await close();
      await withAdminClient(setup.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}
