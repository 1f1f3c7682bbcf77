// Submissions live: a tracking token follows only its own request or complaint; staff queues get the
// submissions their holder works and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { sseSubscribe, startLiveServer, wsSubscribe, type LiveServer } from '../support/live-server.js';
import { insertComplaintEvent } from './outbox-fixtures.js';
import { until } from './support.js';

const CHANGE = 'cursor kind reference action status version';

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer({ LIVE_POLL_INTERVAL_MS: '5000' });
});
afterAll(async () => {
  await server.shutdown();
  await server.db.close();
});

async function submitRequest(subject: string) {
  const { data, errors } = await server.request(
    `mutation($subject: String!) { submitDataRequest(input: { kind: SPECIAL_EXTRACT, subject: $subject,
      description: "Monthly counts of reported outages since 2022.", requesterEmail: "resident@example.com" }) {
      ... on SubmitDataRequestPayload { reference trackingToken } } }`,
    { subject },
  );
  if (!data?.submitDataRequest?.reference) throw new Error(JSON.stringify(errors));
  const { reference, trackingToken } = data.submitDataRequest as { reference: string; trackingToken: string };
  const tracked = await server.request(`query($r: String!, $t: String!) { trackDataRequest(reference: $r, token: $t) { id version } }`, { r: reference, t: trackingToken });
  return { reference, trackingToken, dataRequest: tracked.data!.trackDataRequest as { id: string; version: number } };
}

describe('dataRequestUpdated and the staff queue', () => {
  it('follows one request with its token; the clerk\'s queue sees every request; a steward\'s does not', async () => {
    const mine = await submitRequest('Street light outages');
    const requester = sseSubscribe(server, `subscription($r: String!, $t: String!) { dataRequestUpdated(reference: $r, token: $t) { ${CHANGE} } }`, {
      r: mine.reference,
      t: mine.trackingToken,
    });
    const clerk = wsSubscribe(server, `subscription { submissionQueue(queue: DATA_REQUESTS) { ${CHANGE} } }`, {}, await staffHeaders('clerk@toaks.example'));
    const steward = wsSubscribe(server, `subscription { submissionQueue(queue: DATA_REQUESTS) { ${CHANGE} } }`, {}, await staffHeaders('daniel.whitfield@toaks.example'));
    await until(() => server.hub.subscriberCount === 3, 10_000, 'three subscriptions');

    const other = await submitRequest('Pothole repairs');
    const acknowledged = await server.request(
      `mutation($id: ID!, $v: Int!) { acknowledgeDataRequest(input: { id: $id, expectedVersion: $v }) { __typename } }`,
      { id: mine.dataRequest.id, v: mine.dataRequest.version },
      await staffHeaders('clerk@toaks.example'),
    );
    expect(acknowledged.data?.acknowledgeDataRequest.__typename).toBe('AcknowledgeDataRequestPayload');

    const [event] = await requester.waitFor(1);
    expect(event).toMatchObject({ kind: 'DataRequest', reference: mine.reference, action: 'dataRequest.acknowledge', status: 'IN_REVIEW' });
    const queue = await clerk.waitFor(2);
    expect(queue.map((change) => change.reference)).toEqual([other.reference, mine.reference]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requester.events).toHaveLength(1);
    expect(steward.events).toHaveLength(0);
    for (const client of [requester, clerk, steward]) client.close();
  });

  it('refuses a wrong token the same way as an unknown reference', async () => {
    const wrong = wsSubscribe(server, `subscription { dataRequestUpdated(reference: "PRR-2026-0004", token: "trk_wrong") { cursor } }`);
    await wrong.waitForEnd();
    expect(JSON.stringify(wrong.errors)).toContain('NOT_FOUND');
  });

  it('keeps anonymous callers out of the staff queue', async () => {
    const anonymous = wsSubscribe(server, `subscription { submissionQueue(queue: COMPLAINTS) { cursor } }`);
    await anonymous.waitForEnd();
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
  });
});

describe('complaintUpdated', () => {
  it('follows a complaint with its token; compliance sees it in the queue, an unrelated steward does not', async () => {
    const reporter = sseSubscribe(server, `subscription { complaintUpdated(reference: "CMP-2026-0002", token: "trk_LNzWJGVmbNudPLMTIONOKpncZ3Id2AfM") { ${CHANGE} } }`);
    const compliance = wsSubscribe(server, `subscription { submissionQueue(queue: COMPLAINTS) { ${CHANGE} } }`, {}, await staffHeaders('compliance@toaks.example'));
    const unrelated = wsSubscribe(server, `subscription { submissionQueue(queue: COMPLAINTS) { ${CHANGE} } }`, {}, await staffHeaders('daniel.whitfield@toaks.example'));
    await until(() => server.hub.subscriberCount === 3, 10_000, 'three subscriptions');
    await insertComplaintEvent(server.db.prisma, 'CMP-2026-0005', 'RESOLVED', 'complaint.note');
    await insertComplaintEvent(server.db.prisma, 'CMP-2026-0002', 'RESOLVED', 'complaint.resolve');
    server.hub.notifyChange();
    const [event] = await reporter.waitFor(1);
    expect(event).toMatchObject({ kind: 'Complaint', reference: 'CMP-2026-0002', action: 'complaint.resolve', status: 'RESOLVED' });
    expect((await compliance.waitFor(2)).map((change) => change.reference)).toEqual(['CMP-2026-0005', 'CMP-2026-0002']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reporter.events).toHaveLength(1);
    expect(unrelated.events.map((change) => change.reference)).not.toContain('CMP-2026-0002');
    for (const client of [reporter, compliance, unrelated]) client.close();
  });
});
