// `npm run bench:import -- [--rows 1000000] [--mode APPEND|REPLACE] [--with-gin]`: generates a CSV of typed rows with point
// geometry into a temporary file, then imports it with full validation through importRecords (the function
// behind the mutation and `npm run import`) into a fresh, seeded PostgreSQL database, and prints rows/s and
// peak memory. Large volumes belong here, never in `npm test`.
import { createWriteStream, createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import pg from 'pg';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { importRecords } from '../src/records/ingest.js';
import { prepareDatabase } from './server.js';

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const rows = Number(arg('rows', '1000000'));
// For comparison only: what the GIN index on attributes (jsonb_path_ops) the records had until it was dropped costs an import.
const withGin = process.argv.includes('--with-gin');
const mode = arg('mode', 'APPEND') as 'APPEND' | 'REPLACE';

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write('code,amount,count,active,day,at,geometry\n');
  for (let i = 0; i < rows; i++) {
    const lon = (-118.95 + (i % 1000) / 5000).toFixed(5);
    const lat = (34.15 + Math.floor(i / 1000) / 50000).toFixed(5);
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const line = `R-${i},${(i % 10000) / 100},${i % 500},${i % 2 === 0},${day},${day}T0${i % 10}:15:00Z,"{""type"":""Point"",""coordinates"":[${lon},${lat}]}"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** CPU seconds of the backend running this import's COPY (found in pg_stat_activity, read from /proc). */
function watchBackendCpu(url: string) {
  const ticks = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
    } catch {
      return null;
    }
  };
  let pid: number | null = null;
  let start: number | null = null;
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  let busy = false;
  const timer = setInterval(async () => {
    if (pid !== null || busy) return;
    busy = true;
    await connected;
    const [row] = (await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND pid <> pg_backend_pid() LIMIT 1`)).rows;
    if (row) {
      pid = row.pid as number;
      start = ticks(pid);
    }
    busy = false;
  }, 200);
  return {
    async stop(): Promise<number | null> {
      clearInterval(timer);
      await connected;
      await client.end();
      const end = pid === null ? null : ticks(pid);
      return end === null || start === null ? null : end - start;
    },
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
const file = path.join(dir, 'rows.csv');
let started = performance.now();
await writeCsv(file);
console.log(`generated ${rows.toLocaleString('en-US')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

console.log(`load average before: ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')}`);
const bench = await prepareDatabase('cod_bench_import');
const db = await openDatabase({ url: bench.url, poolSize: 2 });
try {
  if (withGin) await db.prisma.$executeRawUnsafe('CREATE INDEX "Record_attributes_idx" ON "Record" USING GIN ("attributes" jsonb_path_ops)');
  const trees = await db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
  const { id: _id, keywordTerms: _t, identifier: _i, createdAt: _c, updatedAt: _u, ...metadata } = trees;
  const fields = [
    { name: 'code', type: 'TEXT', nullable: false },
    { name: 'amount', type: 'DECIMAL' },
    { name: 'count', type: 'INTEGER' },
    { name: 'active', type: 'BOOLEAN' },
    { name: 'day', type: 'DATE' },
    { name: 'at', type: 'TIMESTAMP' },
  ];
  const dataset = await db.prisma.dataset.create({
    data: { ...metadata, identifier: 'bench-import', version: 1, fields: { create: fields.map((field, position) => ({ ...field, position })) } } as never,
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const actor = { kind: 'system', label: 'bench' } as const;
  let version = dataset.version;
  const runs = mode === 'REPLACE' ? ['APPEND', 'REPLACE'] as const : ['APPEND'] as const;
  for (const run of runs) {
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const backend = watchBackendCpu(bench.url);
    const phases: string[] = [];
    const outcome = await importRecords(db, actor, dataset.id, { name: 'rows.csv', stream: createReadStream(file) }, {
      mode: run,
      expectedVersion: version,
      onPhase: (name, ms) => phases.push(`${name} ${(ms / 1000).toFixed(1)} s`),
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const backendSeconds = await backend.stop();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `  phases: ${phases.join(', ')}; CPU: this process ${cpuSeconds.toFixed(1)} s (parse, check, COPY text), ` +
        `its PostgreSQL backend ${backendSeconds === null ? 'n/a' : `${backendSeconds.toFixed(1)} s`}` +
        (backendSeconds === null ? '' : ` → ${Math.round(rows / Math.max(cpuSeconds, backendSeconds)).toLocaleString('en-US')} rows/s if each had a core of its own`),
    );
    version = outcome.version;
    console.log(
      `${run}: ${outcome.inserted.toLocaleString('en-US')} inserted, ${outcome.deleted.toLocaleString('en-US')} deleted in ${seconds.toFixed(1)} s = ` +
        `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (target ≥ 50,000)`,
    );
  }
  clearInterval(sampler);
  console.log(`peak RSS ${(peakRss / 1e6).toFixed(0)} MB`);
} finally {
  await db.close();
  await bench.drop();
  rmSync(dir, { recursive: true, force: true });
}
