// A submission's tracking token opens that submission only, without internal notes.
import { describe, expect, it } from 'vitest';
import { trackingToken } from '../../prisma/seed/random.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

// Seeded demo submissions (prisma/seed): deterministic references and tokens.
const request1 = { reference: 'PRR-2026-0001', token: 'trk_EO0S2ziThAnCdgtI7jh7COouA1Uew71k' };
const request2 = { reference: 'PRR-2026-0002', token: 'trk_M6EUiBu8OPyrvM7cMaPfyyYu3Hu5g4CM' };
const complaint1 = { reference: 'CMP-2026-0001', token: trackingToken('CMP-2026-0001') };
const complaint2 = { reference: 'CMP-2026-0002', token: 'trk_LNzWJGVmbNudPLMTIONOKpncZ3Id2AfM' };

const trackRequest = /* GraphQL */ `
  query($reference: String!, $token: String!) {
    trackDataRequest(reference: $reference, token: $token) {
      id reference status requesterEmail dueAt timeline { kind internal message }
    }
  }
`;

describe('tracking tokens', () => {
  it('open the submission they belong to, without internal notes', async () => {
    const result = await server().request(trackRequest, request1);
    expect(result.errors).toBeUndefined();
    const request = result.data!.trackDataRequest;
    expect(request.reference).toBe(request1.reference);
    expect(request.requesterEmail).toMatch(/@/);
    expect(request.timeline.length).toBeGreaterThan(0);
    expect(request.timeline.every((event: any) => event.internal === false)).toBe(true);

    const internalNotes = await server().db.prisma.dataRequestEvent.count({
      where: { request: { reference: request1.reference }, internal: true },
    });
    const staff = await server().request(`{ dataRequests(first: 50) { edges { node { reference timeline { internal } } } } }`, {}, await server().staff('clerk@toaks.example'));
    const seenByClerk = staff.data!.dataRequests.edges.find((e: any) => e.node.reference === request1.reference).node;
    expect(seenByClerk.timeline.filter((event: any) => event.internal).length).toBe(internalNotes);
  });

  it('cannot open another submission: a wrong token and an unknown reference both answer null', async () => {
    const crossed = await server().request(trackRequest, { reference: request2.reference, token: request1.token });
    const unknown = await server().request(trackRequest, { reference: 'PRR-2099-9999', token: request1.token });
    for (const result of [crossed, unknown]) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ trackDataRequest: null });
    }
    expect(crossed.text).toBe(unknown.text);
  });

  it('proving one submission does not open another by node id in the same request', async () => {
    const other = await server().db.prisma.dataRequest.findUniqueOrThrow({ where: { reference: request2.reference } });
    const otherNodeId = Buffer.from(`DataRequest:${other.id}`).toString('base64');
    const result = await server().request(
      `query($reference: String!, $token: String!, $other: ID!) {
        mine: trackDataRequest(reference: $reference, token: $token) { reference }
        other: node(id: $other) { ... on DataRequest { reference requesterEmail } }
      }`,
      { ...request1, other: otherNodeId },
    );
    expect(result.data?.mine?.reference).toBe(request1.reference);
    expect(result.data?.other ?? null).toBeNull();
    expect(result.text).not.toContain(other.requesterEmail ?? '@@');
  });

  it('works for complaints too (anonymous reporter, urgent exposed-data complaint)', async () => {
    const result = await server().request(
      'query($reference: String!, $token: String!) { trackComplaint(reference: $reference, token: $token) { reference category priority routedTo timeline { internal } } }',
      complaint2,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.trackComplaint).toMatchObject({ category: 'EXPOSED_PERSONAL_DATA', priority: 'URGENT' });
    expect(result.data!.trackComplaint.timeline.every((e: any) => !e.internal)).toBe(true);
  });
});

describe('staff who present a tracking token', () => {
  const trackComplaint = /* GraphQL */ `
    query($reference: String!, $token: String!) {
      trackComplaint(reference: $reference, token: $token) { reference reporterEmail assignee { name } timeline { internal } }
    }
  `;

  it('see a data request as its requester: their own contact data, but no internal notes and no assignee', async () => {
    const result = await server().request(
      'query($reference: String!, $token: String!) { trackDataRequest(reference: $reference, token: $token) { requesterEmail assignee { name } timeline { internal } } }',
      request1,
      await server().staff('compliance@toaks.example'), // a compliance officer does not work data requests
    );
    expect(result.errors).toBeUndefined();
    const request = result.data!.trackDataRequest;
    expect(request.requesterEmail).toMatch(/@/);
    expect(request.assignee).toBeNull();
    expect(request.timeline.length).toBeGreaterThan(0);
    expect(request.timeline.some((event: any) => event.internal)).toBe(false);
  });

  it('see internal notes and the assignee of a complaint only when it is routed to them', async () => {
    const internalNotes = await server().db.prisma.complaintEvent.count({
      where: { complaint: { reference: complaint1.reference }, internal: true },
    });
    expect(internalNotes).toBeGreaterThan(0);
    const holder = await server().request(trackComplaint, complaint1, await server().staff('kevin.ostrowski@toaks.example'));
    const routed = await server().request(trackComplaint, complaint1, await server().staff('daniel.whitfield@toaks.example'));
    expect(holder.errors).toBeUndefined();
    expect(routed.errors).toBeUndefined();
    expect(holder.data!.trackComplaint.timeline.filter((event: any) => event.internal)).toEqual([]);
    expect(holder.data!.trackComplaint.assignee).toBeNull();
    expect(routed.data!.trackComplaint.timeline.filter((event: any) => event.internal).length).toBe(internalNotes);
    expect(routed.data!.trackComplaint.assignee).toEqual({ name: 'Daniel Whitfield' });
  });
});

