// Public submission shared by data requests and complaints: a private tracking token shown once (stored
// hashed), the creation with its audit entry in one transaction, and idempotent retries — a key seen before
// answers with the first submission, also when a concurrent retry wins the race on the unique key.
import type { PrismaClient } from '../generated/prisma/client.js';
import { z } from 'zod';
import { isUniqueViolation } from '../db/unique-violation.js';
import { audited, type AuditEntry, type Tx } from '../audit/service.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import type { Viewer } from '../access/viewer.js';

export const idempotencyKeyInput = z.string().min(8, 'must have at least 8 characters').max(200).nullish();

export interface Submitted<T> {
  submission: T;
  /** The private tracking token: only when this call created the submission. */
  trackingToken: string | null;
  replayed: boolean;
}

export async function submitIdempotently<T>(
  prisma: PrismaClient,
  viewer: Viewer,
  idempotencyKey: string | null | undefined,
  findByKey: (key: string) => Promise<T | null>,
  create: (tx: Tx, token: { value: string; hash: string }) => Promise<{ submission: T; audit: AuditEntry }>,
): Promise<Submitted<T>> {
  const replay = async () => {
    const earlier = idempotencyKey ? await findByKey(idempotencyKey) : null;
    return earlier && { submission: earlier, trackingToken: null, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const trackingToken = `trk_${newSecret(24)}`;
  try {
    return await audited(prisma, viewer, async (tx) => {
      const { submission, audit } = await create(tx, { value: trackingToken, hash: hashSecret(trackingToken) });
      return { result: { submission, trackingToken, replayed: false }, audit };
    });
  } catch (error) {
    const winner = isUniqueViolation(error) ? await replay() : null;
    if (winner) return winner;
    throw error;
  }
}
