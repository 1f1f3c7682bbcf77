// The steward of a request's dataset works that request (actions, queue, contact data), and only that one:
// the same rule decides who may act on a request and whose queue lists it.
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });

const SUBMIT = `mutation($input: SubmitDataRequestInput!) { submitDataRequest(input: $input) { ... on SubmitDataRequestPayload { reference } } }`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeDataRequestInput!) {
  acknowledgeDataRequest(input: $input) { __typename ... on AcknowledgeDataRequestPayload { dataRequest { status requesterEmail } } }
}`;
const QUEUE = `{ dataRequests(first: 50) { totalCount edges { node { reference requesterEmail } } } }`;

/** A request about the street-tree dataset, its steward, and a steward of other datasets only. */
async function requestAboutStreetTrees() {
  const { prisma } = gateway().db;
  const dataset = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' }, include: { steward: true } });
  const other = await prisma.staffUser.findFirstOrThrow({ where: { roles: { has: 'STEWARD' }, id: { not: dataset.stewardId }, active: true } });
  const datasetId = Buffer.from(`Dataset:${dataset.id}`).toString('base64');
  const { data } = await gateway().request(SUBMIT, {
    input: { kind: 'SPECIAL_EXTRACT', subject: 'Tree inspections', description: 'Inspection notes per tree.', datasetId, requesterEmail: 'neighbour@example.com' },
  });
  const { reference } = data!.submitDataRequest;
  const row = await prisma.dataRequest.findUniqueOrThrow({ where: { reference } });
  return { id: Buffer.from(`DataRequest:${row.id}`).toString('base64'), reference, steward: dataset.steward.email, otherSteward: other.email };
}

describe('the steward of a request’s dataset', () => {
  it('works that request; a steward of other datasets neither sees nor works it', async () => {
    const request = await requestAboutStreetTrees();

    const outsider = await staffHeaders(request.otherSteward);
    const refused = await gateway().request(ACKNOWLEDGE, { input: { id: request.id, expectedVersion: 1 } }, outsider);
    expect(refused.data!.acknowledgeDataRequest.__typename).toBe('NotFoundError');
    const outsiderQueue = await gateway().request(QUEUE, {}, outsider);
    expect(outsiderQueue.data!.dataRequests.edges.map((edge: any) => edge.node.reference)).not.toContain(request.reference);

    const steward = await staffHeaders(request.steward);
    const acknowledged = await gateway().request(ACKNOWLEDGE, { input: { id: request.id, expectedVersion: 1 } }, steward);
    expect(acknowledged.errors).toBeUndefined();
    expect(acknowledged.data!.acknowledgeDataRequest).toMatchObject({ dataRequest: { status: 'IN_REVIEW', requesterEmail: 'neighbour@example.com' } });
    const queue = await gateway().request(QUEUE, {}, steward);
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.dataRequests.edges.map((edge: any) => edge.node)).toContainEqual({ reference: request.reference, requesterEmail: 'neighbour@example.com' });
    expect(queue.data!.dataRequests.totalCount).toBe(queue.data!.dataRequests.edges.length);
  });
});
