// One workflow step on a complaint (workflow/act.ts), with the complaint table behind it.
import type { Complaint, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ComplaintStatus } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';
import type { Viewer } from '../access/viewer.js';
import { worksComplaint } from '../access/policy.js';
import { actOnSubmission, type Action as SubmissionAction, type Step as SubmissionStep, type SubmissionStore } from '../workflow/act.js';
import { submitterAction, type SubmitterTarget } from '../workflow/tracking.js';
import { complaintLifecycle } from './lifecycle.js';

export type Step = SubmissionStep<ComplaintStatus, Prisma.ComplaintUncheckedUpdateManyInput>;
export type RoutedComplaint = Complaint & { dataset: { stewardId: string } | null };

const complaintStore: SubmissionStore<RoutedComplaint, ComplaintStatus, Prisma.ComplaintUncheckedUpdateManyInput> = {
  entityType: 'Complaint',
  topic: 'complaint',
  lifecycle: complaintLifecycle,
  find: (tx, where) => tx.complaint.findUnique({ where, include: { dataset: { select: { stewardId: true } } } }),
  // The GraphQL type reads the dataset's steward for its authorization rule: reloaded with it.
  reload: (tx, id) => tx.complaint.findUniqueOrThrow({ where: { id }, include: { dataset: { select: { stewardId: true } } } }),
  updateAtVersion: async (tx, id, version, data) =>
    (await tx.complaint.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } })).count,
  addTimeline: async (tx, complaintId, rows) => {
    if (rows.length) await tx.complaintEvent.createMany({ data: rows.map((row) => ({ ...row, complaintId })) });
  },
  recipient: (complaint) => complaint.reporterEmail,
  /** No contact data, no token hash. */
  snapshot: (complaint) => {
    const { status, version, priority, routedTo, assigneeId, resolution, dismissalReason, resolvedAt, reopenCount, slaDueAt, fixedByChangeSequence } = complaint;
    return { status, version, priority, routedTo, assigneeId, resolution, dismissalReason, resolvedAt, reopenCount, slaDueAt, fixedByChangeSequence: fixedByChangeSequence?.toString() ?? null };
  },
};

export function actOnComplaint(
  prisma: PrismaClient,
  viewer: Viewer,
  action: SubmissionAction<RoutedComplaint>,
  plan: (complaint: RoutedComplaint, tx: Tx) => Step | Promise<Step>,
) {
  return actOnSubmission(complaintStore, prisma, viewer, action, plan);
}

export interface StaffTarget {
  id: string;
  expectedVersion: number;
}

export function staffAction(name: string, target: StaffTarget, viewer: Viewer, mayAct = (complaint: RoutedComplaint) => worksComplaint(viewer, complaint)) {
  return { name, where: { id: target.id }, expectedVersion: target.expectedVersion, authorize: mayAct };
}

export type ReporterTarget = SubmitterTarget;

export const reporterAction = (name: string, target: ReporterTarget, trackedSubmissions: Set<string>) =>
  submitterAction(name, target, trackedSubmissions, 'Reporter');
