// What a requester does with their request, proving it with its reference and private tracking token.
import type { PrismaClient } from '../generated/prisma/client.js';
import { DataRequestStatus as Status } from '../generated/prisma/enums.js';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import { submitterAction, type SubmitterTarget } from '../workflow/tracking.js';
import { checked, message, optionalMessage } from '../workflow/input.js';
import { actOnDataRequest, type Step } from './act.js';

export type RequesterTarget = SubmitterTarget;

export const requesterAction = (name: string, target: RequesterTarget, trackedSubmissions: Set<string>) =>
  submitterAction(name, target, trackedSubmissions, 'Requester');

export function answerClarification(
  prisma: PrismaClient,
  viewer: Viewer,
  trackedSubmissions: Set<string>,
  target: RequesterTarget & { message: string },
) {
  const text = checked(z.object({ message }), target).message;
  return actOnDataRequest(prisma, viewer, requesterAction('dataRequest.answerClarification', target, trackedSubmissions), (): Step => ({
    to: Status.IN_REVIEW,
    entries: [{ kind: 'MESSAGE_FROM_SUBMITTER', message: text }],
  }));
}

export function withdrawDataRequest(
  prisma: PrismaClient,
  viewer: Viewer,
  trackedSubmissions: Set<string>,
  target: RequesterTarget & { reason?: string | null },
) {
  const reason = checked(z.object({ reason: optionalMessage }), target).reason;
  return actOnDataRequest(prisma, viewer, requesterAction('dataRequest.withdraw', target, trackedSubmissions), (): Step => ({
    to: Status.WITHDRAWN,
    statusMessage: reason ?? 'Withdrawn by the requester.',
    data: { closedAt: new Date() },
  }));
}
