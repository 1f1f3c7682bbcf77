// recordsChanged with the changed records: a real import, real SSE and graphql-ws subscribers; the records
// are those the batch wrote, redacted like the records API, loaded with one statement per event.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../src/records/ingest.js';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { sseSubscribe, startLiveServer, wsSubscribe, type LiveServer } from '../support/live-server.js';
import { until } from './support.js';

const STEWARD = 'maria.delgado@toaks.example';
const RECORDS_CHANGED = `subscription($dataset: ID!, $first: Int) {
  recordsChanged(dataset: $dataset) { inserted updated deleted records(first: $first) { changeSequence attributes redactedFields } }
}`;

let server: LiveServer;
let permits: { id: string; gid: string; version: number };
beforeAll(async () => {
  server = await startLiveServer({ LIVE_POLL_INTERVAL_MS: '60000' });
  const dataset = await server.db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-building-permits' } });
  const { data } = await server.request(`{ dataset(identifier: "toaks-building-permits") { id } }`);
  permits = { id: dataset.id, gid: data!.dataset.id, version: dataset.version };
});
afterAll(async () => {
  await server.shutdown();
  await server.db.close();
});

const HEADER = 'permit_number,permit_type,status,applied_date,address,apn,valuation,applicant_name,applicant_phone';
const row = (n: number) => `LIVE-${n},Electrical,In Review,2026-11-20,${n} Main St,123-0-456-78${n},1000,Applicant ${n},805-555-010${n}`;

async function importRows(rows: string[]) {
  const version = (await server.db.prisma.dataset.findUniqueOrThrow({ where: { id: permits.id } })).version;
  const file = { name: 'permits.csv', mediaType: 'text/csv', stream: Readable.from([`${HEADER}\n${rows.join('\n')}\n`]) };
  return importRecords(server.db, { kind: 'system', label: 'test import' }, permits.id, file, { mode: 'APPEND', expectedVersion: version });
}

describe('recordsChanged records', () => {
  it('delivers the batch’s records, personal fields redacted for a partner and shown to the steward, one statement per event', async () => {
    const partner = sseSubscribe(server, RECORDS_CHANGED, { dataset: permits.gid }, await partnerHeaders(server.db.prisma, ['subscribe']));
    const steward = wsSubscribe(server, RECORDS_CHANGED, { dataset: permits.gid }, await staffHeaders(STEWARD));
    await until(() => server.hub.subscriberCount === 2, 10_000, 'both subscriptions');

    const outcome = await importRows([row(1), row(2), row(3)]);
    const { statements } = await server.db.statements.measure(async () => {
      server.hub.notifyChange();
      await partner.waitFor(1);
      await steward.waitFor(1);
    });
    const sequence = String(outcome.changeSequence);

    const [forPartner] = partner.events;
    expect(forPartner).toMatchObject({ inserted: 3, updated: 0, deleted: 0 });
    expect(forPartner.records).toHaveLength(3);
    expect(forPartner.records.map((record: any) => record.attributes.permit_number)).toEqual(['LIVE-1', 'LIVE-2', 'LIVE-3']);
    for (const record of forPartner.records) {
      expect(record.changeSequence).toBe(sequence);
      expect(record.attributes).toMatchObject({ applicant_name: null, applicant_phone: null });
      expect(record.redactedFields).toEqual(['applicant_name', 'applicant_phone']);
    }

    const [forSteward] = steward.events;
    expect(forSteward.inserted).toBe(3);
    expect(forSteward.records.map((record: any) => record.attributes.applicant_name)).toEqual(['Applicant 1', 'Applicant 2', 'Applicant 3']);
    expect(forSteward.records.every((record: any) => record.redactedFields.length === 0)).toBe(true);

    // Each subscriber's event reads its records (and the redaction facts) in one statement, not one per record.
    expect(statements.filter((text) => text.includes('"Record"'))).toHaveLength(2);
    partner.close();
    steward.close();
    await until(() => server.hub.subscriberCount === 0, 5_000, 'subscriptions to close');
  });

  it('pages with first, and refuses more than 100', async () => {
    const small = sseSubscribe(server, RECORDS_CHANGED, { dataset: permits.gid, first: 2 });
    const large = sseSubscribe(server, RECORDS_CHANGED, { dataset: permits.gid, first: 101 });
    await until(() => server.hub.subscriberCount === 2, 10_000, 'both subscriptions');
    await importRows([row(4), row(5), row(6)]);
    server.hub.notifyChange();
    const [event] = await small.waitFor(1);
    expect(event.inserted).toBe(3);
    expect(event.records.map((record: any) => record.attributes.permit_number)).toEqual(['LIVE-4', 'LIVE-5']);
    await until(() => large.events.length + large.errors.length > 0, 10_000, 'the refused page');
    expect(JSON.stringify([large.events, large.errors])).toContain('at most 100');
    small.close();
    large.close();
  });
});
