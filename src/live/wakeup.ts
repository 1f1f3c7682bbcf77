// The wake-up signal between gateway instances: "the outbox has new rows, read it now". In memory by
// default; through Redis pub/sub with REDIS_URL, so a change committed through one instance wakes all.
// Only a hint: events themselves are always read from the outbox, so a lost wake-up (Redis down) only
// delays delivery until the next poll. Plain ioredis pub/sub rather than yoga's Redis event target: that
// one leaves its publish and subscribe promises unhandled, which crashes a process while Redis is down.
import { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';

const CHANNEL = 'gateway:outbox-committed';

export interface WakeupChannel {
  publish(): void;
  /** Calls `onWake` on every signal (from any instance) until `close`. */
  listen(onWake: () => void): void;
  close(): Promise<void>;
}

export function createWakeupChannel(redisUrl: string | undefined, logger: Pick<Logger, 'warn' | 'info'>): WakeupChannel {
  const listeners = new Set<() => void>();
  const wakeAll = () => listeners.forEach((listener) => listener());
  if (!redisUrl) {
    return {
      publish: () => queueMicrotask(wakeAll),
      listen: (onWake) => void listeners.add(onWake),
      close: async () => listeners.clear(),
    };
  }
  // Connected on first use, on dedicated connections: a subscribed connection can do nothing else, and the
  // shared one has a short command timeout meant for rate limits.
  let clients: { publisher: Redis; subscriber: Redis } | undefined;
  let troubled = false;
  const connect = () => {
    if (clients) return clients;
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false };
    clients = { publisher: new Redis(redisUrl, options), subscriber: new Redis(redisUrl, { ...options, enableOfflineQueue: true }) };
    for (const client of Object.values(clients)) {
      client.on('error', (error: Error) => {
        if (!troubled) logger.warn({ reason: error.message }, 'Redis unavailable: live updates fall back to polling the outbox');
        troubled = true;
      });
      client.on('ready', () => {
        if (troubled) logger.info('Redis recovered: live updates are woken through it again');
        troubled = false;
      });
    }
    clients.subscriber.on('message', (channel: string) => channel === CHANNEL && wakeAll());
    return clients;
  };
  return {
    publish() {
      // This instance wakes at once; the others through Redis (if it answers).
      queueMicrotask(wakeAll);
      connect().publisher.publish(CHANNEL, '1').catch(() => {});
    },
    listen(onWake) {
      if (listeners.size === 0) connect().subscriber.subscribe(CHANNEL).catch(() => {});
      listeners.add(onWake);
    },
    async close() {
      listeners.clear();
      clients?.publisher.disconnect();
      clients?.subscriber.disconnect();
    },
  };
}
