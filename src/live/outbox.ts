// Reading the change-event outbox in sequence order, without skipping a row that commits late.
//
// Sequences are handed out when a transaction inserts its event, not when it commits, so sequence 11 may
// become visible before 10. Delivering 11 at once and 10 later would break resume (a client holding cursor
// 11 would never get 10). So the reader delivers strictly in order and holds everything after a gap until
// the gap is settled: either every transaction that was in flight when the gap was first seen has ended
// (PostgreSQL's snapshot xmin has passed the xmax seen then: the missing sequence was rolled back and will
// never appear), or the grace window has run out (a long unrelated transaction holding xmin back must not
// stall delivery for ever). A short minimum wait covers the instant between nextval() and the inserting
// transaction taking its transaction id.
import type { Database } from '../db/client.js';
import type { LiveEvent } from './events.js';

const MIN_GAP_WAIT_MS = 20;

export interface OutboxRow {
  sequence: bigint;
  topic: string;
  datasetId: string | null;
  entityType: string;
  entityId: string;
  operation: LiveEvent['operation'];
  payload: Record<string, unknown>;
  createdAt: Date;
}

interface RawRow {
  xmin: string;
  xmax: string;
  sequence: string | null;
  topic: string;
  datasetId: string | null;
  entityType: string;
  entityId: string;
  operation: LiveEvent['operation'];
  payload: Record<string, unknown> | string;
  createdAtMs: number | string;
}

const COLUMNS = `e.sequence::text AS sequence, e.topic, e."datasetId"::text AS "datasetId", e."entityType", e."entityId",
  e.operation::text AS operation, e.payload, (extract(epoch FROM e."createdAt") * 1000)::float8 AS "createdAtMs"`;

function toRow(raw: RawRow): OutboxRow {
  return {
    sequence: BigInt(raw.sequence!),
    topic: raw.topic,
    datasetId: raw.datasetId,
    entityType: raw.entityType,
    entityId: raw.entityId,
    operation: raw.operation,
    payload: typeof raw.payload === 'string' ? JSON.parse(raw.payload) : raw.payload,
    createdAt: new Date(Number(raw.createdAtMs)),
  };
}

/** Rows after `after` (up to `limit`) and the transaction horizon of the same snapshot. */
export async function readAfter(db: Database, after: bigint, limit: number) {
  const raws = await db.leanQuery<RawRow>(
    `SELECT s.xmin, s.xmax, ${COLUMNS}
     FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax) s
     LEFT JOIN LATERAL (SELECT * FROM "ChangeEvent" WHERE sequence > $1::bigint ORDER BY sequence LIMIT $2::int) e ON true`,
    [after.toString(), limit],
  );
  const first = raws[0]!;
  return { rows: raws.filter((raw) => raw.sequence !== null).map(toRow), xmin: BigInt(first.xmin), xmax: BigInt(first.xmax) };
}

/** Committed rows in (after, upTo]: the replay part of a resumed subscription. */
export async function readRange(db: Database, after: bigint, upTo: bigint, limit: number): Promise<OutboxRow[]> {
  const raws = await db.leanQuery<RawRow>(
    `SELECT ${COLUMNS} FROM "ChangeEvent" e WHERE e.sequence > $1::bigint AND e.sequence <= $2::bigint ORDER BY e.sequence LIMIT $3::int`,
    [after.toString(), upTo.toString(), limit],
  );
  return raws.map(toRow);
}

export async function latestSequence(db: Database): Promise<bigint> {
  const [row] = await db.leanQuery<{ last: string | null }>(`SELECT max(sequence)::text AS last FROM "ChangeEvent"`, []);
  return BigInt(row?.last ?? 0);
}

/** Deletes events older than the retention window; returns how many went. */
export async function pruneOutbox(db: Database, retentionSeconds: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionSeconds * 1000);
  const { count } = await db.prisma.changeEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}

/** The in-order delivery position, with the gap rule described at the top of this file. */
export class OutboxPosition {
  private gap: { from: bigint; seenAt: number; horizon: bigint } | undefined;

  constructor(public sequence: bigint, private readonly graceMs: number) {}

  /** True while rows are held behind a gap (the caller should look again soon). */
  get waiting(): boolean {
    return this.gap !== undefined;
  }

  /** The rows that may be delivered now, in order; advances the position past them. */
  take(read: { rows: OutboxRow[]; xmin: bigint; xmax: bigint }, now = Date.now()): OutboxRow[] {
    const deliverable: OutboxRow[] = [];
    for (const row of read.rows) {
      const expected = this.sequence + 1n;
      if (row.sequence < expected) continue;
      if (row.sequence > expected) {
        if (this.gap?.from !== expected) this.gap = { from: expected, seenAt: now, horizon: read.xmax };
        const waited = now - this.gap.seenAt;
        const settled = waited >= this.graceMs || (waited >= MIN_GAP_WAIT_MS && read.xmin >= this.gap.horizon);
        if (!settled) break;
      }
      this.gap = undefined;
      deliverable.push(row);
      this.sequence = row.sequence;
    }
    return deliverable;
  }
}

/** Prunes the outbox every `intervalMs` until stopped. */
export function startOutboxPruning(db: Database, retentionSeconds: number, onError: (error: unknown) => void, intervalMs = 3_600_000) {
  const timer = setInterval(() => void pruneOutbox(db, retentionSeconds).catch(onError), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
