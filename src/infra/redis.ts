// The optional shared Redis connection (REDIS_URL): rate-limit budgets now, pub/sub later.
// A stalled or unreachable Redis must not stall requests: commands time out quickly, callers fall back
// (rate limits to memory), and the trouble is logged once per episode instead of once per attempt.
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/** How long a command may take before it counts as failed. */
export const REDIS_COMMAND_TIMEOUT_MS = 100;
/** While Redis is in trouble, callers skip it; one attempt goes through after this long. */
const RETRY_AFTER_MS = 1_000;

export class RedisHealth {
  private troubled = false;
  private retryAt = 0;

  constructor(private readonly logger?: Pick<Logger, 'warn' | 'info'>) {}

  /** False while an episode of trouble lasts (except for an occasional retry). */
  get available(): boolean {
    return !this.troubled || Date.now() >= this.retryAt;
  }

  failed(error: unknown): void {
    this.retryAt = Date.now() + RETRY_AFTER_MS;
    if (this.troubled) return;
    this.troubled = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger?.warn({ reason }, 'Redis unavailable: falling back to in-memory rate limits');
  }

  succeeded(): void {
    if (!this.troubled) return;
    this.troubled = false;
    this.logger?.info('Redis recovered: rate limits are shared again');
  }
}

const healthOfClient = new WeakMap<Redis, RedisHealth>();

/** The health tracker of a client (shared by everyone using that client). */
export function redisHealth(client: Redis): RedisHealth {
  let health = healthOfClient.get(client);
  if (!health) {
    health = new RedisHealth();
    healthOfClient.set(client, health);
  }
  return health;
}

export function connectRedis(url: string, logger?: Pick<Logger, 'warn' | 'info'>): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, enableOfflineQueue: true });
  const health = new RedisHealth(logger);
  healthOfClient.set(client, health);
  // A listener also keeps ioredis from printing "Unhandled error event" on every reconnection attempt.
  client.on('error', (error) => health.failed(error));
  client.on('ready', () => health.succeeded());
  return client;
}
