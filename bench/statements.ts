// SQL statements per request: the scenario's request sent through the same commit's gateway in this
// process (yoga.fetch), on the same database, with the statement counter the tests use.
import { pathToFileURL } from 'node:url';
import type { BenchRequest } from './scenarios.js';

export async function statementsPerRequest(root: string, env: Record<string, string>, request: BenchRequest): Promise<number> {
  const load = (path: string) => import(pathToFileURL(`${root}/${path}`).href);
  const [{ openDatabase }, { loadConfig }, { createGateway }] = await Promise.all([
    load('src/db/client.ts'),
    load('src/config.ts'),
    load('src/http/gateway.ts'),
  ]);
  const config = loadConfig(env);
  const db = await openDatabase({ url: config.database.url, poolSize: 2, observeStatements: true });
  const quiet = { info() {}, warn() {}, error: console.error, debug() {} };
  const gateway = createGateway({ db, config, logger: quiet });
  try {
    const send = () => gateway.fetch(`http://127.0.0.1${request.path}`, { method: request.method, headers: request.headers, body: request.body }).then((r: Response) => r.text());
    await send(); // warm: first-use work (e.g. a partner key's lastUsedAt) is not per request
    const { statements } = await db.statements.measure(send);
    return statements.length;
  } finally {
    await gateway.dispose();
    await db.close();
  }
}
