// Resume: a subscriber that comes back with `since` first gets what it missed from the outbox, then live
// events, with no gap and no duplicate at the seam, while writers keep committing (some out of order).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/live/events.js';
import { pruneOutbox } from '../../src/live/outbox.js';
import { sseSubscribe, startLiveServer, wsSubscribe, type LiveServer } from '../support/live-server.js';
import { insertRecordsBatchEvent } from './outbox-fixtures.js';
import { datasetByIdentifier, touchDataset, until } from './support.js';

const RECORDS_CHANGED = `subscription($dataset: ID!, $since: String) {
  recordsChanged(dataset: $dataset, since: $since) { cursor batchId mode inserted updated deleted version }
}`;
const DATASET_UPDATED = `subscription($since: String) { datasetUpdated(since: $since) { cursor identifier version } }`;

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer({ LIVE_POLL_INTERVAL_MS: '200', LIVE_RETENTION: '1d' });
});
afterAll(async () => {
  await server.shutdown();
  await server.db.close();
});

const sequenceOf = (cursor: string) => BigInt(Buffer.from(cursor, 'base64url').toString().split(':')[1]!);

function expectStrictlyIncreasing(cursors: string[]) {
  const sequences = cursors.map(sequenceOf);
  for (let index = 1; index < sequences.length; index++) expect(sequences[index]! > sequences[index - 1]!).toBe(true);
}

describe('resume with since', () => {
  it('replays then continues live with no gap and no duplicate, under concurrent out-of-order commits', async () => {
    const dataset = await datasetByIdentifier(server, 'toaks-street-trees');
    const datasetId = Buffer.from(dataset.id, 'base64').toString().split(':')[1]!;
    const live = sseSubscribe(server, RECORDS_CHANGED, { dataset: dataset.id });
    await live.opened;

    const batchIds = Array.from({ length: 40 }, () => randomUUID());
    let resumed: ReturnType<typeof wsSubscribe<any>> | undefined;
    let resumedAfter = -1;
    const writers = (async () => {
      // Waves of concurrent transactions that stay open for random times: later sequences often commit first.
      for (let wave = 0; wave < 4; wave++) {
        const slice = batchIds.slice(wave * 10, wave * 10 + 10);
        await Promise.all(
          slice.map(async (batchId, index) => {
            await insertRecordsBatchEvent(server.db.prisma, { datasetId, batchId, inserted: index }, Math.floor(Math.random() * 120));
            server.hub.notifyChange();
          }),
        );
        if (wave === 1) {
          // Mid-stream: a second client resumes from the 8th event the first one saw, while writes go on.
          await live.waitFor(8);
          resumedAfter = 7;
          resumed = wsSubscribe(server, RECORDS_CHANGED, { dataset: dataset.id, since: live.events[7].cursor });
        }
      }
    })();
    await writers;
    const all = await live.waitFor(40, 15_000);
    expect(all.map((event) => event.batchId).sort()).toEqual([...batchIds].sort());
    expectStrictlyIncreasing(all.map((event) => event.cursor));

    const expected = all.slice(resumedAfter + 1).map((event) => event.cursor);
    const got = await resumed!.waitFor(expected.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed!.events.map((event) => event.cursor)).toEqual(expected);
    expect(got[0].mode).toBe('append');
    live.close();
    resumed!.close();
  });

  it('resumes dataset changes made through concurrent mutations', async () => {
    const first = wsSubscribe(server, DATASET_UPDATED);
    await until(() => server.hub.subscriberCount === 1, 10_000, 'the first subscription');
    const identifiers = ['toaks-streetlights', 'toaks-pavement-condition', 'toaks-library-branches'];
    let second: ReturnType<typeof sseSubscribe<any>> | undefined;
    await Promise.all(
      identifiers.map(async (identifier, writer) => {
        for (let round = 0; round < 5; round++) {
          await touchDataset(server, identifier);
          if (writer === 0 && round === 1) {
            await first.waitFor(2);
            second = sseSubscribe(server, DATASET_UPDATED, { since: first.events[1].cursor });
          }
        }
      }),
    );
    const all = await first.waitFor(15, 15_000);
    expectStrictlyIncreasing(all.map((event) => event.cursor));
    const expected = all.slice(2).map((event) => event.cursor);
    await second!.waitFor(expected.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second!.events.map((event) => event.cursor)).toEqual(expected);
    first.close();
    second!.close();
  });

  it('refuses a cursor older than the retention window with a typed error, and prunes old events', async () => {
    const old = encodeCursor({ sequence: 1n, createdAt: new Date(Date.now() - 2 * 86_400_000) });
    const expired = wsSubscribe(server, DATASET_UPDATED, { since: old });
    await expired.waitForEnd();
    expect(JSON.stringify(expired.errors)).toContain('CURSOR_EXPIRED');
    expect(JSON.stringify(expired.errors)).toContain('older than');

    const garbage = wsSubscribe(server, DATASET_UPDATED, { since: 'not-a-cursor' });
    await garbage.waitForEnd();
    expect(JSON.stringify(garbage.errors)).toContain('VALIDATION_FAILED');

    await server.db.prisma.changeEvent.create({
      data: { topic: 'dataset', entityType: 'Dataset', entityId: 'x', operation: 'UPDATED', payload: {}, createdAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    const before = await server.db.prisma.changeEvent.count();
    expect(await pruneOutbox(server.db, 86_400)).toBeGreaterThanOrEqual(1);
    expect(await server.db.prisma.changeEvent.count()).toBe(before - 1);
  });
});
