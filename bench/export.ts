// CSV export of the 1,000,000-row dataset through the compiled gateway: rows per second (anonymous, so the
// personal field is redacted in every row; and with a filter) and the server's peak resident memory.
// `npm run bench:export` (PostgreSQL; BENCH_DATABASE_URL to reuse a database that already has the data).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { millionRowDataset, MILLION_ROWS } from './million-rows.js';
import { choosePort, prepareDatabase, startGateway } from './server.js';

const progress = (line: string) => process.stderr.write(`${line}\n`);
const resultsDir = new URL('results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });

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

const gateway = await startGateway({ databaseUrl: database.url, port: await choosePort(), logFile: new URL('server-export.log', resultsDir), echo: progress });
try {
  const base = `${gateway.baseUrl}/datasets/${MILLION_ROWS}/records.csv`;
  const runs = [
    { name: 'all rows', url: base },
    { name: 'filtered (status = Open, violation_count >= 3)', url: `${base}?filter=${encodeURIComponent(JSON.stringify({ and: [{ field: 'status', eq: 'Open' }, { field: 'violation_count', gte: 3 }] }))}` },
    { name: 'all rows, again', url: base },
  ];
  const results: Record<string, unknown>[] = [];
  const copy = async () => {
    const ceiling = await copyCeiling();
    const rowsPerSecond = Math.round(ceiling.rows / ceiling.seconds);
    results.push({ name: 'COPY TO STDOUT (ceiling)', ...ceiling, rowsPerSecond, load: loadavg().map((l) => l.toFixed(2)).join(' ') });
    progress(`COPY … TO STDOUT csv: ${ceiling.rows.toLocaleString('en-US')} rows in ${ceiling.seconds.toFixed(2)} s = ${rowsPerSecond.toLocaleString('en-US')} rows/s`);
  };
  await copy();
  for (const run of runs) {
    const before = gateway.memoryMb();
    const figures = await download(run.url);
    const after = gateway.memoryMb();
    const result = { ...run, ...figures, rowsPerSecond: Math.round(figures.rows / figures.seconds), rssBeforeMb: before.rss, peakRssMb: after.peak, load: loadavg().map((l) => l.toFixed(2)).join(' ') };
    results.push(result);
    progress(`${run.name}: ${figures.rows.toLocaleString('en-US')} rows in ${figures.seconds.toFixed(2)} s = ${result.rowsPerSecond.toLocaleString('en-US')} rows/s, ${(figures.bytes / 1e6).toFixed(0)} MB; server RSS ${before.rss} MB before, peak ${after.peak} MB; load ${result.load}`);
  }
  await copy();
  writeFileSync(new URL('export-latest.json', resultsDir), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await gateway.stop();
  await database.drop();
}
