// Load benchmark of the gateway: `npm run bench -- [--scenario NAME]… [--duration S] [--connections N]
// [--warmup S] [--repeat N]`. Starts the gateway on a fresh PostgreSQL database, loads each scenario
// from 127.0.0.1, prints a table on stdout (progress on stderr) and writes bench/results/latest.json;
// the server's full output goes to bench/results/server.log. See scenarios.ts to add scenarios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { clockTicksPerSecond } from './cpu.js';
import { measure, type Figures } from './measure.js';
import { formatTable, medianFigures } from './report.js';
import { scenarios, type Scenario } from './scenarios.js';
import { choosePort, prepareDatabase, projectRoot, startGateway, type BenchDatabase, type Gateway } from './server.js';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '15' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '3' },
    repeat: { type: 'string', default: process.env.BENCH_REPEAT ?? '1' },
  },
});

function positive(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min}, got "${text}"`);
  return value;
}
const durationS = positive('duration', args.duration, 1);
const connections = Math.round(positive('connections', args.connections, 1));
const warmupS = positive('warmup', args.warmup, 0);
const repeat = Math.round(positive('repeat', args.repeat, 1));

// `--scenario a --scenario b` or `--scenario a,b`; checked before anything is started.
const wanted = (args.scenario ?? []).flatMap((names) => names.split(',')).filter(Boolean);
const unknown = wanted.filter((name) => !scenarios.some((scenario) => scenario.name === name));
if (unknown.length) {
  throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
}
const selected = wanted.length ? scenarios.filter((scenario) => wanted.includes(scenario.name)) : scenarios;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const resultsDir = new URL('results/', import.meta.url);
const serverLog = 'bench/results/server.log';
mkdirSync(resultsDir, { recursive: true });

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

let database: BenchDatabase | undefined;
let gateway: Gateway | undefined;
async function cleanUp() {
  const [server, db] = [gateway, database];
  gateway = database = undefined;
  await server?.stop();
  await db?.drop();
}
// Ctrl-C or a kill must not leave a server running or the database behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15))));
}

async function runScenario(scenario: Scenario, server: Gateway) {
  const request = { ...scenario.request, ...(await scenario.setup?.({ baseUrl: server.baseUrl, jwtSecret: server.jwtSecret })) };
  const response = await fetch(server.baseUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
  scenario.verify(response.status, await response.text());

  const runs: (Figures & { statusCodes: Record<string, number> })[] = [];
  for (let i = 1; i <= repeat; i++) {
    progress(`${scenario.name}: run ${i}/${repeat} (${warmupS} s warm-up, ${durationS} s measured, ${connections} connections)`);
    const figures = await measure({ baseUrl: server.baseUrl, request, bodyOk: scenario.bodyOk, durationS, warmupS, connections, serverPid: server.pid });
    progress(`  ${figures.reqPerSec.toFixed(1)} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, ` +
      `${figures.serverCpuMsPerRequest.toFixed(2)} server CPU ms/req, ${figures.non2xx} non-2xx, ${figures.errors} errors, ${figures.badBodies} bad bodies`);
    runs.push(figures);
  }
  return { name: scenario.name, description: scenario.description, figures: medianFigures(runs), runs };
}

const results = [];
try {
  database = await prepareDatabase();
  const port = await choosePort();
  progress(`starting the gateway on 127.0.0.1:${port} (database ${new URL(database.url).pathname.slice(1)})`);
  progress(`server output: ${serverLog}`);
  gateway = await startGateway({ databaseUrl: database.url, port, logFile: new URL('server.log', resultsDir), echo: progress });
  for (const scenario of selected) results.push(await runScenario(scenario, gateway));
} finally {
  await cleanUp();
}

console.log(`\n${repeat > 1 ? `median of ${repeat} runs, ` : ''}${durationS} s per run, ${connections} connections`);
console.log(formatTable(results));

const report = {
  date: new Date().toISOString(),
  node: process.version,
  commit: gitCommit(),
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  durationSeconds: durationS,
  warmupSeconds: warmupS,
  connections,
  repeat,
  clockTicksPerSecond: clockTicksPerSecond(),
  scenarios: results,
};
writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(report, null, 2)}\n`);
progress('\nwritten: bench/results/latest.json');

// Failed requests make the figures suspect: say so, and fail the command.
if (results.some(({ runs }) => runs.some((run) => run.non2xx || run.errors || run.badBodies))) {
  progress(`WARNING: some requests failed (non-2xx, errors or bad bodies); see bench/results/latest.json and ${serverLog}`);
  process.exitCode = 1;
}
