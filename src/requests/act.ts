// One workflow step on a data request: the version check, the transition-table check, the change, its
// timeline entries, the requester's notification, the ChangeEvent and the audit entry — all in one
// transaction, so they land together or not at all.
import type { DataRequest, Prisma, PrismaClient, TimelineEventKind } from '../generated/prisma/client.js';
import type { DataRequestStatus } from '../generated/prisma/enums.js';
import { audited, type Tx } from '../audit/service.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { actorLabel, type Viewer } from '../access/viewer.js';
import { recordChange } from '../workflow/change-events.js';
import { queueNotification } from '../workflow/notifications.js';
import { dataRequestLifecycle } from './lifecycle.js';

export interface TimelineEntry {
  kind: TimelineEventKind;
  message?: string | null;
  internal?: boolean;
}

export interface Step {
  /** The new status, checked against the transition table. */
  to?: DataRequestStatus;
  /** The status-change entry's message (shown to the requester). */
  statusMessage?: string | null;
  data?: Prisma.DataRequestUncheckedUpdateManyInput;
  /** Timeline entries besides the status change. */
  entries?: TimelineEntry[];
  /** A message to the requester, queued in the notification outbox. */
  notify?: { title: string; body: string };
}

export interface Action {
  /** The audit action, e.g. "dataRequest.deny". */
  name: string;
  /** The request by id (staff) or by reference (its requester). */
  where: { id: string } | { reference: string };
  expectedVersion: number;
  /** May this caller take the action on this request? Asked before anything else is looked at. */
  authorize: (request: DataRequest & { dataset: { stewardId: string } | null }) => boolean;
  /** Who the timeline names: staff by name, the requester as "Requester". */
  actor?: { id: string | null; label: string };
}

/** The workflow fields of a request, for audit snapshots (no contact data, no token hash). */
function snapshot(request: DataRequest) {
  const { status, version, assigneeId, dueAt, extendedAt, extensionReason, determinedAt, feeCents, legalBasis, outcomeNote, closedAt } = request;
  return { status, version, assigneeId, dueAt, extendedAt, extensionReason, determinedAt, feeCents, legalBasis, outcomeNote, closedAt };
}

function staffActor(viewer: Viewer) {
  return { id: viewer.kind === 'staff' ? viewer.staffId : null, label: viewer.kind === 'staff' ? viewer.name : actorLabel(viewer) };
}

async function writeTimeline(tx: Tx, request: DataRequest, step: Step, actor: { id: string | null; label: string }) {
  const entries: Prisma.DataRequestEventCreateManyInput[] = [];
  const base = { requestId: request.id, actorId: actor.id, actorLabel: actor.label };
  if (step.to) {
    entries.push({ ...base, kind: 'STATUS_CHANGE', fromStatus: request.status, toStatus: step.to, message: step.statusMessage ?? null });
  }
  for (const entry of step.entries ?? []) {
    entries.push({ ...base, kind: entry.kind, message: entry.message ?? null, internal: entry.internal ?? false });
  }
  if (entries.length) await tx.dataRequestEvent.createMany({ data: entries });
}

/**
 * Runs `plan` on the request as read, then applies its step only if nobody changed the request meanwhile:
 * the update is conditional on `expectedVersion`, so of concurrent actions on one version exactly one wins
 * (the others wait for its row lock, then match nothing) and the rest get a ConflictError.
 */
export async function actOnDataRequest(prisma: PrismaClient, viewer: Viewer, action: Action, plan: (request: DataRequest, tx: Tx) => Step | Promise<Step>) {
  return audited(prisma, viewer, async (tx) => {
    const before = await tx.dataRequest.findUnique({ where: action.where, include: { dataset: { select: { stewardId: true } } } });
    // Invisible and unknown requests answer alike.
    if (!before || !action.authorize(before)) throw new NotFoundError('DataRequest', Object.values(action.where)[0]!);
    if (before.version !== action.expectedVersion) {
      throw new ConflictError(`The request changed since you read it (version ${action.expectedVersion}; it is now at ${before.version}): reload it and try again`);
    }
    const step = await plan(before, tx);
    if (step.to) dataRequestLifecycle.assertTransition(before.status, step.to);
    const { count } = await tx.dataRequest.updateMany({
      where: { id: before.id, version: action.expectedVersion },
      data: { ...step.data, ...(step.to ? { status: step.to } : {}), version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError('The request was changed by someone else at the same time: reload it and try again');
    const after = await tx.dataRequest.findUniqueOrThrow({ where: { id: before.id } });
    await writeTimeline(tx, before, step, action.actor ?? staffActor(viewer));
    if (step.notify) {
      await queueNotification(tx, { subjectType: 'DataRequest', subjectId: after.id, recipient: after.requesterEmail, ...step.notify });
    }
    await recordChange(tx, {
      topic: 'dataRequest',
      entityType: 'DataRequest',
      entityId: after.id,
      datasetId: after.datasetId,
      operation: 'UPDATED',
      payload: { action: action.name, reference: after.reference, status: after.status, version: after.version },
    });
    return {
      result: after,
      audit: { action: action.name, targetType: 'DataRequest', targetId: after.id, before: snapshot(before), after: snapshot(after) },
    };
  });
}
