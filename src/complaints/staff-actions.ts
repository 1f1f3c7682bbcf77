// What the staff a complaint is routed to do with it. Each action is authorized (policy), then its input is
// checked, then it runs as one workflow step (act.ts).
import type { PrismaClient } from '../generated/prisma/client.js';
import { ComplaintStatus as Status, type Priority } from '../generated/prisma/enums.js';
import { z } from 'zod';
import { takesComplaint } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import type { Tx } from '../audit/service.js';
import type { SlaHours } from '../config-rules.js';
import { ValidationError } from '../errors.js';
import { checked, message } from '../workflow/input.js';
import { actOnComplaint, staffAction, type Step, type StaffTarget } from './act.js';
import { slaDueAt } from './routing.js';

export function triageComplaint(
  prisma: PrismaClient,
  viewer: Viewer,
  sla: SlaHours,
  target: StaffTarget & { assigneeId: string; priority: Priority },
) {
  return actOnComplaint(prisma, viewer, staffAction('complaint.triage', target, viewer), async (complaint, tx): Promise<Step> => {
    const assignee = await tx.staffUser.findUnique({ where: { id: target.assigneeId }, include: { steward: { select: { id: true } } } });
    if (!assignee || !takesComplaint(assignee, complaint)) {
      throw new ValidationError([{ path: ['assigneeId'], message: 'must be active staff who work this complaint' }]);
    }
    return {
      to: Status.TRIAGED,
      statusMessage: 'Your report was reviewed and assigned.',
      data: { assigneeId: assignee.id, priority: target.priority, slaDueAt: slaDueAt(complaint.createdAt, target.priority, sla) },
      entries: [{ kind: 'ASSIGNMENT', message: `Assigned to ${assignee.name}, priority ${target.priority}.`, internal: true }],
    };
  });
}

export function startComplaintWork(prisma: PrismaClient, viewer: Viewer, target: StaffTarget) {
  return actOnComplaint(prisma, viewer, staffAction('complaint.start', target, viewer), (complaint): Step => ({
    to: Status.IN_PROGRESS,
    statusMessage: 'We are working on your report.',
    notify: { title: `Your report ${complaint.reference} is being worked on`, body: `We started working on "${complaint.summary}".` },
  }));
}

/** The change that fixed a dataset error: an edit or import of the complaint's own dataset. */
async function checkFix(tx: Tx, datasetId: string | null, sequence: bigint) {
  const change = await tx.changeEvent.findUnique({ where: { sequence } });
  if (!change || !datasetId || change.datasetId !== datasetId || !['dataset', 'records'].includes(change.topic)) {
    throw new ValidationError([{ path: ['fixedByChangeSequence'], message: "is not an edit or import of the complaint's dataset" }]);
  }
}

export function resolveComplaint(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffTarget & { resolution: string; fixedByChangeSequence?: string | null },
) {
  const input = checked(
    z.object({ resolution: message, fixedByChangeSequence: z.string().regex(/^\d{1,18}$/, 'must be a change sequence number').nullish() }),
    target,
  );
  const fix = input.fixedByChangeSequence ? BigInt(input.fixedByChangeSequence) : null;
  return actOnComplaint(prisma, viewer, staffAction('complaint.resolve', target, viewer), async (complaint, tx): Promise<Step> => {
    if (fix !== null) await checkFix(tx, complaint.datasetId, fix);
    return {
      to: Status.RESOLVED,
      statusMessage: input.resolution,
      data: { resolution: input.resolution, resolvedAt: new Date(), fixedByChangeSequence: fix },
      notify: {
        title: `Your report ${complaint.reference} is resolved`,
        body: `${input.resolution}\nIf the problem is still there, you may reopen the report within 30 days.`,
      },
    };
  });
}

export function dismissComplaint(prisma: PrismaClient, viewer: Viewer, target: StaffTarget & { reason: string }) {
  const reason = checked(z.object({ reason: message }), target).reason;
  return actOnComplaint(prisma, viewer, staffAction('complaint.dismiss', target, viewer), (complaint): Step => ({
    to: Status.DISMISSED,
    statusMessage: reason,
    data: { dismissalReason: reason },
    notify: { title: `Your report ${complaint.reference} was dismissed`, body: reason },
  }));
}

/** A question to the reporter: on their timeline and in their inbox; they answer with replyToComplaint. */
export function askComplaintReporter(prisma: PrismaClient, viewer: Viewer, target: StaffTarget & { message: string }) {
  const text = checked(z.object({ message }), target).message;
  return actOnComplaint(prisma, viewer, staffAction('complaint.askReporter', target, viewer), (complaint): Step => ({
    entries: [{ kind: 'MESSAGE_TO_SUBMITTER', message: text }],
    notify: { title: `Your report ${complaint.reference}: a question`, body: text },
  }));
}

export function addComplaintNote(prisma: PrismaClient, viewer: Viewer, target: StaffTarget & { message: string }) {
  const text = checked(z.object({ message }), target).message;
  return actOnComplaint(prisma, viewer, staffAction('complaint.addInternalNote', target, viewer), (): Step => ({
    entries: [{ kind: 'INTERNAL_NOTE', message: text, internal: true }],
  }));
}
