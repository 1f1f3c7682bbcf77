// Subscriptions over both transports, with real clients: dataset changes made through the mutations reach
// the subscribers allowed to read them, with a cursor; filters and per-event authorization apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { sseSubscribe, startLiveServer, wsSubscribe, type LiveServer } from '../support/live-server.js';
import { ADMIN, touchDataset, until } from './support.js';

const DATASET_UPDATED = `subscription($filter: DatasetChangeFilter, $since: String) {
  datasetUpdated(filter: $filter, since: $since) { cursor identifier action operation version dataset { identifier description } }
}`;

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer({ LIVE_POLL_INTERVAL_MS: '5000' });
});
afterAll(async () => {
  await server.shutdown();
  await server.db.close();
});

describe('datasetUpdated', () => {
  it('reaches an SSE and a graphql-ws subscriber with the change and a cursor', async () => {
    const sse = sseSubscribe(server, DATASET_UPDATED);
    const ws = wsSubscribe(server, DATASET_UPDATED);
    await sse.opened;
    await until(() => server.hub.subscriberCount === 2, 10_000, 'both subscriptions');
    const version = await touchDataset(server, 'toaks-street-trees', 'Every street tree, surveyed again');
    const [fromSse] = await sse.waitFor(1);
    const [fromWs] = await ws.waitFor(1);
    for (const event of [fromSse, fromWs]) {
      expect(event).toMatchObject({
        identifier: 'toaks-street-trees',
        action: 'dataset.update',
        operation: 'UPDATED',
        version,
        dataset: { identifier: 'toaks-street-trees', description: 'Every street tree, surveyed again' },
      });
      expect(event.cursor).toEqual(expect.any(String));
    }
    expect(fromWs.cursor).toBe(fromSse.cursor);
    sse.close();
    ws.close();
    await until(() => server.hub.subscriberCount === 0, 5_000, 'subscriptions to close');
  });

  it('renders a shared event for each principal: staff see the steward e-mail, anonymous subscribers do not', async () => {
    const query = 'subscription { datasetUpdated { identifier dataset { steward { email } } } }';
    const anonymousSse = sseSubscribe(server, query);
    const anonymousWs = wsSubscribe(server, query);
    const staffSse = sseSubscribe(server, query, {}, await staffHeaders(ADMIN));
    await Promise.all([anonymousSse.opened, staffSse.opened]);
    await until(() => server.hub.subscriberCount === 3, 10_000, 'three subscriptions');
    await touchDataset(server, 'toaks-street-trees');
    const [[anonymous], [viaWs], [staff]] = await Promise.all([anonymousSse.waitFor(1), anonymousWs.waitFor(1), staffSse.waitFor(1)]);
    expect(anonymous).toEqual({ identifier: 'toaks-street-trees', dataset: { steward: { email: null } } });
    expect(viaWs).toEqual(anonymous);
    expect(staff.dataset.steward.email).toMatch(/@/);
    for (const subscription of [anonymousSse, anonymousWs, staffSse]) subscription.close();
    await until(() => server.hub.subscriberCount === 0, 5_000, 'subscriptions to close');
  });

  it('filters by dataset, department and theme', async () => {
    const departmentOnly = sseSubscribe(server, DATASET_UPDATED, { filter: { department: 'library-services' } });
    const streetsOnly = sseSubscribe(server, DATASET_UPDATED, { filter: { theme: 'nonexistent-theme' } });
    await Promise.all([departmentOnly.opened, streetsOnly.opened]);
    await touchDataset(server, 'toaks-street-trees');
    await touchDataset(server, 'toaks-library-branches');
    const [event] = await departmentOnly.waitFor(1);
    expect(event.identifier).toBe('toaks-library-branches');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(departmentOnly.events).toHaveLength(1);
    expect(streetsOnly.events).toHaveLength(0);
    departmentOnly.close();
    streetsOnly.close();
    await until(() => server.hub.subscriberCount === 0, 5_000, 'subscriptions to close');
  });

  it('delivers a restricted dataset\'s change only to those who may read it', async () => {
    const anonymous = sseSubscribe(server, DATASET_UPDATED);
    const steward = wsSubscribe(server, DATASET_UPDATED, {}, await staffHeaders('rebecca.hall@toaks.example'));
    const granted = sseSubscribe(server, DATASET_UPDATED, {}, await partnerHeaders(server.db.prisma, ['datasets:read:toaks-traffic-collisions']));
    const ungranted = sseSubscribe(server, DATASET_UPDATED, {}, await partnerHeaders(server.db.prisma, ['subscribe']));
    await until(() => server.hub.subscriberCount === 4, 10_000, 'four subscriptions');
    await touchDataset(server, 'toaks-traffic-collisions');
    await touchDataset(server, 'toaks-streetlights');
    expect((await steward.waitFor(2)).map((event) => event.identifier)).toEqual(['toaks-traffic-collisions', 'toaks-streetlights']);
    expect((await granted.waitFor(2)).map((event) => event.identifier)).toEqual(['toaks-traffic-collisions', 'toaks-streetlights']);
    expect((await anonymous.waitFor(1)).map((event) => event.identifier)).toEqual(['toaks-streetlights']);
    expect((await ungranted.waitFor(1)).map((event) => event.identifier)).toEqual(['toaks-streetlights']);
    for (const client of [anonymous, steward, granted, ungranted]) client.close();
    await until(() => server.hub.subscriberCount === 0, 5_000, 'subscriptions to close');
  });

  it('ends a revoked key\'s subscription at once', async () => {
    const { data } = await server.request(
      `mutation { createApiKey(input: { name: "Live", organization: "Lab", scopes: ["subscribe"] }) { ... on CreateApiKeyPayload { secret apiKey { id } } } }`,
      {},
      await staffHeaders(ADMIN),
    );
    const { secret, apiKey } = data!.createApiKey;
    const partner = wsSubscribe(server, DATASET_UPDATED, {}, { 'x-api-key': secret });
    await until(() => server.hub.subscriberCount === 1, 10_000, 'the partner subscription');
    await touchDataset(server, 'toaks-streetlights');
    await partner.waitFor(1);
    const revoked = await server.request(`mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`, { id: apiKey.id }, await staffHeaders(ADMIN));
    expect(revoked.data?.revokeApiKey.__typename).toBe('RevokeApiKeyPayload');
    await partner.waitForEnd(3_000);
    expect(JSON.stringify(partner.errors)).toContain('no longer valid');
    await touchDataset(server, 'toaks-streetlights');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(partner.events).toHaveLength(1);
  });
});
