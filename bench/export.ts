// Exports of the 1,000,000-row dataset through the compiled gateway: rows per second (anonymous, so the
// personal field is redacted in every row; with a filter; GeoJSON) and the server's resident memory before
// and at its peak during each download (the kernel's peak counter is reset before each one).
// `npm run bench:export [-- --baseline <ref>] [--runs csv,filtered,geojson]` (PostgreSQL; BENCH_DATABASE_URL
// to reuse a database that already has the data). With --baseline, that commit's gateway is built in a
// temporary folder and each download runs on both gateways in alternation, so before/after share the load.
import { writeFileSync as writeProcFile, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { checkoutBaseline, type Baseline } from './baseline.js';
import { millionRowDataset, MILLION_ROWS } from './million-rows.js';
import { createServer } from 'node:net';
import { prepareDatabase, projectRoot, startGateway, type Gateway } from './server.js';

const { values: options } = parseArgs({
  options: { baseline: { type: 'string' }, runs: { type: 'string', default: 'csv,filtered,geojson,csv' } },
});
const progress = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const resultsDir = new URL('results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });

/** Downloads `url`, counting CSV lines (one per row after the header). */
async function download(url: string): Promise<{ rows: number; seconds: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  let newlines = 0;
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
  }
  return { rows: newlines - 1, seconds: (performance.now() - started) / 1000, bytes };
}

/** A port the OS hands out (not 4100, which benchmarks of other checkouts may be starting on at the same time). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident memory now and its peak since the last reset (writing 5 to clear_refs resets VmHWM). */
function memory(gateway: Gateway, reset = false) {
  const figures = gateway.memoryMb();
  if (reset) writeProcFile(`/proc/${gateway.pid}/clear_refs`, '5');
  return figures;
}

const database = process.env.BENCH_DATABASE_URL
  ? { url: process.env.BENCH_DATABASE_URL, drop: async () => {} }
  : await prepareDatabase('cod_bench_export');
const client = new pg.Client({ connectionString: database.url });
await client.connect();
await millionRowDataset(client, progress);
await client.end();

/** PostgreSQL's own COPY … TO STDOUT of the same rows as CSV: the ceiling the export is compared with, side by side. */
async function copyCeiling(): Promise<{ rows: number; seconds: number }> {
  const copyClient = new pg.Client({ connectionString: database.url });
  await copyClient.connect();
  try {
    const started = performance.now();
    const stream = copyClient.query(
      copyTo(`COPY (SELECT r.id, r.attributes, r.geometry FROM "Record" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d.identifier = '${MILLION_ROWS}' ORDER BY r.id) TO STDOUT WITH (FORMAT csv)`),
    );
    let rows = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await copyClient.end();
  }
}

const baseline: Baseline | undefined = options.baseline ? checkoutBaseline(options.baseline, progress) : undefined;
const gateways: { label: string; gateway: Gateway }[] = [];
const results: Record<string, unknown>[] = [];
try {
  gateways.push({
    label: 'this checkout',
    gateway: await startGateway({ databaseUrl: database.url, port: await freePort(), logFile: new URL('server-export.log', resultsDir), echo: progress, root: projectRoot }),
  });
  if (baseline) {
    gateways.push({
      label: `baseline ${baseline.ref} (${baseline.commit})`,
      gateway: await startGateway({ databaseUrl: database.url, port: await freePort(), logFile: new URL('server-export-baseline.log', resultsDir), echo: progress, root: baseline.dir }),
    });
  }
  const filter = encodeURIComponent(JSON.stringify({ and: [{ field: 'status', eq: 'Open' }, { field: 'violation_count', gte: 3 }] }));
  const kinds: Record<string, { name: string; path: string }> = {
    csv: { name: 'CSV, all rows', path: 'records.csv' },
    filtered: { name: 'CSV, filtered (status = Open, violation_count >= 3)', path: `records.csv?filter=${filter}` },
    geojson: { name: 'GeoJSON, all rows', path: 'records.geojson' },
  };
  let allRows = 0;
  const copy = async () => {
    const ceiling = await copyCeiling();
    allRows = ceiling.rows;
    const rowsPerSecond = Math.round(ceiling.rows / ceiling.seconds);
    results.push({ name: 'COPY TO STDOUT (ceiling)', ...ceiling, rowsPerSecond, load: load() });
    progress(`COPY … TO STDOUT csv: ${ceiling.rows.toLocaleString('en-US')} rows in ${ceiling.seconds.toFixed(2)} s = ${rowsPerSecond.toLocaleString('en-US')} rows/s; load ${load()}`);
  };
  await copy();
  for (const kind of (options.runs ?? '').split(',').filter(Boolean)) {
    const run = kinds[kind];
    if (!run) throw new Error(`unknown run ${kind} (${Object.keys(kinds).join(', ')})`);
    for (const { label, gateway } of gateways) {
      const before = memory(gateway, true);
      const figures = await download(`${gateway.baseUrl}/datasets/${MILLION_ROWS}/${run.path}`);
      if (kind === 'geojson') figures.rows = allRows; // every row, one Feature each (not counted in the bytes)
      const after = memory(gateway);
      const result = {
        gateway: label,
        name: run.name,
        ...figures,
        rowsPerSecond: Math.round(figures.rows / figures.seconds),
        rssBeforeMb: before.rss,
        peakRssMb: after.peak,
        growthMb: after.peak - before.rss,
        load: load(),
      };
      results.push(result);
      progress(
        `${label}: ${run.name}: ${figures.rows.toLocaleString('en-US')} rows in ${figures.seconds.toFixed(2)} s = ${result.rowsPerSecond.toLocaleString('en-US')} rows/s, ` +
          `${(figures.bytes / 1e6).toFixed(0)} MB; server RSS ${before.rss} MB before, peak ${after.peak} MB during (+${result.growthMb}); load ${result.load}`,
      );
    }
  }
  await copy();
  writeFileSync(new URL('export-latest.json', resultsDir), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  for (const { gateway } of gateways) await gateway.stop();
  baseline?.remove();
  await database.drop();
}
