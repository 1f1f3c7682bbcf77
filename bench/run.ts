// Load benchmark of the gateway: `npm run bench -- [--scenario NAME]… [--duration S] [--connections N]
// [--warmup S] [--repeat N] [--baseline GIT-REF] [--save NAME]`. Starts the gateway on a fresh PostgreSQL
// database (and, with --baseline, that commit's gateway on another, measured in alternation in the same
// run), loads each scenario from 127.0.0.1, prints a table on stdout (progress on stderr) and writes
// bench/results/latest.json (and NAME.json); server output goes to bench/results/server*.log.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { clockTicksPerSecond } from './cpu.js';
import { checkoutBaseline, type Baseline } from './baseline.js';
import { send } from './http.js';
import { measure, type Figures } from './measure.js';
import { formatTable, medianFigures } from './report.js';
import { scenarios, type BenchRequest, type Scenario } from './scenarios.js';
import { choosePort, prepareDatabase, projectRoot, startGateway, type BenchDatabase, type Gateway } from './server.js';
import { statementsPerRequest } from './statements.js';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '15' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '3' },
    repeat: { type: 'string', default: process.env.BENCH_REPEAT ?? '1' },
    baseline: { type: 'string' },
    save: { type: 'string' },
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
if (args.save && !/^[\w.-]+$/.test(args.save)) throw new Error('--save takes a plain file name');

// `--scenario a --scenario b` or `--scenario a,b`; checked before anything is started.
const wanted = (args.scenario ?? []).flatMap((names) => names.split(',')).filter(Boolean);
const unknown = wanted.filter((name) => !scenarios.some((scenario) => scenario.name === name));
if (unknown.length) {
  throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
}
const selected = wanted.length ? scenarios.filter((scenario) => wanted.includes(scenario.name)) : scenarios;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const resultsDir = new URL('results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** One gateway under test: this checkout, or the baseline commit. */
interface Target {
  label: string;
  commit: string | null;
  database: BenchDatabase;
  gateway?: Gateway;
}

const targets: Target[] = [];
let baseline: Baseline | undefined;
async function cleanUp() {
  const stopping = targets.splice(0);
  for (const target of stopping) await target.gateway?.stop();
  for (const target of stopping) await target.database.drop();
  baseline?.remove();
  baseline = undefined;
}
// Ctrl-C or a kill must not leave a server running or the database behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15))));
}

type Run = Figures & { statusCodes: Record<string, number> };

async function runScenario(scenario: Scenario) {
  const requests = new Map<Target, BenchRequest>();
  const statements: Record<string, number> = {};
  for (const target of targets) {
    const server = target.gateway!;
    const request = { ...scenario.request, ...(await scenario.setup?.({ baseUrl: server.baseUrl, jwtSecret: server.jwtSecret, databaseUrl: target.database.url })) };
    const response = await send(server.baseUrl + request.path, request);
    scenario.verify(response.status, response.text);
    statements[target.label] = statementsPerRequest(server.root, server.env, request);
    requests.set(target, request);
  }
  const runs: Record<string, Run[]> = Object.fromEntries(targets.map((target) => [target.label, []]));
  // Alternating targets run by run, so that both see the same machine load.
  for (let i = 1; i <= repeat; i++) {
    for (const target of targets) {
      progress(`${scenario.name} [${target.label}]: run ${i}/${repeat} (${warmupS} s warm-up, ${durationS} s measured, ${connections} connections)`);
      const server = target.gateway!;
      const figures = await measure({ baseUrl: server.baseUrl, request: requests.get(target)!, bodyOk: scenario.bodyOk, durationS, warmupS, connections, serverPid: server.pid });
      progress(`  ${figures.reqPerSec.toFixed(1)} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, ` +
        `${figures.serverCpuMsPerRequest.toFixed(2)} server CPU ms/req, ${figures.non2xx} non-2xx, ${figures.errors} errors, ${figures.badBodies} bad bodies`);
      runs[target.label]!.push(figures);
    }
  }
  return targets.map((target) => ({
    name: scenario.name,
    target: target.label,
    description: scenario.description,
    statementsPerRequest: statements[target.label]!,
    figures: medianFigures(runs[target.label]!),
    runs: runs[target.label]!,
  }));
}

const results: Awaited<ReturnType<typeof runScenario>> = [];
const memory: Record<string, { rss: number; peak: number }> = {};
try {
  targets.push({ label: 'current', commit: gitCommit(), database: await prepareDatabase('cod_bench') });
  if (args.baseline) {
    baseline = checkoutBaseline(args.baseline, progress);
    targets.push({ label: `baseline ${baseline.commit}`, commit: baseline.commit, database: await prepareDatabase('cod_bench_baseline', baseline.dir) });
  }
  for (const [i, target] of targets.entries()) {
    const port = await choosePort(i);
    const logName = i === 0 ? 'server.log' : 'server-baseline.log';
    progress(`starting ${target.label} on 127.0.0.1:${port} (database ${new URL(target.database.url).pathname.slice(1)}); output: bench/results/${logName}`);
    target.gateway = await startGateway({
      databaseUrl: target.database.url,
      port,
      logFile: new URL(logName, resultsDir),
      echo: progress,
      root: i === 0 ? projectRoot : baseline!.dir,
    });
  }
  for (const scenario of selected) results.push(...(await runScenario(scenario)));
  for (const target of targets) memory[target.label] = target.gateway!.memoryMb();
} finally {
  await cleanUp();
}

console.log(`\n${repeat > 1 ? `median of ${repeat} runs, ` : ''}${durationS} s per run, ${connections} connections`);
console.log(formatTable(results.map((result) => ({ ...result, name: targets.length > 1 || result.target !== 'current' ? `${result.name} [${result.target}]` : result.name }))));
for (const [label, { rss, peak }] of Object.entries(memory)) console.log(`memory after the benchmark [${label}]: RSS ${rss} MB (peak ${peak} MB)`);

const report = {
  date: new Date().toISOString(),
  node: process.version,
  commit: gitCommit(),
  baseline: baseline ? { ref: args.baseline, commit: targets[1]?.commit } : args.baseline ? { ref: args.baseline } : null,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  durationSeconds: durationS,
  warmupSeconds: warmupS,
  connections,
  repeat,
  clockTicksPerSecond: clockTicksPerSecond(),
  memoryMbAfter: memory,
  scenarios: results,
};
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(new URL('latest.json', resultsDir), json);
if (args.save) writeFileSync(new URL(`${args.save}.json`, resultsDir), json);
progress(`\nwritten: bench/results/latest.json${args.save ? ` and bench/results/${args.save}.json` : ''}`);

// Failed requests make the figures suspect: say so, and fail the command.
if (results.some(({ runs }) => runs.some((run) => run.non2xx || run.errors || run.badBodies))) {
  progress('WARNING: some requests failed (non-2xx, errors or bad bodies); see bench/results/latest.json and bench/results/server*.log');
  process.exitCode = 1;
}
