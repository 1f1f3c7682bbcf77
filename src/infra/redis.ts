// The optional shared Redis connection (REDIS_URL): rate-limit budgets now, pub/sub later.
import { Redis } from 'ioredis';

export function connectRedis(url: string): Redis {
  // Fail fast instead of queueing commands forever when Redis is unreachable.
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}
