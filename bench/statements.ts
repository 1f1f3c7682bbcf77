// SQL statements per request: the scenario's request sent through the same commit's gateway (yoga.fetch)
// on the same database, with the statement counter the tests use, in a child process of its own (two
// commits' schemas cannot be built in one process: Pothos plugins register globally).
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRequest } from './scenarios.js';

export function statementsPerRequest(root: string, env: Record<string, string>, request: BenchRequest): number {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_COUNT_JOB: JSON.stringify({ root, request }) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return Number(output.trim().split('\n').pop());
}

async function countInThisProcess(root: string, request: BenchRequest): Promise<number> {
  const load = (path: string) => import(pathToFileURL(`${root}/${path}`).href);
  const [{ openDatabase }, { loadConfig }, { createGateway }, { createLogger }] = await Promise.all([
    load('src/db/client.ts'),
    load('src/config.ts'),
    load('src/http/gateway.ts'),
    load('src/infra/logger.ts'),
  ]);
  const config = loadConfig(process.env);
  const db = await openDatabase({ url: config.database.url, poolSize: 2, observeStatements: true });
  const gateway = createGateway({ db, config, logger: createLogger('error') });
  try {
    const send = () =>
      gateway.fetch(`http://127.0.0.1${request.path}`, { method: request.method, headers: request.headers, body: request.body }).then((r: Response) => r.text());
    await send(); // warm: first-use work (e.g. a partner key's lastUsedAt) is not per request
    const { statements } = await db.statements.measure(send);
    return statements.length;
  } finally {
    await gateway.dispose();
    await db.close();
  }
}

const job = process.env.BENCH_COUNT_JOB;
if (job) {
  const { root, request } = JSON.parse(job) as { root: string; request: BenchRequest };
  console.log(await countInThisProcess(root, request));
  process.exit(0);
}
