// The complaint rule has two forms, like dataset visibility: a predicate (access/policy.ts, used by field
// scopes) and a Prisma filter (complaints/service.ts, used by queues and lookups). They must agree.
import { describe, expect, it } from 'vitest';
import { worksComplaint } from '../../src/access/policy.js';
import type { Viewer } from '../../src/access/viewer.js';
import { complaintWorkWhere } from '../../src/complaints/service.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const staff = (roles: string[], stewardId: string | null = null): Viewer => ({
  kind: 'staff', staffId: 's', email: 'e', name: 'n', roles: new Set(roles as never[]), stewardId,
});

describe('worksComplaint and complaintWorkWhere', () => {
  it('select the same seeded complaints for every kind of caller', async () => {
    const { prisma } = gateway().db;
    const complaints = await prisma.complaint.findMany({ include: { dataset: { select: { stewardId: true } } } });
    const stewardIds = [...new Set(complaints.flatMap((complaint) => (complaint.dataset ? [complaint.dataset.stewardId] : [])))];
    const viewers: Viewer[] = [
      { kind: 'anonymous' },
      staff(['RECORDS_CLERK']),
      staff(['COMPLIANCE_OFFICER']),
      staff(['ADMIN']),
      ...stewardIds.map((stewardId) => staff(['STEWARD'], stewardId)),
    ];
    let worked = 0;
    for (const viewer of viewers) {
      const byFilter = (await prisma.complaint.findMany({ where: complaintWorkWhere(viewer), select: { id: true } })).map((c) => c.id).sort();
      const byPredicate = complaints.filter((complaint) => worksComplaint(viewer, complaint)).map((c) => c.id).sort();
      expect(byFilter).toEqual(byPredicate);
      worked += byFilter.length;
    }
    expect(worked).toBeGreaterThan(complaints.length); // the viewers above do work some complaints
  });
});
