// Start-up: config → database (embedded PGlite or PostgreSQL) → migrations/seed → HTTP server.
import { createServer } from 'node:http';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { prepareDatabase } from './db/setup.js';
import { createGateway } from './http/gateway.js';

const startedAt = performance.now();
const config = loadConfig();
const log = (message: string) => console.log(`[gateway] ${message}`);

log(config.database.url ? 'database: PostgreSQL server (DATABASE_URL)' : `database: embedded PGlite in ${config.database.pgliteDir}`);
const db = await openDatabase({
  url: config.database.url,
  pgliteDir: config.database.pgliteDir,
  poolSize: config.database.poolSize,
  logSql: config.database.logSql,
});
await prepareDatabase(db, { seed: config.database.seedOnStart, baseUrl: config.publicBaseUrl, log });

const gateway = createGateway({ db, config });
const server = createServer(gateway);
server.listen(config.port, config.host, () => {
  log(`ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: http://localhost:${config.port}/graphql (GraphiQL), /health`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  server.closeIdleConnections();
  server.close();
  await gateway.dispose();
  await db.close();
  log('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
