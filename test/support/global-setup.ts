// Once per `npm test` run: build a migrated, seeded template database that every test file copies.
// - DATABASE_URL set: a template database on that server (CREATE DATABASE … TEMPLATE makes fast copies).
// - otherwise: an embedded PGlite database, dumped to a file that each test file loads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { prepareDatabase } from '../../src/db/setup.js';
import { databaseUrl, dropDatabasesWithPrefix, quoteIdent, withAdminClient } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'postgres'; serverUrl: string; template: string } | { kind: 'pglite'; dumpFile: string };
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  const log = (message: string) => process.env.TEST_VERBOSE && console.log(`[test-db] ${message}`);
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const prefix = `cod_test_${process.pid}_${Date.now().toString(36)}`;
    const template = `${prefix}_template`;
    await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
    const db = await openDatabase({ url: databaseUrl(serverUrl, template) });
    await prepareDatabase(db, { seed: true, baseUrl: 'http://localhost:4000', log });
    await db.close();
    console.log(`[test-db] PostgreSQL template ${template} ready in ${elapsed(started)}`);
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template });
    return async () => dropDatabasesWithPrefix(serverUrl, prefix);
  }
  const db = await openDatabase({ pgliteDir: 'memory://' });
  await prepareDatabase(db, { seed: true, baseUrl: 'http://localhost:4000', log });
  const folder = mkdtempSync(join(tmpdir(), 'cod-test-'));
  const dumpFile = join(folder, 'template.tar');
  writeFileSync(dumpFile, Buffer.from(await (await db.dumpDataDir!()).arrayBuffer()));
  await db.close();
  console.log(`[test-db] embedded PGlite template ready in ${elapsed(started)} (set DATABASE_URL to test on a server)`);
  project.provide('testDatabase', { kind: 'pglite', dumpFile });
  return () => rmSync(folder, { recursive: true, force: true });
}

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
