// Staff who work a submission see who is assigned to it, whoever that is, and the submitter's contact data.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

describe('assignee and contact data for the staff who work a submission', () => {
  it('compliance officers see the assignee of every complaint, including other staff', async () => {
    const result = await server().request(
      '{ complaints(first: 50) { edges { node { reference reporterEmail assignee { name } } } } }',
      {},
      await server().staff('compliance@toaks.example'),
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.complaints.edges.map((edge: any) => edge.node);
    const assigned = await server().db.prisma.complaint.count({ where: { assigneeId: { not: null } } });
    expect(nodes.filter((node: any) => node.assignee !== null).length).toBe(assigned);
    expect(nodes.some((node: any) => node.assignee?.name === 'Daniel Whitfield')).toBe(true);
    expect(nodes.some((node: any) => node.reporterEmail !== null)).toBe(true);
  });

  it('a routed steward sees the assignee of a complaint about their dataset (here: an admin)', async () => {
    const result = await server().request(
      '{ complaints(first: 50) { edges { node { reference assignee { name } } } } }',
      {},
      await server().staff('maria.delgado@toaks.example'), // stewards the building permits
    );
    expect(result.errors).toBeUndefined();
    const exposed = result.data!.complaints.edges.map((edge: any) => edge.node).find((node: any) => node.reference === 'CMP-2026-0002');
    expect(exposed).toEqual({ reference: 'CMP-2026-0002', assignee: { name: 'Alex Moreno' } });
  });

  it('records clerks see the assignee and requester contact data of every request', async () => {
    const result = await server().request(
      '{ dataRequests(first: 50) { edges { node { requesterEmail assignee { name } } } } }',
      {},
      await server().staff('clerk@toaks.example'),
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.dataRequests.edges.map((edge: any) => edge.node);
    expect(nodes.some((node: any) => node.assignee?.name === 'Jennifer Walsh')).toBe(true);
    expect(nodes.some((node: any) => node.requesterEmail !== null)).toBe(true);
  });
});
