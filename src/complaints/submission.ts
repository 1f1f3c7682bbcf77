// Public submission of a complaint: checked input (a dataset and records the reporter can see), routing
// from the routing table, a sequential reference, a private tracking token, idempotent retries.
import type { Complaint, PrismaClient } from '../generated/prisma/client.js';
import type { ComplaintCategory } from '../generated/prisma/enums.js';
import { z } from 'zod';
import { canReadDataset } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { SlaHours } from '../config-rules.js';
import { ValidationError } from '../errors.js';
import { recordChange } from '../workflow/change-events.js';
import { checked } from '../workflow/input.js';
import { queueNotification } from '../workflow/notifications.js';
import { nextReference } from '../workflow/references.js';
import { idempotencyKeyInput, submitIdempotently, type Submitted } from '../workflow/submission.js';
import { routeComplaint, slaDueAt } from './routing.js';

export interface ComplaintSubmission {
  category: ComplaintCategory;
  summary: string;
  description: string;
  datasetId?: string | null;
  recordIds?: number[] | null;
  reporterName?: string | null;
  reporterEmail?: string | null;
  idempotencyKey?: string | null;
}

const submissionInput = z.object({
  summary: z.string().trim().min(3, 'must have at least 3 characters').max(200),
  description: z.string().trim().min(10, 'must have at least 10 characters').max(10_000),
  reporterName: z.string().trim().max(200).nullish().transform((text) => text || null),
  recordIds: z.array(z.number().int().positive()).max(100).nullish().transform((ids) => [...new Set(ids ?? [])]),
  idempotencyKey: idempotencyKeyInput,
});

/** The dataset and records must exist and be visible to the reporter; an invisible dataset answers like a missing one. */
async function checkSubject(prisma: PrismaClient, viewer: Viewer, datasetId: string | null | undefined, recordIds: number[]) {
  if (!datasetId) {
    if (recordIds.length) throw new ValidationError([{ path: ['recordIds'], message: 'need the dataset they belong to (datasetId)' }]);
    return;
  }
  const dataset = await prisma.dataset.findUnique({ where: { id: datasetId } });
  if (!dataset || !canReadDataset(viewer, dataset)) throw new ValidationError([{ path: ['datasetId'], message: 'is not a dataset you can see' }]);
  if (!recordIds.length) return;
  const found = await prisma.record.findMany({ where: { datasetId, id: { in: recordIds } }, select: { id: true } });
  const known = new Set(found.map((record) => record.id));
  const problems = recordIds
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !known.has(id))
    .map(({ index }) => ({ path: ['recordIds', index], message: 'is not a record of this dataset' }));
  if (problems.length) throw new ValidationError(problems);
}

export async function submitComplaint(
  prisma: PrismaClient,
  viewer: Viewer,
  sla: SlaHours,
  raw: ComplaintSubmission,
  now = new Date(),
): Promise<Submitted<Complaint>> {
  const input = { ...raw, ...checked(submissionInput, raw) };
  await checkSubject(prisma, viewer, input.datasetId, input.recordIds);
  const findByKey = (idempotencyKey: string) => prisma.complaint.findUnique({ where: { idempotencyKey } });
  return submitIdempotently(prisma, viewer, input.idempotencyKey, findByKey, async (tx, token) => {
    const reference = await nextReference(tx, 'CMP', now);
    const routing = await routeComplaint(tx, input.category, Boolean(input.datasetId));
    const complaint = await tx.complaint.create({
      data: {
        reference,
        trackingTokenHash: token.hash,
        category: input.category,
        ...routing,
        slaDueAt: slaDueAt(now, routing.priority, sla),
        summary: input.summary,
        description: input.description,
        datasetId: input.datasetId ?? null,
        recordIds: input.recordIds,
        reporterName: input.reporterName,
        reporterEmail: input.reporterEmail ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: now,
        events: { create: { kind: 'SUBMITTED', actorLabel: input.reporterEmail ? 'Reporter' : 'Anonymous reporter', createdAt: now } },
      },
    });
    await queueNotification(tx, {
      subjectType: 'Complaint',
      subjectId: complaint.id,
      recipient: complaint.reporterEmail,
      title: `We received your report ${reference}`,
      body: [
        `Thank you. We received your report "${complaint.summary}".`,
        `Follow it with reference ${reference} and your private tracking token ${token.value} (keep it to yourself).`,
      ].join('\n'),
    });
    await recordChange(tx, {
      topic: 'complaint',
      entityType: 'Complaint',
      entityId: complaint.id,
      datasetId: complaint.datasetId,
      operation: 'CREATED',
      payload: { action: 'complaint.submit', reference, status: complaint.status, version: complaint.version },
    });
    return {
      submission: complaint,
      audit: {
        action: 'complaint.submit',
        targetType: 'Complaint',
        targetId: complaint.id,
        after: { reference, category: complaint.category, status: complaint.status, priority: complaint.priority, routedTo: complaint.routedTo },
      },
    };
  });
}
