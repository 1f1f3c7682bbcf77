// What records staff do with a request. Each action is authorized (policy), then its input is checked,
// then it runs as one workflow step (act.ts).
import type { PrismaClient } from '../generated/prisma/client.js';
import { DataRequestStatus as Status } from '../generated/prisma/enums.js';
import { z } from 'zod';
import { takesDataRequests, worksDataRequest } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import { ConflictError, ValidationError } from '../errors.js';
import { cityDay, extendDeadline } from '../workflow/deadlines.js';
import { checked, message, optionalMessage } from '../workflow/input.js';
import { actOnDataRequest, type Step } from './act.js';
import { checkRelease, releaseUrl, storeRelease, type ReleaseInput } from './release.js';
import { MAX_EXTENSION_DAYS, requiresLegalBasis, UNUSUAL_CIRCUMSTANCES, type UnusualCircumstance } from './lifecycle.js';

export interface StaffActionTarget {
  id: string;
  expectedVersion: number;
}

export function staffAction(name: string, target: StaffActionTarget, viewer: Viewer) {
  return {
    name,
    where: { id: target.id },
    expectedVersion: target.expectedVersion,
    authorize: (request: { dataset: { stewardId: string } | null }) => worksDataRequest(viewer, request),
  };
}

export function acknowledgeDataRequest(prisma: PrismaClient, viewer: Viewer, target: StaffActionTarget) {
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.acknowledge', target, viewer), (request): Step => ({
    to: Status.IN_REVIEW,
    statusMessage: 'Your request is being reviewed.',
    notify: {
      title: `Your request ${request.reference} is being reviewed`,
      body: `We are reviewing your request "${request.subject}". A determination is due by ${cityDay(request.dueAt)}.`,
    },
  }));
}

export async function assignDataRequest(prisma: PrismaClient, viewer: Viewer, target: StaffActionTarget & { assigneeId: string }) {
  const assignee = await prisma.staffUser.findUnique({ where: { id: target.assigneeId } });
  if (!assignee || !takesDataRequests(assignee)) {
    throw new ValidationError([{ path: ['assigneeId'], message: 'must be an active records clerk or admin' }]);
  }
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.assign', target, viewer), (request): Step => {
    if (request.assigneeId === assignee.id) throw new ConflictError(`The request is already assigned to ${assignee.name}`);
    return { data: { assigneeId: assignee.id }, entries: [{ kind: 'ASSIGNMENT', message: `Assigned to ${assignee.name}.` }] };
  });
}

export function requestClarification(prisma: PrismaClient, viewer: Viewer, target: StaffActionTarget & { message: string }) {
  const text = checked(z.object({ message }), target).message;
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.requestClarification', target, viewer), (request): Step => ({
    to: Status.NEEDS_CLARIFICATION,
    statusMessage: text,
    notify: { title: `Your request ${request.reference}: please clarify`, body: text },
  }));
}

const extensionInput = z.object({
  days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
  note: optionalMessage,
});

export function extendDataRequest(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffActionTarget & { reason: UnusualCircumstance; days: number; note?: string | null },
) {
  const input = checked(extensionInput, target);
  const reason = UNUSUAL_CIRCUMSTANCES[target.reason] + (input.note ? ` ${input.note}` : '');
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.extend', target, viewer), (request): Step => {
    // The law allows one extension only (§7922.535(b)).
    if (request.extendedAt) throw new ConflictError('The request was already extended once; it cannot be extended again');
    const dueAt = extendDeadline(request.dueAt, input.days);
    const notice = `We need ${input.days} more days to respond, until ${cityDay(dueAt)}: ${reason}`;
    return {
      to: Status.EXTENDED,
      statusMessage: notice,
      data: { dueAt, extendedAt: new Date(), extensionReason: reason },
      entries: [{ kind: 'DUE_DATE_CHANGE', message: `Due date extended by ${input.days} days, to ${cityDay(dueAt)} (Gov. Code §7922.535).` }],
      notify: { title: `Your request ${request.reference}: response date extended`, body: notice },
    };
  });
}

export type Determination = typeof Status.FULFILLED | typeof Status.PARTIALLY_FULFILLED | typeof Status.DENIED;

const determinationInput = z.object({
  outcomeNote: message,
  legalBasis: optionalMessage,
  downloadUrl: z.string().url().max(2000).nullish(),
});

export function determineDataRequest(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffActionTarget & {
    outcome: Determination;
    outcomeNote: string;
    legalBasis?: string | null;
    downloadUrl?: string | null;
    export?: ReleaseInput | null;
  },
  publicBaseUrl: string,
) {
  const input = checked(determinationInput, target);
  if (requiresLegalBasis(target.outcome) && !input.legalBasis) {
    throw new ValidationError([{ path: ['legalBasis'], message: `is required when the outcome is ${target.outcome}` }]);
  }
  if (target.export && target.outcome === Status.DENIED) {
    throw new ValidationError([{ path: ['export'], message: 'a denial releases nothing' }]);
  }
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.determine', target, viewer), async (request, tx): Promise<Step> => {
    const release = target.export ? await checkRelease(tx, request, target.export) : null;
    const links = [
      ...(input.downloadUrl ? [`Download: ${input.downloadUrl}`] : []),
      ...(release ? [`Export: ${releaseUrl(publicBaseUrl, request.reference, release.format)} (give your tracking token as ?token=)`] : []),
    ];
    const note = [input.outcomeNote, ...links].join('\n');
    const now = new Date();
    return {
      to: target.outcome,
      statusMessage: note,
      data: { outcomeNote: note, legalBasis: input.legalBasis ?? null, determinedAt: now, closedAt: now },
      notify: {
        title: `Your request ${request.reference}: ${OUTCOME_TITLES[target.outcome]}`,
        body: input.legalBasis ? `${note}\nLegal basis: ${input.legalBasis}` : note,
      },
      alsoWrite: (tx) => storeRelease(tx, request.id, release),
    };
  });
}

const OUTCOME_TITLES: Record<Determination, string> = {
  FULFILLED: 'records released',
  PARTIALLY_FULFILLED: 'records partly released',
  DENIED: 'request denied',
};

export function addInternalNote(prisma: PrismaClient, viewer: Viewer, target: StaffActionTarget & { message: string }) {
  const text = checked(z.object({ message }), target).message;
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.addInternalNote', target, viewer), (): Step => ({
    entries: [{ kind: 'INTERNAL_NOTE', message: text, internal: true }],
  }));
}
