// Start-up: config → database (embedded PGlite or PostgreSQL) → migrations/seed → HTTP server.
import './runtime-mode.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { prepareEmbedded } from './db/prepare-embedded.js';
import { prepareDatabase } from './db/setup.js';
import { createGateway, createLiveHub } from './http/gateway.js';
import { attachWebSocket } from './http/websocket.js';
import { startOutboxPruning } from './live/outbox.js';
import { startWebhookDeliverer, WebhookDeliverer } from './live/webhooks.js';
import { startFollowDigests } from './live/follows.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './infra/logger.js';
import { connectRedis } from './infra/redis.js';
import { logTransport, NotificationSender, smtpTransport, startNotificationSender } from './workflow/notification-sender.js';

const startedAt = performance.now();
const config = loadConfig();
const logger = createLogger(config.logLevel);
const log = (message: string) => logger.info(message);

log(config.database.url ? 'database: PostgreSQL server (DATABASE_URL)' : `database: embedded PGlite in ${config.database.pgliteDir}`);
const preparation = { seed: config.database.seedOnStart, baseUrl: config.publicBaseUrl };
if (!config.database.url) await prepareEmbedded({ ...preparation, pgliteDir: config.database.pgliteDir }, log);
const db = await openDatabase({
  url: config.database.url,
  pgliteDir: config.database.pgliteDir,
  poolSize: config.database.poolSize,
  logSql: config.database.logSql,
  onIdleConnectionError: (error) => logger.warn({ err: error }, 'database: an idle connection was closed by the server'),
});
if (config.database.url) await prepareDatabase(db, { ...preparation, log });

const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
if (redis) log('rate limits: shared in Redis (REDIS_URL)');
const live = createLiveHub(db, config, logger);
const gateway = createGateway({ db, config, redis, logger, live });
// GraphiQL's assets are built by the first request for its page (in a child process, a few seconds), not at
// start-up: holding them and the memory their transfer leaves behind costs ~14 MB of RSS (see README, Memory).
let closeWebSockets = async () => {};
const server = createHttpServer(gateway, {
  // Subscriptions complete (SSE) or close with "going away" (WebSocket); clients resume with their cursor.
  closeStreams: async () => {
    await live.close();
    await closeWebSockets();
  },
});
closeWebSockets = attachWebSocket(server.server, gateway).close;
const mailTransport = config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, config.mail.from) : logTransport(logger);
const stopNotifications = startNotificationSender(new NotificationSender(db.prisma, mailTransport), logger);
const stopDigests = startFollowDigests(db.prisma, config.publicBaseUrl, config.live.followDigestIntervalSeconds * 1000, (error) =>
  logger.error({ err: error }, 'follow digest failed'),
);
const stopWebhooks = startWebhookDeliverer(new WebhookDeliverer(db, live), logger);
const stopPruning = startOutboxPruning(db, config.live.retentionSeconds, (error) => logger.error({ err: error }, 'outbox pruning failed'));
await server.listen(config.port, config.host);
log(`ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: http://localhost:${config.port}/graphql (GraphiQL), /health`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  // Stop accepting, let in-flight requests finish (at most 10 s), then release the database.
  await server.shutdown();
  await stopNotifications();
  await stopWebhooks();
  await stopDigests();
  stopPruning();
  await gateway.dispose();
  await db.close();
  redis?.disconnect();
  log('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Under `npm start`, a SIGTERM sent to npm does not always reach us; stop when npm goes away.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown('npm exited'), 1000).unref();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
