// The gateway's memory floor: what the compiled server holds idle, after a few ordinary requests and at its
// peak during a CSV export of the 1,000,000-row dataset, and what that memory is made of (V8 heap spaces,
// code, ArrayBuffers, anonymous against file-backed pages), for the start script's settings and for
// variants of them, run in alternation so that they share the machine's load.
//
//   npm run build && BENCH_DATABASE_URL=postgres://…/db_with_the_million_rows \
//     node --import tsx bench/memory-floor.ts [--rounds 2] [--no-export] [--snapshot] \
//       ['label|--node-flag --other|ENV=1 ENV2=x|dist/src/main.js' …]
//
// Each positional argument is a variant: a label, extra node flags, extra environment, and optionally the
// script (another build of the server); none means only the start script as it ships ("shipped").
// The database must already hold the million rows (`npm run bench:export` writes them). Read-only apart
// from what the gateway itself writes at start-up (migrations already applied, background jobs).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { send } from './http.js';
import { MILLION_ROWS } from './million-rows.js';
import { projectRoot, startCommand } from './server.js';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '1' },
    'no-export': { type: 'boolean', default: false },
    snapshot: { type: 'boolean', default: false },
    idle: { type: 'string', default: '8' },
    /** After the export: this many requests of each of A, B and C (one at a time), for server CPU ms per request. */
    load: { type: 'string', default: '0' },
  },
});
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('set BENCH_DATABASE_URL to a database that holds the million-row dataset');
const start = startCommand(projectRoot);
if (!start) throw new Error('no start script');
const variants = (positionals.length ? positionals : ['shipped']).map((text) => {
  const [label = 'shipped', flags = '', env = '', script = start.script] = text.split('|');
  return {
    label,
    flags: flags.split(/\s+/).filter(Boolean),
    env: Object.fromEntries(env.split(/\s+/).filter(Boolean).map((pair) => [pair.split('=')[0]!, pair.split('=').slice(1).join('=')])),
    script,
  };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => loadavg()[0]!.toFixed(1);
function status(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

const queries = [
  'query { datasets(first: 50) { edges { node { title license { name spdxId } steward { name } publisher { name } distributions { format downloadURL } fields { name type } } } } }',
  'query { dataset(identifier: "toaks-code-compliance-cases") { records(first: 100) { edges { node { recordId attributes geometry } } } } }',
  'query { dataset(identifier: "toaks-street-trees") { title license { name } steward { name } } }',
];

async function download(url: string): Promise<number> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

async function measure(variant: (typeof variants)[number], port: number) {
  const probeOut = join(tmpdir(), `memory-probe-${process.pid}-${port}.json`);
  rmSync(probeOut, { force: true });
  const snapshot = options.snapshot ? join(projectRoot, 'bench/results', `floor-${variant.label}.heapsnapshot`) : undefined;
  const rates = [...new Set(readFileSync(join(projectRoot, 'src/config.ts'), 'utf8').match(/\bRATE_LIMIT_[A-Z0-9_]+/g) ?? [])];
  const child = spawn(process.execPath, [...start!.nodeArgs, ...variant.flags, '--import', './bench/memory-probe.mjs', variant.script], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'], // LOG_LEVEL=warn: warnings and errors (JSON) go to stdout, ignored
    env: {
      ...process.env,
      ...Object.fromEntries(rates.map((name) => [name, '100000000'])),
      ...start!.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(30).toString('base64url'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      MEMORY_PROBE_OUT: probeOut,
      ...(snapshot && { MEMORY_PROBE_SNAPSHOT: snapshot }),
      ...variant.env,
    },
  });
  const pid = child.pid!;
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`${variant.label}: the gateway exited (${child.exitCode})`);
      if (await send(`${base}/health`, { timeoutMs: 2000 }).then((r) => r.status === 200, () => false)) break;
      if (i > 400) throw new Error(`${variant.label}: no /health within 100 s`);
      await sleep(250);
    }
    const ready = status(pid).rss;
    await sleep(Number(options.idle) * 1000);
    const idle = status(pid).rss;
    const cpuBefore = cpuMs(pid);
    for (const query of queries) {
      const answer = await send(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`${variant.label}: ${answer.text.slice(0, 300)}`);
    }
    const firstRequestsCpu = cpuMs(pid) - cpuBefore;
    await sleep(1000);
    const afterRequests = status(pid).rss;
    let exportPeak = Number.NaN;
    let afterExport = Number.NaN;
    let exportSeconds = Number.NaN;
    if (!options['no-export']) {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      const started = performance.now();
      await download(`${base}/datasets/${MILLION_ROWS}/records.csv`);
      exportSeconds = (performance.now() - started) / 1000;
      ({ peak: exportPeak, rss: afterExport } = status(pid));
    }
    const cpuPerRequest: Record<string, number> = {};
    for (const [index, name] of ['A', 'B', 'C'].entries()) {
      const count = Number(options.load);
      if (!count) break;
      const body = JSON.stringify({ query: queries[index] });
      const cpuStart = cpuMs(pid);
      for (let i = 0; i < count; i++) await send(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      cpuPerRequest[`cpu${name}`] = Math.round(((cpuMs(pid) - cpuStart) / count) * 100) / 100;
    }
    const afterLoad = status(pid).rss;
    process.kill(pid, 'SIGUSR2');
    for (let i = 0; i < 600 && !existsSync(probeOut); i++) await sleep(100);
    const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as Record<string, any>;
    rmSync(probeOut, { force: true });
    return {
      variant: variant.label,
      ready,
      idle,
      afterRequests,
      exportPeak,
      afterExport,
      exportSeconds: Math.round(exportSeconds * 100) / 100,
      firstRequestsCpuMs: firstRequestsCpu,
      ...cpuPerRequest,
      ...(options.load !== '0' && { afterLoad }),
      heapUsed: probe.usage.heapUsed,
      heapTotal: probe.usage.heapTotal,
      external: probe.usage.external,
      arrayBuffers: probe.usage.arrayBuffers,
      codeSpace: probe.heapSpaces.code_space?.size,
      oldSpace: probe.heapSpaces.old_space?.size,
      newSpace: probe.heapSpaces.new_space?.size,
      lo: probe.heapSpaces.large_object_space?.size,
      bytecodeAndMetadata: probe.code.bytecode_and_metadata_size,
      anonymous: Math.round(probe.rollup.anonymous),
      fileBacked: Math.round(probe.rollup.file),
      topMappings: probe.topMappings,
      largestAnonymous: probe.largestAnonymous as unknown[],
      load: load(),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

const rows: Awaited<ReturnType<typeof measure>>[] = [];
for (let round = 0; round < Number(options.rounds); round++) {
  for (const variant of variants) {
    const row = await measure(variant, 4700 + Math.floor(Math.random() * 200));
    rows.push(row);
    const { topMappings, largestAnonymous, ...figures } = row;
    process.stderr.write(`${JSON.stringify(figures)}\n`);
    if (round === 0) {
      process.stderr.write(`  resident by mapping (MB): ${JSON.stringify(topMappings)}\n`);
      process.stderr.write(`  largest anonymous mappings [start, size MB, resident MB, permissions]: ${JSON.stringify(largestAnonymous)}\n`);
    }
  }
}
console.table(rows.map(({ topMappings, largestAnonymous, ...figures }) => figures));
writeFileSync(join(projectRoot, 'bench/results/memory-floor-latest.json'), `${JSON.stringify(rows, null, 2)}\n`);
