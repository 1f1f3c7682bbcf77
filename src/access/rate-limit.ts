// Request budgets: per client address (every request, and anonymous ones), failed credentials per address,
// per API key for partners, per staff member. Backed by rate-limiter-flexible: in memory by default, in Redis
// when REDIS_URL is set so that several gateway instances share one budget. Each budget behaves as a token
// bucket: a steady refill (the per-minute rate, spread over 10-second windows) plus a burst allowance of the
// same size per minute. Failed credentials are a plain per-minute count (no burst).
import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterRedisOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { RateLimitedError } from '../errors.js';
import { redisHealth, type RedisHealth } from '../infra/redis.js';
import type { Viewer } from './viewer.js';

export type RateTier = 'address' | 'anonymous' | 'failedCredentials' | 'partner' | 'partnerHigh' | 'staff';

function perMinute(config: Config['rateLimits'], tier: RateTier): number {
  switch (tier) {
    case 'address':
      return config.addressPerMinute;
    case 'anonymous':
      return config.anonymousPerMinute;
    case 'failedCredentials':
      return config.failedCredentialsPerMinute;
    case 'partner':
      return config.partnerPerMinute;
    case 'partnerHigh':
      return config.partnerHighPerMinute;
    case 'staff':
      return config.staffPerMinute;
  }
}

export function rateKey(viewer: Viewer, address: string): { tier: RateTier; key: string } {
  switch (viewer.kind) {
    case 'partner':
      return { tier: viewer.scopes.has('rate:high') ? 'partnerHigh' : 'partner', key: `key:${viewer.apiKeyId}` };
    case 'staff':
      return { tier: 'staff', key: `staff:${viewer.staffId}` };
    default:
      return { tier: 'anonymous', key: `ip:${address}` };
  }
}

/** A Redis limiter that skips Redis while it is in trouble (its insurance limiter answers instead). */
class GuardedRedisLimiter extends RateLimiterRedis {
  private readonly health: RedisHealth;

  constructor(private readonly redis: Redis, options: Omit<IRateLimiterRedisOptions, 'storeClient'>) {
    super({ ...options, storeClient: redis });
    this.health = redisHealth(redis);
  }

  private async guarded<T>(command: () => Promise<T>): Promise<T> {
    // Not connected (yet, or any more): the client's own events report that; don't count it as a failure.
    if (!this.health.available || this.redis.status !== 'ready') throw new Error('Redis is unavailable');
    try {
      const result = await command();
      this.health.succeeded();
      return result;
    } catch (error) {
      this.health.failed(error);
      throw error;
    }
  }

  // The library's store hooks (not in its typings); failures here reach the insurance limiter.
  override _upsert(...args: unknown[]): Promise<unknown> {
    return this.guarded(() => (RateLimiterRedis.prototype as unknown as StoreHooks)._upsert.apply(this, args));
  }

  override _get(...args: unknown[]): Promise<unknown> {
    return this.guarded(() => (RateLimiterRedis.prototype as unknown as StoreHooks)._get.apply(this, args));
  }
}

interface StoreHooks {
  _upsert(...args: unknown[]): Promise<unknown>;
  _get(...args: unknown[]): Promise<unknown>;
}

declare module 'rate-limiter-flexible' {
  interface RateLimiterRedis extends StoreHooks {}
}

function rejectionToError(rejection: unknown): never {
  if (rejection instanceof RateLimiterRes) {
    throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
  throw rejection; // the store itself failed
}

export class RateLimiter {
  private readonly limiters = new Map<RateTier, RateLimiterAbstract | BurstyRateLimiter>();

  constructor(private readonly config: Config['rateLimits'], private readonly redis?: Redis) {}

  private store(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
    const local = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!this.redis) return local;
    // If Redis fails or stalls, each instance keeps limiting on its own rather than failing every request.
    return new GuardedRedisLimiter(this.redis, {
      useRedisPackage: false,
      keyPrefix,
      points,
      duration,
      insuranceLimiter: local,
    });
  }

  private limiter(tier: RateTier): RateLimiterAbstract | BurstyRateLimiter {
    let limiter = this.limiters.get(tier);
    if (!limiter) {
      const rate = perMinute(this.config, tier);
      const tenth = Math.max(1, Math.ceil(rate / 6));
      limiter =
        tier === 'failedCredentials'
          ? this.store(`rl:${tier}`, Math.max(1, rate), 60)
          : new BurstyRateLimiter(this.store(`rl:${tier}`, tenth, 10), this.store(`rl:${tier}:burst`, tenth, 60));
      this.limiters.set(tier, limiter);
    }
    return limiter;
  }

  /** Takes one token from this budget, or throws RateLimitedError with the time until the next one. */
  async charge(tier: RateTier, key: string): Promise<void> {
    await this.limiter(tier).consume(key).catch(rejectionToError);
  }

  /** Throws RateLimitedError when this budget has nothing left, without taking from it. */
  async ensureLeft(tier: RateTier, key: string): Promise<void> {
    // Every limiter has get() at run time; BurstyRateLimiter's typings omit it.
    const state = await (this.limiter(tier) as RateLimiterAbstract).get(key);
    if (state && state.remainingPoints <= 0) rejectionToError(state);
  }

  /** Takes one token from this caller's own budget (per key, per staff member, or per address). */
  async consume(viewer: Viewer, address: string): Promise<void> {
    const { tier, key } = rateKey(viewer, address);
    await this.charge(tier, key);
  }
}
