// A submission's tracking token opens that submission only, without internal notes.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

// Seeded demo submissions (prisma/seed): deterministic references and tokens.
const request1 = { reference: 'PRR-2026-0001', token: 'trk_EO0S2ziThAnCdgtI7jh7COouA1Uew71k' };
const request2 = { reference: 'PRR-2026-0002', token: 'trk_M6EUiBu8OPyrvM7cMaPfyyYu3Hu5g4CM' };
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

  it("cannot open another submission, and a wrong token looks like an unknown reference", async () => {
    const crossed = await server().request(trackRequest, { reference: request2.reference, token: request1.token });
    const unknown = await server().request(trackRequest, { reference: 'PRR-2099-9999', token: request1.token });
    for (const result of [crossed, unknown]) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(result.text).not.toContain('requesterEmail');
    }
    expect(crossed.errors![0]!.message.replace(request2.reference, 'REF')).toBe(
      unknown.errors![0]!.message.replace('PRR-2099-9999', 'REF'),
    );
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
