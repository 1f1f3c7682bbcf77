// The staff queue's filters (overdue, due within N days, due before, assignee…) with totalCount, soonest
// deadline first, and the public statistics.
import { beforeAll, describe, expect, it } from 'vitest';
import { dueAtEndOfDay } from '../../src/workflow/deadlines.js';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const QUEUE = /* GraphQL */ `
  query($assigneeId: ID, $overdue: Boolean, $dueWithinDays: Int, $dueBefore: DateTime, $status: [DataRequestStatus!], $kind: [DataRequestKind!]) {
    dataRequests(first: 20, assigneeId: $assigneeId, overdue: $overdue, dueWithinDays: $dueWithinDays, dueBefore: $dueBefore, status: $status, kind: $kind) {
      totalCount
      edges { node { subject isOverdue } }
    }
  }
`;

let assigneeId = '';
beforeAll(async () => {
  // Requests of one assignee nobody else is given, due relative to now.
  const { prisma } = gateway().db;
  const admin = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin@toaks.example' } });
  assigneeId = globalId('StaffUser', admin.id);
  const now = new Date();
  const rows = [
    { subject: 'overdue', dueAt: new Date(now.getTime() - 3600_000), status: 'IN_REVIEW' as const },
    { subject: 'due in 2 days', dueAt: dueAtEndOfDay(now, 2), status: 'RECEIVED' as const },
    { subject: 'due in 5 days', dueAt: dueAtEndOfDay(now, 5), status: 'EXTENDED' as const },
    { subject: 'determined late', dueAt: new Date(now.getTime() - 2 * 86_400_000), status: 'FULFILLED' as const },
  ];
  for (const [index, row] of rows.entries()) {
    await prisma.dataRequest.create({
      data: { ...row, reference: `PRR-1999-900${index}`, trackingTokenHash: 'x', kind: 'SPECIAL_EXTRACT', description: 'Queue test.', assigneeId: admin.id },
    });
  }
});

async function queue(variables: Record<string, unknown>) {
  const result = await gateway().request(QUEUE, { assigneeId, ...variables }, await staffHeaders('clerk@toaks.example'));
  expect(result.errors).toBeUndefined();
  const { totalCount, edges } = result.data!.dataRequests;
  return { totalCount, subjects: edges.map((edge: { node: { subject: string } }) => edge.node.subject) };
}

describe('the staff request queue', () => {
  it('filters by assignee and kind, soonest deadline first', async () => {
    expect(await queue({})).toEqual({ totalCount: 4, subjects: ['determined late', 'overdue', 'due in 2 days', 'due in 5 days'] });
    expect(await queue({ kind: ['NEW_DATASET'] })).toEqual({ totalCount: 0, subjects: [] });
  });

  it('lists open requests past their deadline as overdue, and only those', async () => {
    expect(await queue({ overdue: true })).toEqual({ totalCount: 1, subjects: ['overdue'] });
    expect(await queue({ overdue: false })).toEqual({ totalCount: 3, subjects: ['determined late', 'due in 2 days', 'due in 5 days'] });
  });

  it('finds open requests due within N days (overdue ones included), and before an instant', async () => {
    expect(await queue({ dueWithinDays: 2 })).toEqual({ totalCount: 2, subjects: ['overdue', 'due in 2 days'] });
    expect(await queue({ dueWithinDays: 0 })).toEqual({ totalCount: 1, subjects: ['overdue'] });
    expect(await queue({ dueBefore: new Date().toISOString(), status: ['FULFILLED'] })).toEqual({ totalCount: 1, subjects: ['determined late'] });
  });

  it('refuses a negative window with a validation error', async () => {
    const result = await gateway().request(QUEUE, { dueWithinDays: -1 }, await staffHeaders('clerk@toaks.example'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: ['dueWithinDays'] }] });
  });
});

describe('dataRequestStatistics', () => {
  it('gives anyone the counts by status, the median days to a determination and the share on time', async () => {
    const result = await gateway().request(`{ dataRequestStatistics { countsByStatus { status count } determined medianDaysToDetermination shareDeterminedOnTime } }`);
    expect(result.errors).toBeUndefined();
    const stats = result.data!.dataRequestStatistics;
    const { prisma } = gateway().db;
    const all = await prisma.dataRequest.findMany();
    for (const { status, count } of stats.countsByStatus) expect(count).toBe(all.filter((request) => request.status === status).length);
    const determined = all.filter((request) => request.determinedAt);
    expect(determined.length).toBeGreaterThan(1);
    const days = determined.map((request) => (request.determinedAt!.getTime() - request.receivedAt.getTime()) / 86_400_000).sort((a, b) => a - b);
    const middle = days.length / 2;
    const median = days.length % 2 ? days[Math.floor(middle)]! : (days[middle - 1]! + days[middle]!) / 2;
    expect(stats.determined).toBe(determined.length);
    expect(stats.medianDaysToDetermination).toBe(Math.round(median * 10) / 10);
    expect(stats.shareDeterminedOnTime).toBeCloseTo(determined.filter((request) => request.determinedAt! <= request.dueAt).length / determined.length, 6);
  });
});
