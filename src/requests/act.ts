// One workflow step on a data request (workflow/act.ts), with the data-request table behind it.
import type { DataRequest, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DataRequestStatus } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';
import type { Viewer } from '../access/viewer.js';
import { actOnSubmission, type Action as SubmissionAction, type Step as SubmissionStep, type SubmissionStore } from '../workflow/act.js';
import { dataRequestLifecycle } from './lifecycle.js';

export type { TimelineEntry } from '../workflow/act.js';
export type Step = SubmissionStep<DataRequestStatus, Prisma.DataRequestUncheckedUpdateManyInput>;
type Routed = DataRequest & { dataset: { stewardId: string } | null };
export type Action = SubmissionAction<Routed>;

const dataRequestStore: SubmissionStore<Routed, DataRequestStatus, Prisma.DataRequestUncheckedUpdateManyInput, DataRequest> = {
  entityType: 'DataRequest',
  topic: 'dataRequest',
  lifecycle: dataRequestLifecycle,
  find: (tx, where) => tx.dataRequest.findUnique({ where, include: { dataset: { select: { stewardId: true } } } }),
  reload: (tx, id) => tx.dataRequest.findUniqueOrThrow({ where: { id } }),
  updateAtVersion: async (tx, id, version, data) =>
    (await tx.dataRequest.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } })).count,
  addTimeline: async (tx, requestId, rows) => {
    if (rows.length) await tx.dataRequestEvent.createMany({ data: rows.map((row) => ({ ...row, requestId })) });
  },
  recipient: (request) => request.requesterEmail,
  /** No contact data, no token hash. */
  snapshot: (request) => {
    const { status, version, assigneeId, dueAt, extendedAt, extensionReason, determinedAt, feeCents, legalBasis, outcomeNote, closedAt } = request;
    return { status, version, assigneeId, dueAt, extendedAt, extensionReason, determinedAt, feeCents, legalBasis, outcomeNote, closedAt };
  },
};

export function actOnDataRequest(prisma: PrismaClient, viewer: Viewer, action: Action, plan: (request: DataRequest, tx: Tx) => Step | Promise<Step>) {
  return actOnSubmission(dataRequestStore, prisma, viewer, action, plan);
}
