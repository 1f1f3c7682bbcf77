// With REDIS_URL, gateway instances share one rate-limit budget (the point of a Redis store).
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/access/rate-limit.js';
import { anonymous } from '../../src/access/viewer.js';
import { connectRedis } from '../../src/infra/redis.js';

const redisUrl = process.env.REDIS_URL;
const limits = { addressPerMinute: 12, failedCredentialsPerMinute: 12, anonymousPerMinute: 12, partnerPerMinute: 12, partnerHighPerMinute: 12, staffPerMinute: 12 };

async function accepted(limiters: RateLimiter[], ip: string, attempts: number) {
  let ok = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      await limiters[i % limiters.length]!.consume(anonymous, ip);
      ok++;
    } catch {
      // rejected: over budget
    }
  }
  return ok;
}

describe('rate limits across instances', () => {
  it('in memory, each instance keeps its own budget', async () => {
    const ip = `198.51.100.${randomInt(1, 250)}`;
    const one = await accepted([new RateLimiter(limits)], ip, 40);
    const two = await accepted([new RateLimiter(limits), new RateLimiter(limits)], ip, 40);
    expect(two).toBe(one * 2);
  });

  it.skipIf(!redisUrl)('in Redis, two instances share one budget (skipped: REDIS_URL not set)', async () => {
    const a = connectRedis(redisUrl!);
    const b = connectRedis(redisUrl!);
    try {
      // Until a connection is ready the limiter falls back to memory (tested below); wait for both.
      await Promise.all([a, b].map((client) => (client.status === 'ready' ? undefined : once(client, 'ready'))));
      const ip = `rl-test-${Date.now()}-${randomInt(1e9)}`;
      const single = await accepted([new RateLimiter(limits, a)], `${ip}-single`, 40);
      const shared = await accepted([new RateLimiter(limits, a), new RateLimiter(limits, b)], `${ip}-shared`, 40);
      expect(single).toBeGreaterThan(0);
      expect(single).toBeLessThan(40);
      expect(shared).toBe(single);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});

if (!redisUrl) console.warn('[rate-limit-shared] Redis test skipped: set REDIS_URL to run it (CI does).');

describe('when Redis is unreachable', () => {
  it('keeps limiting in memory instead of failing requests', async () => {
    const dead = connectRedis('redis://127.0.0.1:1'); // nothing listens on port 1
    dead.on('error', () => {});
    try {
      const ip = `203.0.113.${randomInt(1, 250)}`;
      const ok = await accepted([new RateLimiter(limits, dead)], ip, 40);
      expect(ok).toBeGreaterThan(0);
      expect(ok).toBeLessThan(40);
    } finally {
      dead.disconnect();
    }
  });
});
