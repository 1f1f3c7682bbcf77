// The staff queue's filters and the public transparency figures.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DataRequestKind, DataRequestStatus } from '../generated/prisma/enums.js';
import { ValidationError } from '../errors.js';
import { dueWithinLimit } from '../workflow/deadlines.js';
import { OPEN_STATUSES } from './lifecycle.js';

export interface DataRequestFilter {
  status?: DataRequestStatus[] | null;
  kind?: DataRequestKind[] | null;
  datasetId?: string | null;
  assigneeId?: string | null;
  /** true: open and past the deadline; false: everything else. */
  overdue?: boolean | null;
  dueBefore?: Date | null;
  /** Open requests due by the end of the Nth city day from now (0 = today). */
  dueWithinDays?: number | null;
}

export const MAX_DUE_WITHIN_DAYS = 366;

export function dataRequestFilterWhere(filter: DataRequestFilter, now = new Date()): Prisma.DataRequestWhereInput {
  const { dueWithinDays } = filter;
  if (dueWithinDays != null && (dueWithinDays < 0 || dueWithinDays > MAX_DUE_WITHIN_DAYS)) {
    throw new ValidationError([{ path: ['dueWithinDays'], message: `must be between 0 and ${MAX_DUE_WITHIN_DAYS}` }]);
  }
  const overdue: Prisma.DataRequestWhereInput = { status: { in: OPEN_STATUSES }, dueAt: { lt: now } };
  const conditions: Prisma.DataRequestWhereInput[] = [
    filter.status ? { status: { in: filter.status } } : {},
    filter.kind ? { kind: { in: filter.kind } } : {},
    filter.datasetId ? { datasetId: filter.datasetId } : {},
    filter.assigneeId ? { assigneeId: filter.assigneeId } : {},
    filter.overdue === true ? overdue : filter.overdue === false ? { NOT: overdue } : {},
    filter.dueBefore ? { dueAt: { lt: filter.dueBefore } } : {},
    dueWithinDays != null ? { status: { in: OPEN_STATUSES }, dueAt: { lte: dueWithinLimit(now, dueWithinDays) } } : {},
  ];
  return { AND: conditions };
}

export interface DataRequestStatistics {
  countsByStatus: { status: DataRequestStatus; count: number }[];
  determined: number;
  /** Median calendar time from receipt to determination, in days (null before any determination). */
  medianDaysToDetermination: number | null;
  /** Share (0–1) of determinations made by their deadline (null before any). */
  shareDeterminedOnTime: number | null;
}

export async function dataRequestStatistics(prisma: PrismaClient): Promise<DataRequestStatistics> {
  const groups = await prisma.dataRequest.groupBy({ by: ['status'], _count: { _all: true }, orderBy: { status: 'asc' } });
  const [figures] = await prisma.$queryRaw<{ determined: number; median: number | null; onTime: number | null }[]>`
    SELECT count(*)::int AS determined,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("determinedAt" - "receivedAt")) / 86400)::float8 AS median,
           avg(CASE WHEN "determinedAt" <= "dueAt" THEN 1.0 ELSE 0.0 END)::float8 AS "onTime"
    FROM "DataRequest" WHERE "determinedAt" IS NOT NULL`;
  return {
    countsByStatus: groups.map((group) => ({ status: group.status, count: group._count._all })),
    determined: figures?.determined ?? 0,
    medianDaysToDetermination: figures?.median == null ? null : Math.round(figures.median * 10) / 10,
    shareDeterminedOnTime: figures?.onTime ?? null,
  };
}
