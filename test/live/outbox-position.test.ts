// The in-order rule: rows after a sequence gap wait until the gap is settled (every transaction in flight
// when it was seen has ended, or the grace window ran out), so a late commit is never skipped.
import { describe, expect, it } from 'vitest';
import { OutboxPosition, type OutboxRow } from '../../src/live/outbox.js';

const row = (sequence: number): OutboxRow => ({
  sequence: BigInt(sequence),
  topic: 'dataset',
  datasetId: null,
  entityType: 'Dataset',
  entityId: 'x',
  operation: 'UPDATED',
  payload: {},
  createdAt: new Date(),
});
const read = (sequences: number[], xmin: number, xmax: number) => ({ rows: sequences.map(row), xmin: BigInt(xmin), xmax: BigInt(xmax) });
const taken = (rows: OutboxRow[]) => rows.map((taken) => Number(taken.sequence));

describe('OutboxPosition', () => {
  it('delivers contiguous rows at once', () => {
    const position = new OutboxPosition(10n, 5_000);
    expect(taken(position.take(read([11, 12, 13], 100, 100), 0))).toEqual([11, 12, 13]);
    expect(position.sequence).toBe(13n);
  });

  it('holds rows behind a gap while older transactions are in flight, then delivers the late row first', () => {
    const position = new OutboxPosition(10n, 5_000);
    // 11 is not visible yet; transaction 95 (which may hold it) is still running.
    expect(taken(position.take(read([12, 13], 95, 100), 0))).toEqual([]);
    expect(position.waiting).toBe(true);
    expect(taken(position.take(read([12, 13], 95, 101), 1_000))).toEqual([]);
    // 11 commits: everything goes out, in order.
    expect(taken(position.take(read([11, 12, 13], 101, 102), 1_100))).toEqual([11, 12, 13]);
    expect(position.waiting).toBe(false);
  });

  it('skips a rolled-back sequence once every transaction in flight at the gap has ended', () => {
    const position = new OutboxPosition(10n, 5_000);
    expect(taken(position.take(read([12], 95, 100), 0))).toEqual([]);
    // Too soon (the instant between nextval and the transaction id), even with nothing in flight.
    expect(taken(position.take(read([12], 100, 100), 5))).toEqual([]);
    expect(taken(position.take(read([12], 100, 100), 30))).toEqual([12]);
  });

  it('skips a gap after the grace window even when an unrelated long transaction holds the horizon back', () => {
    const position = new OutboxPosition(10n, 2_000);
    expect(taken(position.take(read([12], 50, 100), 0))).toEqual([]);
    expect(taken(position.take(read([12], 50, 120), 1_999))).toEqual([]);
    expect(taken(position.take(read([12, 13], 50, 130), 2_000))).toEqual([12, 13]);
  });
});
