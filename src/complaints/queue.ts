// The staff queues: which complaints a queue holds, the filters, and the order.
import type { Prisma } from '../generated/prisma/client.js';
import type { ComplaintCategory, ComplaintStatus, Priority } from '../generated/prisma/enums.js';
import type { Viewer } from '../access/viewer.js';
import { ValidationError } from '../errors.js';
import { OPEN_COMPLAINT_STATUSES } from './lifecycle.js';
import { complaintWorkWhere } from './service.js';

export type ComplaintQueue = 'CODE_COMPLIANCE' | 'IT' | 'MY_DATASETS';
export type ComplaintSort = 'PRIORITY' | 'SLA';

export interface ComplaintFilter {
  queue?: ComplaintQueue | null;
  category?: ComplaintCategory[] | null;
  status?: ComplaintStatus[] | null;
  priority?: Priority[] | null;
  /** Received at least / at most this many hours ago. */
  minAgeHours?: number | null;
  maxAgeHours?: number | null;
  /** true: open and past the service level of its priority; false: all others. */
  slaBreached?: boolean | null;
}

const MAX_AGE_HOURS = 24 * 366 * 10;

function queueWhere(viewer: Viewer, queue: ComplaintQueue): Prisma.ComplaintWhereInput {
  if (queue !== 'MY_DATASETS') return { routedTo: { has: queue } };
  const stewardId = viewer.kind === 'staff' ? viewer.stewardId : null;
  return stewardId ? { routedTo: { has: 'STEWARD' }, dataset: { stewardId } } : { id: { in: [] } };
}

/** The filters, within the complaints the caller works. */
export function complaintFilterWhere(viewer: Viewer, filter: ComplaintFilter, now = new Date()): Prisma.ComplaintWhereInput {
  const problems = (['minAgeHours', 'maxAgeHours'] as const)
    .filter((name) => filter[name] != null && (filter[name]! < 0 || filter[name]! > MAX_AGE_HOURS))
    .map((name) => ({ path: [name], message: `must be between 0 and ${MAX_AGE_HOURS}` }));
  if (problems.length) throw new ValidationError(problems);
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);
  const breached: Prisma.ComplaintWhereInput = { status: { in: OPEN_COMPLAINT_STATUSES }, slaDueAt: { lt: now } };
  return {
    AND: [
      complaintWorkWhere(viewer),
      filter.queue ? queueWhere(viewer, filter.queue) : {},
      filter.category ? { category: { in: filter.category } } : {},
      filter.status ? { status: { in: filter.status } } : {},
      filter.priority ? { priority: { in: filter.priority } } : {},
      filter.minAgeHours != null ? { createdAt: { lte: hoursAgo(filter.minAgeHours) } } : {},
      filter.maxAgeHours != null ? { createdAt: { gte: hoursAgo(filter.maxAgeHours) } } : {},
      filter.slaBreached === true ? breached : filter.slaBreached === false ? { NOT: breached } : {},
    ],
  };
}

/** Most urgent first, then oldest; or by the service-level deadline, soonest first. */
export function complaintOrder(sort: ComplaintSort | null | undefined): Prisma.ComplaintOrderByWithRelationInput[] {
  return sort === 'SLA'
    ? [{ slaDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }]
    : [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }];
}
