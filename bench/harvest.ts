// Harvest benchmark: `npm run bench:harvest -- [--entries 2000]`. Imports a generated DCAT-US catalog (the
// harvest tests' entries: 20 publishers, 50 contacts, 2 distributions each) served by a local HTTP server
// into a fresh, seeded PostgreSQL database with `npm run harvest`, twice: the first run creates every entry,
// the second must change nothing. Prints the wall time of each run (target: 2,000 entries in ≤ 20 s).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { CatalogServer, catalogOf, generatedEntry } from '../test/support/dcat-catalog.js';
import { prepareDatabase, projectRoot } from './server.js';

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '2000' } } });
const entries = Number(args.entries);
if (!Number.isInteger(entries) || entries < 1) throw new Error('--entries takes a positive whole number');

const progress = (line: string) => process.stderr.write(`${line}\n`);
const server = new CatalogServer();
server.routes.set('/data.json', catalogOf(Array.from({ length: entries }, (_, i) => generatedEntry(i + 1))));
await server.start();
progress('preparing a seeded database (cod_bench_harvest)…');
const database = await prepareDatabase('cod_bench_harvest');
try {
  for (const run of ['first (creates)', 'second (unchanged)']) {
    const started = performance.now();
    // Asynchronously: the catalog server lives in this process and must keep answering.
    const harvest = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/catalog/cli/harvest.ts', `${server.url}/data.json`], {
      cwd: projectRoot,
      // The configuration insists on a real secret with a database server, although a harvest signs nothing.
      env: { ...process.env, DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('base64') },
      encoding: 'utf8',
      maxBuffer: 50_000_000,
    });
    const seconds = (performance.now() - started) / 1000;
    const report = harvest.stdout.trim().split('\n').slice(-8).join(' | ');
    console.log(`${entries} entries, ${run}: ${seconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)}) — ${report}`);
  }
} finally {
  await server.stop();
  await database.drop();
}
