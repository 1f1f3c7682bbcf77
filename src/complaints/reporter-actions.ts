// What a reporter does with their complaint, proving it with its reference and private tracking token.
import type { PrismaClient } from '../generated/prisma/client.js';
import { ComplaintStatus as Status } from '../generated/prisma/enums.js';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import { ConflictError } from '../errors.js';
import { cityDay } from '../workflow/deadlines.js';
import { checked, message } from '../workflow/input.js';
import { actOnComplaint, reporterAction, type ReporterTarget, type Step } from './act.js';
import { REOPEN_DAYS, reopenClosesAt } from './lifecycle.js';

export function reopenComplaint(
  prisma: PrismaClient,
  viewer: Viewer,
  trackedSubmissions: Set<string>,
  target: ReporterTarget & { reason: string },
  now = new Date(),
) {
  const reason = checked(z.object({ reason: message }), target).reason;
  return actOnComplaint(prisma, viewer, reporterAction('complaint.reopen', target, trackedSubmissions), (complaint): Step => {
    if (complaint.status === Status.RESOLVED && complaint.resolvedAt && now > reopenClosesAt(complaint.resolvedAt)) {
      throw new ConflictError(`A resolved report can be reopened for ${REOPEN_DAYS} days; that ended on ${cityDay(reopenClosesAt(complaint.resolvedAt))}`);
    }
    return {
      to: Status.IN_PROGRESS,
      statusMessage: 'Reopened by the reporter: we are looking at it again.',
      data: { reopenCount: { increment: 1 }, resolvedAt: null },
      entries: [{ kind: 'MESSAGE_FROM_SUBMITTER', message: reason }],
    };
  });
}

export function replyToComplaint(prisma: PrismaClient, viewer: Viewer, trackedSubmissions: Set<string>, target: ReporterTarget & { message: string }) {
  const text = checked(z.object({ message }), target).message;
  return actOnComplaint(prisma, viewer, reporterAction('complaint.reply', target, trackedSubmissions), (): Step => ({
    entries: [{ kind: 'MESSAGE_FROM_SUBMITTER', message: text }],
  }));
}
