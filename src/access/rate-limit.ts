// Per-caller request budgets: per API key for partners, per staff member, per client IP for anonymous
// callers. Backed by rate-limiter-flexible: in memory by default, in Redis when REDIS_URL is set so that
// several gateway instances share one budget. Each budget behaves as a token bucket: a steady refill
// (the per-minute rate, spread over 10-second windows) plus a burst allowance of the same size per minute.
import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { RateLimitedError } from '../errors.js';
import type { Viewer } from './viewer.js';

export type RateTier = 'anonymous' | 'partner' | 'partnerHigh' | 'staff';

function perMinute(config: Config['rateLimits'], tier: RateTier): number {
  switch (tier) {
    case 'anonymous':
      return config.anonymousPerMinute;
    case 'partner':
      return config.partnerPerMinute;
    case 'partnerHigh':
      return config.partnerHighPerMinute;
    case 'staff':
      return config.staffPerMinute;
  }
}

export function rateKey(viewer: Viewer, clientIp: string): { tier: RateTier; key: string } {
  switch (viewer.kind) {
    case 'partner':
      return { tier: viewer.scopes.has('rate:high') ? 'partnerHigh' : 'partner', key: `key:${viewer.apiKeyId}` };
    case 'staff':
      return { tier: 'staff', key: `staff:${viewer.staffId}` };
    default:
      return { tier: 'anonymous', key: `ip:${clientIp}` };
  }
}

export class RateLimiter {
  private readonly limiters = new Map<RateTier, BurstyRateLimiter>();

  constructor(private readonly config: Config['rateLimits'], private readonly redis?: Redis) {}

  private limiter(tier: RateTier): BurstyRateLimiter {
    let limiter = this.limiters.get(tier);
    if (!limiter) {
      const rate = perMinute(this.config, tier);
      const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
        const local = new RateLimiterMemory({ keyPrefix, points, duration });
        // If Redis fails, each instance keeps limiting on its own rather than failing every request.
        return this.redis
          ? new RateLimiterRedis({ storeClient: this.redis, useRedisPackage: false, rejectIfRedisNotReady: true, keyPrefix, points, duration, insuranceLimiter: local })
          : local;
      };
      limiter = new BurstyRateLimiter(
        make(`rl:${tier}`, Math.max(1, Math.ceil(rate / 6)), 10),
        make(`rl:${tier}:burst`, Math.max(1, Math.ceil(rate / 6)), 60),
      );
      this.limiters.set(tier, limiter);
    }
    return limiter;
  }

  /** Takes one token for this caller, or throws RateLimitedError with the time until the next one. */
  async consume(viewer: Viewer, clientIp: string): Promise<void> {
    const { tier, key } = rateKey(viewer, clientIp);
    try {
      await this.limiter(tier).consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection; // the store itself failed
    }
  }
}
