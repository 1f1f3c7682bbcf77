// A change event as the live layer sees it: the outbox row plus the current access facts of what it is
// about (loaded once per batch by the dispatcher, then checked per subscriber without further queries).
import { ValidationError } from '../errors.js';
import type { DatasetAccessFacts } from '../access/visibility.js';

export interface DatasetFacts extends DatasetAccessFacts {
  themes: string[];
  departmentSlug: string;
}

export interface LiveEvent {
  sequence: bigint;
  topic: string;
  datasetId: string | null;
  entityType: string;
  entityId: string;
  operation: 'CREATED' | 'UPDATED' | 'DELETED';
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The dataset the event is about, as it is now (null when none or deleted). */
  dataset: DatasetFacts | null;
  /** Complaints only: the teams the complaint is routed to (who works it). */
  complaintRoutedTo?: string[];
}

/**
 * Cursors are opaque to clients: the outbox sequence and the event time, so an expired cursor is recognised
 * without a lookup even after its row was pruned.
 */
export function encodeCursor(event: Pick<LiveEvent, 'sequence' | 'createdAt'>): string {
  return Buffer.from(`ev:${event.sequence}:${event.createdAt.getTime()}`).toString('base64url');
}

export function decodeCursor(cursor: string): { sequence: bigint; createdAt: Date } {
  const match = /^ev:(\d{1,19}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ValidationError([{ path: ['since'], message: 'Not a cursor of this gateway (use the cursor of an event you received)' }]);
  return { sequence: BigInt(match[1]!), createdAt: new Date(Number(match[2])) };
}
