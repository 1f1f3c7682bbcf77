// The staff queues: per team, with filters and totalCount, most urgent then oldest first, the SLA fields and
// their sort, and a fixed number of SQL statements whatever the page size.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { ADMIN, COMPLIANCE, datasetId, fresh, TREES_STEWARD } from './support.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });

const QUEUE = /* GraphQL */ `
  query($first: Int, $queue: ComplaintQueue, $category: [ComplaintCategory!], $status: [ComplaintStatus!], $priority: [Priority!],
        $minAgeHours: Float, $maxAgeHours: Float, $slaBreached: Boolean, $sort: ComplaintSort) {
    complaints(first: $first, queue: $queue, category: $category, status: $status, priority: $priority, minAgeHours: $minAgeHours,
               maxAgeHours: $maxAgeHours, slaBreached: $slaBreached, sort: $sort) {
      totalCount
      edges { node { reference category priority routedTo receivedAt slaDueAt slaBreached hoursSinceReceived dataset { identifier } assignee { name } } }
    }
  }
`;

type Row = { reference: string; category: string; priority: string; routedTo: string[]; receivedAt: string; slaDueAt: string | null; slaBreached: boolean; hoursSinceReceived: number };
const RANK: Record<string, number> = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

async function queue(as: string, variables: Record<string, unknown> = {}) {
  const result = await gateway().request(QUEUE, { first: 100, ...variables }, await staffHeaders(as));
  expect(result.errors).toBeUndefined();
  const { totalCount, edges } = result.data!.complaints;
  return { totalCount: totalCount as number, rows: edges.map((edge: { node: Row }) => edge.node) as Row[] };
}

beforeAll(async () => {
  // Fresh complaints beside the seeded ones: one overdue (received 5 days ago at NORMAL: 72 hours).
  const trees = await datasetId(gateway(), 'toaks-street-trees');
  await fresh(gateway(), { category: 'DATA_MISUSE' });
  await fresh(gateway(), { category: 'EXPOSED_PERSONAL_DATA', datasetId: trees.globalId });
  const old = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId });
  const receivedAt = new Date(Date.now() - 5 * 24 * 3600_000);
  await gateway().db.prisma.complaint.update({ where: { id: old.row.id }, data: { createdAt: receivedAt, slaDueAt: new Date(receivedAt.getTime() + 72 * 3600_000) } });
});

describe('complaint queues', () => {
  it('holds each team queue, counted, most urgent first and then oldest', async () => {
    for (const team of ['CODE_COMPLIANCE', 'IT'] as const) {
      const { totalCount, rows } = await queue(COMPLIANCE, { queue: team });
      expect(rows.length).toBeGreaterThan(0);
      expect(totalCount).toBe(await gateway().db.prisma.complaint.count({ where: { routedTo: { has: team } } }));
      expect(rows.every((row) => row.routedTo.includes(team))).toBe(true);
      const order = rows.map((row) => [RANK[row.priority], row.receivedAt] as const);
      expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1].localeCompare(b[1])));
    }
  });

  it("gives a steward their datasets' queue only, and the IT queue as far as they work it", async () => {
    const mine = await queue(TREES_STEWARD, { queue: 'MY_DATASETS' });
    expect(mine.rows.length).toBeGreaterThan(1);
    expect(mine.rows.every((row: any) => row.dataset.identifier === 'toaks-street-trees' && row.routedTo.includes('STEWARD'))).toBe(true);
    const it = await queue(TREES_STEWARD, { queue: 'IT' });
    expect(it.rows.map((row) => row.category)).toEqual(['EXPOSED_PERSONAL_DATA']);
    expect((await queue(COMPLIANCE, { queue: 'MY_DATASETS' })).totalCount).toBe(0); // not a steward
    const anonymous = await gateway().request(QUEUE, { first: 5 });
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });

  it('filters by category, status, priority and age, with totalCount following the filters', async () => {
    const urgent = await queue(ADMIN, { priority: ['URGENT'], status: ['RECEIVED', 'TRIAGED', 'IN_PROGRESS'] });
    expect(urgent.rows.length).toBeGreaterThan(0);
    expect(urgent.rows.every((row) => row.priority === 'URGENT')).toBe(true);
    expect(urgent.totalCount).toBe(urgent.rows.length);
    const misuse = await queue(ADMIN, { category: ['DATA_MISUSE'] });
    expect(misuse.rows.every((row) => row.category === 'DATA_MISUSE')).toBe(true);
    const older = await queue(ADMIN, { minAgeHours: 24 * 4 });
    expect(older.rows.every((row) => row.hoursSinceReceived >= 96)).toBe(true);
    const recent = await queue(ADMIN, { maxAgeHours: 1 });
    expect(recent.rows.length).toBe(2);
    const all = await queue(ADMIN);
    expect(older.totalCount + recent.totalCount).toBeLessThanOrEqual(all.totalCount);
    const refused = await gateway().request(QUEUE, { minAgeHours: -1 }, await staffHeaders(ADMIN));
    expect(refused.errors?.[0]?.message).toMatch(/minAgeHours/);
  });

  it('shows the SLA (hours since received, breached or not per priority) and sorts by it', async () => {
    const breached = await queue(ADMIN, { slaBreached: true });
    expect(breached.rows.length).toBeGreaterThan(0);
    expect(breached.rows.every((row) => row.slaBreached && new Date(row.slaDueAt!).getTime() < Date.now())).toBe(true);
    const overdue = breached.rows.find((row) => row.category === 'DATASET_ERROR' && row.hoursSinceReceived >= 119)!;
    expect(overdue).toBeDefined();
    const bySla = await queue(ADMIN, { sort: 'SLA' });
    const due = bySla.rows.map((row) => row.slaDueAt).filter((value): value is string => value !== null);
    expect(due).toEqual([...due].sort());
    expect(bySla.rows.map((row) => row.reference)).not.toEqual((await queue(ADMIN)).rows.map((row) => row.reference));
  });

  it('costs the same number of SQL statements for a page of 2 and of 30', async () => {
    const counts: number[] = [];
    for (const first of [2, 30]) {
      const { response, statements } = await gateway().measure(QUEUE, { first, sort: 'PRIORITY' }, await staffHeaders(ADMIN));
      expect(response.errors).toBeUndefined();
      expect(response.data!.complaints.edges.length).toBe(Math.min(first, response.data!.complaints.totalCount));
      counts.push(statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
    // The page, its count, and one batched query per relation selected (dataset, its steward, assignee…).
    expect(counts[0]).toBe(6);
  });
});
