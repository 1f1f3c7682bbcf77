// Change events of submissions, written in the transaction of the change (the outbox subscribers read).
// The payload names what changed, never personal data: subscribers fetch details through the API.
import type { Tx } from '../audit/service.js';
import type { ChangeOperation } from '../generated/prisma/enums.js';

export interface SubmissionChange {
  topic: string;
  entityType: string;
  entityId: string;
  datasetId: string | null;
  operation: ChangeOperation;
  payload: { action: string; reference: string; status: string; version: number };
}

export async function recordChange(tx: Tx, change: SubmissionChange) {
  await tx.changeEvent.create({ data: change });
}
