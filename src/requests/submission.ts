// Public submission of a data request: checked input, a sequential reference, a private tracking token
// shown once, the acknowledgement to the requester, and idempotent retries.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DataRequestKind } from '../generated/prisma/enums.js';
import { z } from 'zod';
import { canReadDataset } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { ValidationError } from '../errors.js';
import { recordChange } from '../workflow/change-events.js';
import { cityDay, dueAtEndOfDay } from '../workflow/deadlines.js';
import { checked } from '../workflow/input.js';
import { queueNotification } from '../workflow/notifications.js';
import { nextReference } from '../workflow/references.js';
import { idempotencyKeyInput, submitIdempotently } from '../workflow/submission.js';
import { RESPONSE_DAYS } from './lifecycle.js';

export interface DataRequestSubmission {
  kind: DataRequestKind;
  subject: string;
  description: string;
  datasetId?: string | null;
  requesterName?: string | null;
  requesterEmail?: string | null;
  requesterPhone?: string | null;
  preferredFormat?: string | null;
  idempotencyKey?: string | null;
}

const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((text) => text || null);

const submissionInput = z.object({
  subject: z.string().trim().min(3, 'must have at least 3 characters').max(200),
  description: z.string().trim().min(10, 'must have at least 10 characters').max(10_000),
  requesterName: optionalText(200),
  requesterPhone: z
    .string()
    .trim()
    .regex(/^[+()\d][\d\s().-]{5,30}$/, 'must be a phone number')
    .nullish()
    .transform((text) => text || null),
  preferredFormat: optionalText(50),
  idempotencyKey: idempotencyKeyInput,
});

export interface SubmittedDataRequest {
  request: Prisma.DataRequestGetPayload<object>;
  /** The private tracking token: only when this call created the request (it is stored hashed). */
  trackingToken: string | null;
  replayed: boolean;
}

export async function submitDataRequest(prisma: PrismaClient, viewer: Viewer, raw: DataRequestSubmission, now = new Date()): Promise<SubmittedDataRequest> {
  const input = { ...raw, ...checked(submissionInput, raw) };
  if (input.datasetId) {
    const dataset = await prisma.dataset.findUnique({ where: { id: input.datasetId } });
    if (!dataset || !canReadDataset(viewer, dataset)) throw new ValidationError([{ path: ['datasetId'], message: 'is not a dataset you can see' }]);
  }
  const findByKey = (idempotencyKey: string) => prisma.dataRequest.findUnique({ where: { idempotencyKey } });
  const { submission, ...outcome } = await submitIdempotently(prisma, viewer, input.idempotencyKey, findByKey, async (tx, trackingToken) => {
    const reference = await nextReference(tx, 'PRR', now);
    const dueAt = dueAtEndOfDay(now, RESPONSE_DAYS);
    const request = await tx.dataRequest.create({
      data: {
        reference,
        trackingTokenHash: trackingToken.hash,
        kind: input.kind,
        subject: input.subject,
        description: input.description,
        datasetId: input.datasetId ?? null,
        requesterName: input.requesterName,
        requesterEmail: input.requesterEmail ?? null,
        requesterPhone: input.requesterPhone,
        preferredFormat: input.preferredFormat,
        idempotencyKey: input.idempotencyKey ?? null,
        receivedAt: now,
        dueAt,
        events: { create: { kind: 'SUBMITTED', actorLabel: 'Requester', createdAt: now } },
      },
    });
    await queueNotification(tx, {
      subjectType: 'DataRequest',
      subjectId: request.id,
      recipient: request.requesterEmail,
      title: `We received your records request ${reference}`,
      body: [
        `Thank you. We received your request "${request.subject}" and will respond by ${cityDay(dueAt)}.`,
        `Follow it with reference ${reference} and your private tracking token ${trackingToken.value} (keep it to yourself).`,
      ].join('\n'),
    });
    await recordChange(tx, {
      topic: 'dataRequest',
      entityType: 'DataRequest',
      entityId: request.id,
      datasetId: request.datasetId,
      operation: 'CREATED',
      payload: { action: 'dataRequest.submit', reference, status: request.status, version: request.version },
    });
    return {
      submission: request,
      audit: { action: 'dataRequest.submit', targetType: 'DataRequest', targetId: request.id, after: { reference, kind: request.kind, status: request.status } },
    };
  });
  return { request: submission, ...outcome };
}
