// One workflow step on a submission (data request or complaint): the version check, the transition-table
// check, the change, its timeline entries, the submitter's notification, the ChangeEvent and the audit
// entry — all in one transaction, so they land together or not at all. Each kind of submission plugs in
// its table access as a `SubmissionStore`.
import type { PrismaClient, TimelineEventKind } from '../generated/prisma/client.js';
import { audited, type Tx } from '../audit/service.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { actorLabel, type Viewer } from '../access/viewer.js';
import { recordChange } from './change-events.js';
import { queueNotification } from './notifications.js';
import type { Lifecycle } from './transitions.js';

export interface TimelineEntry {
  kind: TimelineEventKind;
  message?: string | null;
  internal?: boolean;
}

/** A timeline row as a store writes it (its submission id is added by the store). */
export interface TimelineRow<S extends string> extends TimelineEntry {
  fromStatus?: S;
  toStatus?: S;
  actorId: string | null;
  actorLabel: string;
}

export interface Submission<S extends string> {
  id: string;
  reference: string;
  status: S;
  version: number;
  datasetId: string | null;
}

export interface Step<S extends string, D> {
  /** The new status, checked against the transition table. */
  to?: S;
  /** The status-change entry's message (shown to the submitter). */
  statusMessage?: string | null;
  data?: D;
  /** Timeline entries besides the status change. */
  entries?: TimelineEntry[];
  /** A message to the submitter, queued in the notification outbox. */
  notify?: { title: string; body: string };
  /** Further writes of the step (in its transaction), once the submission is updated. */
  alsoWrite?: (tx: Tx) => Promise<void>;
}

export interface Action<R> {
  /** The audit action, e.g. "dataRequest.deny". */
  name: string;
  /** The submission by id (staff) or by reference (its submitter). */
  where: { id: string } | { reference: string };
  /** The version the caller read; omitted when the caller cannot know it (the step still applies atomically). */
  expectedVersion?: number;
  /** May this caller take the action on this submission? Asked before anything else is looked at. */
  authorize: (submission: R) => boolean;
  /** Who the timeline names: staff by name, the submitter by role. */
  actor?: { id: string | null; label: string };
}

/** How one kind of submission is read and written: `find` with what `authorize` needs, `reload` the plain row. */
export interface SubmissionStore<R extends Submission<S>, S extends string, D, A extends Submission<S> = R> {
  entityType: string;
  topic: string;
  lifecycle: Lifecycle<S>;
  find(tx: Tx, where: { id: string } | { reference: string }): Promise<R | null>;
  reload(tx: Tx, id: string): Promise<A>;
  /** Applies `data` if the version is still `version` (and increments it); the number of rows changed. */
  updateAtVersion(tx: Tx, id: string, version: number, data: D & { status?: S }): Promise<number>;
  addTimeline(tx: Tx, submissionId: string, rows: TimelineRow<S>[]): Promise<void>;
  recipient(submission: A): string | null;
  /** The workflow fields for audit snapshots (no contact data, no token hash). */
  snapshot(submission: A): object;
}

function staffActor(viewer: Viewer) {
  return { id: viewer.kind === 'staff' ? viewer.staffId : null, label: viewer.kind === 'staff' ? viewer.name : actorLabel(viewer) };
}

function timelineRows<S extends string>(from: S, step: Step<S, unknown>, actor: { id: string | null; label: string }): TimelineRow<S>[] {
  const base = { actorId: actor.id, actorLabel: actor.label };
  const rows: TimelineRow<S>[] = [];
  if (step.to) rows.push({ ...base, kind: 'STATUS_CHANGE', fromStatus: from, toStatus: step.to, message: step.statusMessage ?? null });
  for (const entry of step.entries ?? []) rows.push({ ...base, kind: entry.kind, message: entry.message ?? null, internal: entry.internal ?? false });
  return rows;
}

/**
 * Runs `plan` on the submission as read, then applies its step only if nobody changed it meanwhile: the
 * update is conditional on the version, so of concurrent actions on one version exactly one wins (the
 * others wait for its row lock, then match nothing) and the rest get a ConflictError.
 */
export async function actOnSubmission<R extends Submission<S>, S extends string, D, A extends Submission<S>>(
  store: SubmissionStore<R, S, D, A>,
  prisma: PrismaClient,
  viewer: Viewer,
  action: Action<R>,
  plan: (submission: R, tx: Tx) => Step<S, D> | Promise<Step<S, D>>,
): Promise<A> {
  const noun = store.entityType === 'DataRequest' ? 'request' : store.entityType.toLowerCase();
  return audited(prisma, viewer, async (tx) => {
    const before = await store.find(tx, action.where);
    // Invisible and unknown submissions answer alike.
    if (!before || !action.authorize(before)) throw new NotFoundError(store.entityType, Object.values(action.where)[0]!);
    const version = action.expectedVersion ?? before.version;
    if (before.version !== version) {
      throw new ConflictError(`The ${noun} changed since you read it (version ${version}; it is now at ${before.version}): reload it and try again`);
    }
    const step = await plan(before, tx);
    if (step.to) store.lifecycle.assertTransition(before.status, step.to);
    const count = await store.updateAtVersion(tx, before.id, version, { ...(step.data as D), ...(step.to ? { status: step.to } : {}) });
    if (count === 0) throw new ConflictError(`The ${noun} was changed by someone else at the same time: reload it and try again`);
    const after = await store.reload(tx, before.id);
    await store.addTimeline(tx, after.id, timelineRows(before.status, step as Step<S, unknown>, action.actor ?? staffActor(viewer)));
    if (step.notify) {
      await queueNotification(tx, { subjectType: store.entityType, subjectId: after.id, recipient: store.recipient(after), ...step.notify });
    }
    if (step.alsoWrite) await step.alsoWrite(tx);
    await recordChange(tx, {
      topic: store.topic,
      entityType: store.entityType,
      entityId: after.id,
      datasetId: after.datasetId,
      operation: 'UPDATED',
      payload: { action: action.name, reference: after.reference, status: after.status, version: after.version },
    });
    return {
      result: after,
      audit: { action: action.name, targetType: store.entityType, targetId: after.id, before: store.snapshot(before as unknown as A), after: store.snapshot(after) },
    };
  });
}
