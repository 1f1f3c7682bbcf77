// Change events of the writers being built beside this one (records ingest, complaints), inserted the way
// those writers will: one row per batch or action, in the transaction of the change. `holdMs` keeps the
// transaction open after the insert, so later sequences can commit first (out-of-order commits).
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export interface RecordsBatchEvent {
  datasetId: string;
  batchId: string;
  inserted?: number;
  version?: number;
}

export async function insertRecordsBatchEvent(prisma: PrismaClient, batch: RecordsBatchEvent, holdMs = 0) {
  await prisma.$transaction(
    async (tx) => {
      await tx.changeEvent.create({
        data: {
          topic: 'records',
          datasetId: batch.datasetId,
          entityType: 'ImportBatch',
          entityId: batch.batchId,
          operation: 'UPDATED',
          payload: { batchId: batch.batchId, mode: 'append', inserted: batch.inserted ?? 1, updated: 0, deleted: 0, version: batch.version ?? 1 },
        },
      });
      if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

export async function insertComplaintEvent(prisma: PrismaClient, reference: string, status: string, action = 'complaint.triage') {
  const complaint = await prisma.complaint.findUniqueOrThrow({ where: { reference } });
  await prisma.changeEvent.create({
    data: {
      topic: 'complaint',
      datasetId: complaint.datasetId,
      entityType: 'Complaint',
      entityId: complaint.id,
      operation: 'UPDATED',
      payload: { action, reference, status, version: 1 },
    },
  });
}
