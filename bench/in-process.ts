// CPU per request without the network and without a load generator competing for the same cores:
// `node --import tsx bench/in-process.ts [--scenario A-catalog-list]… [--requests 2000] [--concurrency 4]`
// runs the compiled gateway (dist/, built first with `npm run build`) in this process against
// BENCH_DATABASE_URL (a seeded database) and sends each scenario's request through `gateway.fetch`,
// CONCURRENCY at a time. Prints this process's CPU ms per request (process.cpuUsage: user + system; the
// database's own CPU is not in it). Add `node --cpu-prof` to see where the time goes. Scenarios with a
// setup step (API keys, the million rows, the generated catalog) run only when named with --scenario; their
// setup gets the database and the process's JWT secret, but no server URL. `--profile DIR` writes a CPU profile
// of each scenario's measured rounds only (no start-up, no warm-up) to DIR/<scenario>.cpuprofile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarios } from './scenarios.js';
import { projectRoot } from './server.js';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    /** Another checkout (built) to measure instead of this one. */
    root: { type: 'string', default: projectRoot },
    profile: { type: 'string' },
  },
});
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('set BENCH_DATABASE_URL to a seeded database (npm run db:seed)');
const wanted = (args.scenario ?? []).flatMap((names) => names.split(','));
const selected = scenarios.filter((s) => (wanted.length ? wanted.includes(s.name) : !s.setup));
const requests = Number(args.requests);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);

// As the benchmark's server runs: graphql-js checks NODE_ENV when it loads, and outside production its
// instanceOf guards (every isObjectType/isListType… that answers no) cost ~5 % of a catalog page.
process.env.NODE_ENV = 'production';
const load = (path: string) => import(pathToFileURL(`${args.root.replace(/\/?$/, '/')}dist/${path}`).href);
const [{ openDatabase }, { loadConfig }, { createGateway }, { createLogger }] = await Promise.all([
  load('src/db/client.js'),
  load('src/config.js'),
  load('src/http/gateway.js'),
  load('src/infra/logger.js'),
]);
const rates = Object.fromEntries(
  ['ADDRESS', 'ANONYMOUS', 'PARTNER', 'PARTNER_HIGH', 'STAFF'].map((tier) => [`RATE_LIMIT_${tier}_PER_MINUTE`, '100000000']),
);
const jwtSecret = 'x'.repeat(40);
const config = loadConfig({ ...process.env, ...rates, DATABASE_URL: databaseUrl, NODE_ENV: 'production', JWT_SECRET: jwtSecret });
const db = await openDatabase({ url: databaseUrl, poolSize: config.database.poolSize });
const gateway = createGateway({ db, config, logger: createLogger('error') });

type Request = (typeof selected)[number]['request'];

async function run(scenario: (typeof selected)[number], request: Request, count: number): Promise<void> {
  const { path, method, headers, body } = request;
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const response = await gateway.fetch(`http://127.0.0.1${path}`, { method, headers, body });
      const text = await response.text();
      if (scenario.bodyOk && !scenario.bodyOk(text)) throw new Error(`${scenario.name}: bad body ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

try {
  for (const scenario of selected) {
    const request = { ...scenario.request, ...(await scenario.setup?.({ baseUrl: '', jwtSecret, databaseUrl })) };
    const { path, method, headers, body } = request;
    const first = await gateway.fetch(`http://127.0.0.1${path}`, { method, headers, body });
    scenario.verify(first.status, await first.text());
    await run(scenario, request, Math.min(requests, 500)); // warm-up: JIT, pool, caches
    const figures: string[] = [];
    const session = args.profile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    for (let round = 0; round < rounds; round++) {
      const before = cpuMs();
      await run(scenario, request, requests);
      figures.push(((cpuMs() - before) / requests).toFixed(3));
    }
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(args.profile!, { recursive: true });
      writeFileSync(join(args.profile!, `${scenario.name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    console.log(`${scenario.name}: ${figures.join(' ')} CPU ms/request (${requests} requests × ${rounds}, ${concurrency} at a time)`);
  }
} finally {
  await gateway.dispose();
  await db.close();
}
