// Appeals: the requester contests a denial or partial release within the appeal window, and a staff member
// other than the one who made the determination decides it (upheld, or overturned back into review).
import type { PrismaClient } from '../generated/prisma/client.js';
import { DataRequestStatus as Status } from '../generated/prisma/enums.js';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import type { Tx } from '../audit/service.js';
import { assertAppealWindowOpen, assertDecidedByAnother } from '../workflow/appeals.js';
import { checked, message } from '../workflow/input.js';
import { actOnDataRequest, type Step } from './act.js';
import { requesterAction, type RequesterTarget } from './requester-actions.js';
import { staffAction, type StaffActionTarget } from './staff-actions.js';

export type AppealOutcome = 'UPHELD' | 'OVERTURNED';

export function appealDataRequest(
  prisma: PrismaClient,
  viewer: Viewer,
  trackedSubmissions: Set<string>,
  appealWindowDays: number,
  target: RequesterTarget & { reason: string },
) {
  const reason = checked(z.object({ reason: message }), target).reason;
  return actOnDataRequest(prisma, viewer, requesterAction('dataRequest.appeal', target, trackedSubmissions), (request): Step => {
    if (request.determinedAt) assertAppealWindowOpen(request.determinedAt, appealWindowDays, 'determination');
    return {
      to: Status.UNDER_APPEAL,
      statusMessage: 'Appeal received: a staff member who did not make the determination will review it.',
      entries: [{ kind: 'MESSAGE_FROM_SUBMITTER', message: reason }],
    };
  });
}

/** The staff member who made the determination under appeal: the actor of its status change. */
async function determinerOf(tx: Tx, requestId: string) {
  const determination = await tx.dataRequestEvent.findFirst({
    where: { requestId, kind: 'STATUS_CHANGE', toStatus: { in: [Status.DENIED, Status.PARTIALLY_FULFILLED] } },
    orderBy: { createdAt: 'desc' },
    select: { actorId: true },
  });
  return determination?.actorId ?? null;
}

export function decideAppeal(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffActionTarget & { outcome: AppealOutcome; note: string },
) {
  const note = checked(z.object({ note: message }), target).note;
  return actOnDataRequest(prisma, viewer, staffAction('dataRequest.decideAppeal', target, viewer), async (request, tx): Promise<Step> => {
    const determiner = await determinerOf(tx, request.id);
    assertDecidedByAnother(viewer, determiner, 'determination');
    const overturned = target.outcome === 'OVERTURNED';
    return {
      to: overturned ? Status.IN_REVIEW : Status.APPEAL_UPHELD,
      statusMessage: `Appeal ${overturned ? 'granted: the request is reviewed again' : 'decided: the determination stands'}. ${note}`,
      data: overturned ? { determinedAt: null, closedAt: null, legalBasis: null, outcomeNote: null } : { closedAt: new Date() },
      notify: { title: `Your request ${request.reference}: appeal ${overturned ? 'granted' : 'denied'}`, body: note },
    };
  });
}
