// Limits of live streams: per-caller cap, heartbeats on idle streams, idle close, and a shutdown that ends
// every stream at once instead of waiting for the drain deadline.
import { describe, expect, it } from 'vitest';
import { partnerHeaders } from '../support/callers.js';
import { sseSubscribe, startLiveServer, wsSubscribe } from '../support/live-server.js';
import { until } from './support.js';

const SUBSCRIPTION = `subscription { datasetUpdated { cursor } }`;

describe('live limits', () => {
  it('caps concurrent subscriptions per API key, and frees the slot when one closes', async () => {
    const server = await startLiveServer({ LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '2' });
    try {
      const key = await partnerHeaders(server.db.prisma, ['subscribe']);
      const first = wsSubscribe(server, SUBSCRIPTION, {}, key);
      const second = sseSubscribe(server, SUBSCRIPTION, {}, key);
      await until(() => server.hub.subscriberCount === 2, 10_000, 'two subscriptions');
      const third = wsSubscribe(server, SUBSCRIPTION, {}, key);
      await third.waitForEnd();
      expect(JSON.stringify(third.errors)).toContain('TOO_MANY_SUBSCRIPTIONS');
      // Another caller is not affected.
      const other = wsSubscribe(server, SUBSCRIPTION, {}, await partnerHeaders(server.db.prisma, ['subscribe']));
      await until(() => server.hub.subscriberCount === 3, 10_000, 'the other caller');
      first.close();
      await until(() => server.hub.subscriberCount === 2, 10_000, 'the slot to free');
      const again = wsSubscribe(server, SUBSCRIPTION, {}, key);
      await until(() => server.hub.subscriberCount === 3, 10_000, 'the freed slot to be used');
      expect(again.errors).toEqual([]);
      for (const client of [second, other, again]) client.close();
    } finally {
      await server.shutdown();
      await server.db.close();
    }
  });

  it('sends heartbeats on a quiet SSE stream and completes a subscription idle past the timeout', async () => {
    const server = await startLiveServer({ LIVE_IDLE_TIMEOUT: '2s' });
    try {
      const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(SUBSCRIPTION)}`, {
        headers: { accept: 'text/event-stream', 'x-graphql-csrf': '1' },
      });
      const reader = response.body!.getReader();
      const started = Date.now();
      let text = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      const elapsed = Date.now() - started;
      expect(text.match(/^:$/gm)!.length).toBeGreaterThanOrEqual(3); // a ping at once, then every 300 ms under test
      expect(text).toContain('event: complete');
      expect(elapsed).toBeGreaterThanOrEqual(1_500);
      expect(elapsed).toBeLessThan(8_000);
    } finally {
      await server.shutdown();
      await server.db.close();
    }
  });

  it('shutdown ends SSE streams and WebSockets promptly', async () => {
    const server = await startLiveServer();
    const sse = sseSubscribe(server, SUBSCRIPTION);
    const ws = wsSubscribe(server, SUBSCRIPTION);
    await until(() => server.hub.subscriberCount === 2, 10_000, 'two subscriptions');
    const started = Date.now();
    await server.shutdown();
    expect(Date.now() - started).toBeLessThan(3_000);
    await sse.waitForEnd(2_000);
    await ws.waitForEnd(2_000);
    // The subscription completes first (the lazy client then closes normally) or the socket goes away: never cut.
    await until(() => ws.closeCode() !== undefined, 2_000, 'the socket to close');
    expect([1000, 1001]).toContain(ws.closeCode());
    await server.db.close();
  });
});
