// Webhooks against a local HTTP receiver: signed deliveries of readable events, exponential retries, the
// webhook disabled after repeated failures, the delivery log, and a redelivery.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDeliverer } from '../../src/live/webhooks.js';
import { latestSequence } from '../../src/live/outbox.js';
import { partnerHeaders } from '../support/callers.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { touchDataset, until } from './support.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: LiveServer;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  server = await startLiveServer();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.close();
  await server.shutdown();
  await server.db.close();
});

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
  __typename ... on CreateWebhookPayload { secret webhook { id url events active } } ... on ValidationError { problems { path message } } } }`;

async function caughtUp(deliverer: WebhookDeliverer) {
  const last = await latestSequence(server.db);
  await until(async () => (await server.hub.deliveredSequence()) >= last, 10_000, 'the outbox reader');
  await deliverer.runOnce();
}

describe('webhooks', () => {
  it('needs the subscribe scope and a valid http(s) URL', async () => {
    const without = await server.request(CREATE, { input: { url: receiverUrl, events: ['DATASET_UPDATED'] } }, await partnerHeaders(server.db.prisma, []));
    expect(without.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await server.request(CREATE, { input: { url: 'ftp://example.com', events: [] } }, await partnerHeaders(server.db.prisma, ['subscribe']));
    expect(bad.data?.createWebhook.problems.map((problem: { path: string[] }) => problem.path.join('.'))).toEqual(['input.url', 'input.events']);
  });

  it('delivers signed events the key may read, retries with backoff, disables after repeated failures, and redelivers', async () => {
    const partner = await partnerHeaders(server.db.prisma, ['subscribe']);
    const created = await server.request(CREATE, { input: { url: receiverUrl, events: ['DATASET_UPDATED'] } }, partner);
    const { secret, webhook } = created.data!.createWebhook;
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ url: receiverUrl, events: ['DATASET_UPDATED'], active: true });
    const listed = await server.request(`{ webhooks { id } }`, {}, partner);
    expect(listed.data?.webhooks).toEqual([{ id: webhook.id }]);
    // Another partner does not see it.
    const stranger = await server.request(`{ webhooks { id } }`, {}, await partnerHeaders(server.db.prisma, ['subscribe']));
    expect(stranger.data?.webhooks).toEqual([]);

    const deliverer = new WebhookDeliverer(server.db, server.hub, { baseDelayMs: 1_500, maxAttempts: 2, disableAfter: 1 });
    await deliverer.runOnce();
    await touchDataset(server, 'toaks-traffic-collisions'); // restricted: not for this key
    await touchDataset(server, 'toaks-street-trees');
    await caughtUp(deliverer);

    expect(received).toHaveLength(1);
    const [delivery] = received;
    const timestamp = delivery!.headers['x-gateway-timestamp'] as string;
    const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${delivery!.body}`).digest('hex')}`;
    expect(delivery!.headers['x-gateway-signature']).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'DATASET_UPDATED', identifier: 'toaks-street-trees', data: { action: 'dataset.update', operation: 'UPDATED' } });

    // The receiver breaks: first attempt fails, the retry waits (backoff), the second fails and gives up.
    answer = 500;
    await touchDataset(server, 'toaks-streetlights');
    await caughtUp(deliverer);
    expect(received).toHaveLength(2);
    await deliverer.sendDue();
    expect(received).toHaveLength(2); // not due yet
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await deliverer.sendDue();
    expect(received).toHaveLength(3);

    const LOG = `{ webhooks { active disabledAt deliveries(first: 10) { edges { node { id event status attempts lastStatusCode } } } } }`;
    const log = await server.request(LOG, {}, partner);
    const [hook] = log.data!.webhooks;
    expect(hook.active).toBe(false);
    const deliveries = hook.deliveries.edges.map((edge: { node: unknown }) => edge.node);
    expect(deliveries.map(({ status, attempts, lastStatusCode }: any) => ({ status, attempts, lastStatusCode }))).toEqual([
      { status: 'FAILED', attempts: 2, lastStatusCode: 500 },
      { status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200 },
    ]);

    // Disabled: new events wait. The partner fixes the endpoint and asks for the failed one again.
    answer = 204;
    const other = await server.request(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { __typename } }`, { id: deliveries[0].id }, await partnerHeaders(server.db.prisma, ['subscribe']));
    expect(other.data?.redeliverWebhook.__typename).toBe('NotFoundError');
    const again = await server.request(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { __typename ... on RedeliverWebhookPayload { delivery { status } } } }`, { id: deliveries[0].id }, partner);
    expect(again.data?.redeliverWebhook).toEqual({ __typename: 'RedeliverWebhookPayload', delivery: { status: 'PENDING' } });
    await deliverer.sendDue();
    expect(received).toHaveLength(4);
    expect(JSON.parse(received[3]!.body).identifier).toBe('toaks-streetlights');
    const after = await server.request(LOG, {}, partner);
    expect(after.data!.webhooks[0].active).toBe(true);
    expect(after.data!.webhooks[0].deliveries.edges[0].node.status).toBe('SUCCEEDED');
  });
});
