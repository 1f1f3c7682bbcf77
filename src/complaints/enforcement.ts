// Enforcement of misuse under the municipal code. Compliance staff record a sanction with its legal basis on
// a misuse complaint; a key suspension or a dataset restriction is applied by that same step (one
// transaction, audited), and lifted by another. The reporter learns only that action was taken; the partner
// whose key is affected may appeal within ENFORCEMENT_APPEAL_WINDOW_DAYS, decided by another staff member.
import type { AccessLevel, EnforcementAction, EnforcementKind } from '../generated/prisma/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { ChangeOperation } from '../generated/prisma/enums.js';
import { z } from 'zod';
import { enforcesMisuse } from '../access/policy.js';
import { secretMatches } from '../access/secrets.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit, type Tx } from '../audit/service.js';
import { publishIn } from '../catalog/publishing.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertAppealWindowOpen, assertDecidedByAnother } from '../workflow/appeals.js';
import { checked, message } from '../workflow/input.js';
import { queueNotification } from '../workflow/notifications.js';
import { actOnComplaint, staffAction, type RoutedComplaint, type Step, type StaffTarget } from './act.js';

const enforcementInput = z.object({ legalBasis: message, note: message });
const ACTION_TAKEN = 'Action was taken on your report under the municipal code.';

const mayEnforce = (viewer: Viewer) => () => enforcesMisuse(viewer);

/** Suspends the key or restricts the dataset of `action`; `lift` undoes it. Audited in the step's transaction. */
async function applySanction(tx: Tx, viewer: Viewer, action: EnforcementAction, complaint: { datasetId: string | null }, lift: boolean) {
  if (action.kind === 'API_KEY_SUSPENSION' && action.apiKeyId) {
    // Another active suspension of the same key keeps it suspended.
    const stillSuspended = lift && (await tx.enforcementAction.count({ where: { apiKeyId: action.apiKeyId, kind: 'API_KEY_SUSPENSION', liftedAt: null, id: { not: action.id } } })) > 0;
    if (stillSuspended) return;
    const suspendedAt = lift ? null : new Date();
    await tx.apiKey.update({ where: { id: action.apiKeyId }, data: { suspendedAt } });
    await recordAudit(tx, viewer, { action: lift ? 'apiKey.unsuspend' : 'apiKey.suspend', targetType: 'ApiKey', targetId: action.apiKeyId, after: { suspendedAt, enforcementActionId: action.id } });
  }
  if (action.kind === 'DATASET_RESTRICTION' && complaint.datasetId) {
    const dataset = await tx.dataset.findUniqueOrThrow({ where: { id: complaint.datasetId } });
    const changes = lift
      ? { accessLevel: action.previousAccessLevel!, rights: action.previousRights }
      : { accessLevel: action.restrictedTo!, rights: `Restricted by enforcement: ${action.legalBasis}`.slice(0, 255) };
    const { publication } = await publishIn(tx, dataset, dataset.version, changes, async () => ({
      action: 'dataset.changeAccessLevel',
      entityType: 'Dataset',
      entityId: dataset.id,
      operation: ChangeOperation.UPDATED,
      before: { accessLevel: dataset.accessLevel, rights: dataset.rights },
      after: { ...changes, enforcementActionId: action.id },
    }));
    await recordAudit(tx, viewer, { action: publication.action, targetType: 'Dataset', targetId: dataset.id, before: publication.before, after: publication.after });
  }
}

export interface EnforcementInput {
  kind: EnforcementKind;
  legalBasis: string;
  note: string;
  apiKeyId?: string | null;
  restrictTo?: AccessLevel | null;
}

/** What the sanction needs, checked before anything is written. */
async function sanctionTarget(tx: Tx, complaint: RoutedComplaint, input: EnforcementInput) {
  if (complaint.category !== 'DATA_MISUSE') throw new ConflictError('Enforcement actions are recorded on misuse complaints only');
  if (complaint.status === 'DISMISSED') throw new ConflictError('The complaint was dismissed');
  const key = input.apiKeyId ? await tx.apiKey.findUnique({ where: { id: input.apiKeyId } }) : null;
  if (input.apiKeyId && !key) throw new ValidationError([{ path: ['apiKeyId'], message: 'is not an API key' }]);
  if (input.kind === 'API_KEY_SUSPENSION') {
    if (!key) throw new ValidationError([{ path: ['apiKeyId'], message: 'is required to suspend a key' }]);
    if (key.revokedAt || key.suspendedAt) throw new ConflictError(`API key ${key.prefix} is already ${key.revokedAt ? 'revoked' : 'suspended'}`);
  }
  if (input.kind !== 'DATASET_RESTRICTION') return { key, previous: null };
  if (!complaint.datasetId) throw new ValidationError([{ path: ['kind'], message: 'needs a complaint about a dataset' }]);
  if (!input.restrictTo || input.restrictTo === 'PUBLIC') throw new ValidationError([{ path: ['restrictTo'], message: 'must be RESTRICTED_PUBLIC or NON_PUBLIC' }]);
  const previous = await tx.dataset.findUniqueOrThrow({ where: { id: complaint.datasetId }, select: { accessLevel: true, rights: true } });
  if (previous.accessLevel === input.restrictTo) throw new ConflictError(`The dataset is already ${input.restrictTo}`);
  return { key, previous };
}

export function recordEnforcementAction(prisma: PrismaClient, viewer: Viewer, appealWindowDays: number, target: StaffTarget & EnforcementInput) {
  const text = checked(enforcementInput, target);
  return actOnComplaint(prisma, viewer, staffAction('complaint.enforce', target, viewer, mayEnforce(viewer)), async (complaint, tx): Promise<Step> => {
    const { key, previous } = await sanctionTarget(tx, complaint, target);
    const details = `${target.kind}: ${text.note} (legal basis: ${text.legalBasis})`;
    return {
      entries: [
        { kind: 'MESSAGE_TO_SUBMITTER', message: ACTION_TAKEN },
        { kind: 'INTERNAL_NOTE', message: `Enforcement recorded. ${details}`, internal: true },
      ],
      notify: { title: `Your report ${complaint.reference}: action taken`, body: ACTION_TAKEN },
      alsoWrite: async (tx) => {
        const action = await tx.enforcementAction.create({
          data: {
            complaintId: complaint.id,
            kind: target.kind,
            legalBasis: text.legalBasis,
            note: text.note,
            apiKeyId: key?.id ?? null,
            restrictedTo: target.kind === 'DATASET_RESTRICTION' ? target.restrictTo! : null,
            previousAccessLevel: previous?.accessLevel ?? null,
            previousRights: previous?.rights ?? null,
            takenById: viewer.kind === 'staff' ? viewer.staffId : '00000000-0000-0000-0000-000000000000',
          },
        });
        await applySanction(tx, viewer, action, complaint, false);
        await queueNotification(tx, {
          subjectType: 'EnforcementAction',
          subjectId: action.id,
          recipient: key?.ownerEmail ?? null,
          title: `Enforcement action ${action.id} concerning API key ${key?.prefix}`,
          body: [
            `The city recorded an enforcement action (${target.kind}) concerning your API key ${key?.prefix}: ${text.note}`,
            `Legal basis: ${text.legalBasis}`,
            `You may appeal within ${appealWindowDays} days with appealEnforcementAction (action id ${action.id}, and your API key).`,
          ].join('\n'),
        });
      },
    };
  });
}

async function actionOf(tx: Tx, complaintId: string, actionId: string) {
  const action = await tx.enforcementAction.findUnique({ where: { id: actionId } });
  if (!action || action.complaintId !== complaintId) throw new NotFoundError('EnforcementAction', actionId);
  return action;
}

export function liftEnforcementAction(prisma: PrismaClient, viewer: Viewer, target: StaffTarget & { actionId: string; reason: string }) {
  const reason = checked(z.object({ reason: message }), target).reason;
  return actOnComplaint(prisma, viewer, staffAction('complaint.liftEnforcement', target, viewer, mayEnforce(viewer)), async (complaint, tx): Promise<Step> => {
    const action = await actionOf(tx, complaint.id, target.actionId);
    if (action.liftedAt) throw new ConflictError('The enforcement action was already lifted');
    return {
      entries: [{ kind: 'INTERNAL_NOTE', message: `Enforcement lifted (${action.kind}): ${reason}`, internal: true }],
      alsoWrite: (tx) => lift(tx, viewer, action, complaint, reason),
    };
  });
}

async function lift(tx: Tx, viewer: Viewer, action: EnforcementAction, complaint: { datasetId: string | null }, reason: string) {
  const { count } = await tx.enforcementAction.updateMany({
    where: { id: action.id, liftedAt: null },
    data: { liftedAt: new Date(), liftedById: viewer.kind === 'staff' ? viewer.staffId : null, liftReason: reason },
  });
  if (count === 0) throw new ConflictError('The enforcement action was already lifted');
  await applySanction(tx, viewer, action, complaint, true);
}

/**
 * The affected partner appeals, proving it with the key the action is against (a suspended key still
 * proves who holds it). A wrong key answers like an unknown action.
 */
export async function appealEnforcementAction(
  prisma: PrismaClient,
  viewer: Viewer,
  appealWindowDays: number,
  input: { actionId: string; apiKey: string; reason: string },
  now = new Date(),
) {
  const reason = checked(z.object({ reason: message }), input).reason;
  const found = await prisma.enforcementAction.findUnique({ where: { id: input.actionId }, include: { apiKey: true } });
  if (!found?.apiKey || !secretMatches(input.apiKey.trim(), found.apiKey.secretHash)) throw new NotFoundError('EnforcementAction', input.actionId);
  const partner = { id: null, label: `Partner (API key ${found.apiKey.prefix})` };
  const appealAction = { name: 'complaint.appealEnforcement', where: { id: found.complaintId }, actor: partner, authorize: () => true };
  await actOnComplaint(prisma, viewer, appealAction, async (_complaint, tx): Promise<Step> => {
    const action = await actionOf(tx, found.complaintId, found.id);
    if (action.appealedAt) throw new ConflictError('The enforcement action was already appealed');
    if (action.liftedAt) throw new ConflictError('The enforcement action was lifted; there is nothing to appeal');
    assertAppealWindowOpen(action.takenAt, appealWindowDays, 'enforcement action', now);
    return {
      entries: [{ kind: 'INTERNAL_NOTE', message: `Appeal from ${partner.label}: ${reason}`, internal: true }],
      alsoWrite: async (tx) => {
        await tx.enforcementAction.update({ where: { id: action.id }, data: { appealedAt: now, appealReason: reason } });
      },
    };
  });
  return prisma.enforcementAction.findUniqueOrThrow({ where: { id: found.id } });
}

export type EnforcementAppealOutcome = 'UPHELD' | 'OVERTURNED';

export function decideEnforcementAppeal(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffTarget & { actionId: string; outcome: EnforcementAppealOutcome; note: string },
) {
  const note = checked(z.object({ note: message }), target).note;
  return actOnComplaint(prisma, viewer, staffAction('complaint.decideEnforcementAppeal', target, viewer, mayEnforce(viewer)), async (complaint, tx): Promise<Step> => {
    const action = await actionOf(tx, complaint.id, target.actionId);
    if (!action.appealedAt) throw new ConflictError('The enforcement action was not appealed');
    if (action.appealOutcome) throw new ConflictError(`The appeal was already decided (${action.appealOutcome})`);
    assertDecidedByAnother(viewer, action.takenById, 'enforcement action');
    const key = action.apiKeyId ? await tx.apiKey.findUnique({ where: { id: action.apiKeyId } }) : null;
    return {
      entries: [{ kind: 'INTERNAL_NOTE', message: `Enforcement appeal ${target.outcome}: ${note}`, internal: true }],
      alsoWrite: async (tx) => {
        const decidedBy = viewer.kind === 'staff' ? viewer.staffId : null;
        await tx.enforcementAction.update({
          where: { id: action.id },
          data: { appealOutcome: target.outcome, appealNote: note, appealDecidedById: decidedBy, appealDecidedAt: new Date() },
        });
        if (target.outcome === 'OVERTURNED' && !action.liftedAt) await lift(tx, viewer, action, complaint, `Appeal granted: ${note}`);
        await queueNotification(tx, {
          subjectType: 'EnforcementAction',
          subjectId: action.id,
          recipient: key?.ownerEmail ?? null,
          title: `Your appeal of enforcement action ${action.id}: ${target.outcome === 'OVERTURNED' ? 'granted' : 'denied'}`,
          body: note,
        });
      },
    };
  });
}
