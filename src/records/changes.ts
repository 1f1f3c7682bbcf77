// Change history of a dataset, for people (what happened) and for partners syncing its records (what changed
// since their last visit). The ChangeEvent outbox is the one source: publishing edits (topic 'dataset') and
// import batches (topic 'records') both write to it in their own transactions. Its `sequence` is the change
// cursor; records carry the sequence of the batch that last wrote them (`changeSequence`), and records an
// import deleted leave a tombstone with that batch's sequence.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SqlParams } from './filter/scope.js';
import { ValidationError } from '../errors.js';
import { pageSizeProblems } from '../graphql/page-size.js';

/** Rows changed since a moment, or since a change cursor (a ChangeEvent sequence): exactly one of them. */
export interface ChangedSince {
  time?: Date | null;
  afterSequence?: string | null;
}

const SEQUENCE = /^\d{1,19}$/;

/**
 * The topics that are the dataset's own history. Other outbox rows may name the dataset too (data requests
 * and complaints about it) but are not its changes, and their references must not reach its readers.
 */
export const DATASET_HISTORY_TOPICS = ['dataset', 'records'];

export function changeCursor(value: string, path: (string | number)[]): bigint {
  if (!SEQUENCE.test(value)) throw new ValidationError([{ path, message: 'must be a change sequence (digits), as listed by changes' }]);
  return BigInt(value);
}

/** The SQL condition for `records(changedSince:)` (alias r): rows written after the moment or after the cursor. */
export function changedSinceCondition(changedSince: ChangedSince | null | undefined, sql: SqlParams): string | null {
  if (!changedSince) return null;
  const { time, afterSequence } = changedSince;
  if ((time == null) === (afterSequence == null)) {
    throw new ValidationError([{ path: ['changedSince'], message: 'give exactly one of time and afterSequence' }]);
  }
  if (time) return `r."updatedAt" > ${sql.bind(time, 'timestamptz')}`;
  return `r."changeSequence" > ${sql.bind(changeCursor(afterSequence!, ['changedSince', 'afterSequence']).toString(), 'bigint')}`;
}

export interface ChangesPage {
  since?: Date | null;
  afterSequence?: string | null;
  first: number;
}

/** The page size rule of every connection (src/graphql/page-size.ts), for these plain lists. */
function pageSize(first: number) {
  const problems = pageSizeProblems({ first });
  if (problems.length) throw new ValidationError(problems);
  return first;
}

/** The dataset's change events, oldest first, after the cursor and/or the moment given. */
export async function datasetChanges(prisma: PrismaClient, datasetId: string, page: ChangesPage) {
  const take = pageSize(page.first);
  const after = page.afterSequence != null ? changeCursor(page.afterSequence, ['afterSequence']) : undefined;
  const events = await prisma.changeEvent.findMany({
    where: {
      datasetId,
      topic: { in: DATASET_HISTORY_TOPICS },
      sequence: after !== undefined ? { gt: after } : undefined,
      createdAt: page.since ? { gt: page.since } : undefined,
    },
    orderBy: { sequence: 'asc' },
    take,
  });
  const batchIds = events.filter((event) => event.entityType === 'ImportBatch').map((event) => event.entityId);
  const batches = batchIds.length ? await prisma.importBatch.findMany({ where: { id: { in: batchIds } } }) : [];
  const byId = new Map(batches.map((batch) => [batch.id, batch]));
  return events.map((event) => ({ ...event, importBatch: event.entityType === 'ImportBatch' ? (byId.get(event.entityId) ?? null) : null }));
}

export type DatasetChange = Awaited<ReturnType<typeof datasetChanges>>[number];

/**
 * Records deleted (by REPLACE imports) after the cursor, oldest first. One batch may delete more than a page:
 * `afterId` (the last tombstone id seen) continues within it.
 */
export async function deletedRecords(prisma: PrismaClient, datasetId: string, afterSequence: string, first: number, afterId?: number | null) {
  return prisma.recordTombstone.findMany({
    where: { datasetId, changeSequence: { gt: changeCursor(afterSequence, ['afterSequence']) }, id: afterId != null ? { gt: afterId } : undefined },
    orderBy: { id: 'asc' },
    take: pageSize(first),
  });
}

/** The newest change cursor of the dataset: where a partner that has just read everything continues from. */
export async function latestChangeSequence(prisma: PrismaClient, datasetId: string): Promise<string | null> {
  const newest = await prisma.changeEvent.findFirst({ where: { datasetId, topic: { in: DATASET_HISTORY_TOPICS } }, orderBy: { sequence: 'desc' }, select: { sequence: true } });
  return newest ? newest.sequence.toString() : null;
}
