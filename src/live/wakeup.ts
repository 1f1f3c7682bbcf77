// The wake-up signal between gateway instances: "the outbox has new rows, read it now". In memory by
// default; through Redis pub/sub with REDIS_URL, so a change committed through one instance wakes all.
// Only a hint: events themselves are always read from the outbox, so a lost wake-up (Redis down) only
// delays delivery until the next poll.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';

const CHANNEL = 'outbox:committed';

export interface WakeupChannel {
  publish(): void;
  /** Calls `onWake` on every signal (from any instance) until `close`. */
  listen(onWake: () => void): void;
  close(): Promise<void>;
}

export function createWakeupChannel(redisUrl: string | undefined, logger: Pick<Logger, 'warn'>): WakeupChannel {
  let clients: Redis[] = [];
  let pubsub: ReturnType<typeof createPubSub<{ [CHANNEL]: [number] }>> | undefined;
  let subscription: AsyncIterator<unknown> | undefined;
  // Connected on first use: a gateway that never publishes or listens opens nothing.
  const channel = () => {
    if (pubsub) return pubsub;
    if (!redisUrl) return (pubsub = createPubSub());
    // Dedicated connections: a subscribed connection can do nothing else, and the shared one has a short
    // command timeout meant for rate limits.
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false };
    clients = [new Redis(redisUrl, options), new Redis(redisUrl, { ...options, enableOfflineQueue: true })];
    let warned = false;
    for (const client of clients) {
      client.on('error', (error) => {
        if (!warned) logger.warn({ reason: error.message }, 'Redis unavailable: live updates fall back to polling the outbox');
        warned = true;
      });
      client.on('ready', () => (warned = false));
    }
    return (pubsub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient: clients[0]!, subscribeClient: clients[1]! }) }));
  };
  return {
    publish() {
      try {
        channel().publish(CHANNEL, Date.now());
      } catch {
        // Redis refused: the poll picks the change up.
      }
    },
    listen(onWake) {
      const iterator = channel().subscribe(CHANNEL)[Symbol.asyncIterator]();
      subscription = iterator;
      void (async () => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) onWake();
      })().catch(() => {});
    },
    async close() {
      await subscription?.return?.();
      for (const client of clients) client.disconnect();
    },
  };
}
