// importRecords end to end through the gateway: each mode, atomic rejection of a bad file with row numbers,
// key-field upsert, authorization, version conflicts, the change event / audit / batch it writes, change
// history and incremental sync, field indexes, and the command line on a small file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { uploadRequest, type UploadFile } from '../support/upload.js';
import { fieldIndexName } from '../../src/catalog/field-indexes.js';
import { runImportCommand } from '../../src/records/import-command.js';

const gateway = useTestGateway();
const STEWARD = 'daniel.whitfield@toaks.example'; // stewards toaks-street-trees
const OTHER_STEWARD = 'kevin.ostrowski@toaks.example';
const prisma = () => gateway().db.prisma;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const FIELDS = [
  { name: 'code', type: 'TEXT', nullable: false },
  { name: 'amount', type: 'DECIMAL', nullable: true },
  { name: 'count', type: 'INTEGER', nullable: false },
  { name: 'active', type: 'BOOLEAN', nullable: true },
  { name: 'day', type: 'DATE', nullable: true },
  { name: 'at', type: 'TIMESTAMP', nullable: true },
] as const;

let datasets = 0;
/** A new dataset stewarded by STEWARD (street trees' metadata) declaring FIELDS. */
async function newDataset() {
  const trees = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
  const { id: _id, keywordTerms: _terms, identifier: _identifier, createdAt: _c, updatedAt: _u, ...metadata } = trees;
  const dataset = await prisma().dataset.create({
    data: {
      ...metadata,
      identifier: `import-test-${++datasets}`,
      version: 1,
      fields: { create: FIELDS.map((field, position) => ({ ...field, position })) },
    } as never,
  });
  return { ...dataset, gid: globalId('Dataset', dataset.id) };
}

const IMPORT = `mutation($id: ID!, $version: Int!, $mode: ImportMode, $file: File!) {
  importRecords(datasetId: $id, expectedVersion: $version, mode: $mode, file: $file) {
    __typename
    ... on ImportRecordsPayload { importBatch { id mode inserted updated deleted version changeSequence dataset { version } } }
    ... on ValidationError { problems { path message } }
    ... on ConflictError { message currentVersion }
    ... on NotFoundError { entity }
  }
}`;

async function upload(dataset: { gid: string; version: number }, file: UploadFile, mode = 'APPEND', as = STEWARD) {
  const result = await uploadRequest(gateway(), IMPORT, { id: dataset.gid, version: dataset.version, mode }, file, as ? await staffHeaders(as) : {});
  return result;
}

async function imported(dataset: { gid: string; version: number }, file: UploadFile, mode = 'APPEND') {
  const result = await upload(dataset, file, mode);
  expect(result.errors).toBeUndefined();
  expect(result.data!.importRecords.__typename, JSON.stringify(result.data)).toBe('ImportRecordsPayload');
  return result.data!.importRecords.importBatch as Record<string, any>;
}

const csv = (content: string): UploadFile => ({ name: 'rows.csv', content, type: 'text/csv' });
const storedRecords = (datasetId: string) =>
  prisma().record.findMany({ where: { datasetId }, orderBy: { id: 'asc' }, select: { id: true, attributes: true, geometry: true, changeSequence: true } });
const version = async (datasetId: string) => (await prisma().dataset.findUniqueOrThrow({ where: { id: datasetId } })).version;

describe('APPEND', () => {
  it('stores typed values, bumps version and modified, and writes one ChangeEvent, its ImportBatch and its AuditEvent', async () => {
    const dataset = await newDataset();
    const before = await prisma().changeEvent.aggregate({ _max: { sequence: true } });
    const batch = await imported(
      dataset,
      csv('code,amount,count,active,day,at\nA-1,12.50,3,true,2026-03-01,2026-03-01T08:30:00-08:00\n"B, 2",,0,no,,\n'),
    );
    expect(batch).toMatchObject({ mode: 'APPEND', inserted: 2, updated: 0, deleted: 0, version: 2, dataset: { version: 2 } });

    const records = await storedRecords(dataset.id);
    expect(records.map((record) => record.attributes)).toEqual([
      { code: 'A-1', amount: 12.5, count: 3, active: true, day: '2026-03-01', at: '2026-03-01T16:30:00.000Z' },
      { code: 'B, 2', amount: null, count: 0, active: false, day: null, at: null },
    ]);
    expect(records.every((record) => String(record.changeSequence) === batch.changeSequence)).toBe(true);
    const after = await prisma().dataset.findUniqueOrThrow({ where: { id: dataset.id } });
    expect(after.modified.getTime()).toBeGreaterThan(dataset.modified.getTime());

    const events = await prisma().changeEvent.findMany({ where: { sequence: { gt: before._max.sequence ?? 0n }, datasetId: dataset.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ topic: 'records', entityType: 'ImportBatch', entityId: batch.id, operation: 'CREATED', datasetId: dataset.id });
    expect(String(events[0]!.sequence)).toBe(batch.changeSequence);
    expect(events[0]!.payload).toEqual({ batchId: batch.id, mode: 'APPEND', inserted: 2, updated: 0, deleted: 0, version: 2 });

    const stored = await prisma().importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(stored).toMatchObject({ datasetId: dataset.id, mode: 'APPEND', inserted: 2, actorType: 'staff', actorLabel: expect.stringContaining('Daniel') });
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'records.import', targetId: dataset.id } });
    expect(audit.after).toMatchObject({ batchId: batch.id, inserted: 2 });
  });

  it('reads a GeoJSON FeatureCollection: properties become attributes, geometry the record’s geometry', async () => {
    const dataset = await newDataset();
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-118.84, 34.17] }, properties: { code: 'G-1', count: 1 } },
        { type: 'Feature', geometry: null, properties: { code: 'G-2', count: 2, amount: 1.25 } },
      ],
    };
    const batch = await imported(dataset, { name: 'points.geojson', content: JSON.stringify(collection), type: 'application/geo+json' });
    expect(batch.inserted).toBe(2);
    const records = await storedRecords(dataset.id);
    expect(records.map((record) => [record.attributes, record.geometry])).toEqual([
      [{ code: 'G-1', amount: null, count: 1, active: null, day: null, at: null }, { type: 'Point', coordinates: [-118.84, 34.17] }],
      [{ code: 'G-2', amount: 1.25, count: 2, active: null, day: null, at: null }, null],
    ]);
  });
});

describe('a bad file', () => {
  it('is rejected whole with row numbers and reasons; nothing is written', async () => {
    const dataset = await newDataset();
    await imported(dataset, csv('code,count\nKEEP,1\n'));
    const current = { ...dataset, version: 2 };
    const events = await prisma().changeEvent.count({ where: { datasetId: dataset.id } });
    const result = await upload(
      current,
      csv('code,count,amount,day,at\nOK,1,2.5,2026-01-31,\n,2,x,2026-02-30,2026-01-01T00:00:00\nOK2,1.5,,,\nOK3,4\n'),
    );
    expect(result.data!.importRecords.__typename).toBe('ValidationError');
    expect(result.data!.importRecords.problems.map((problem: { path: string[] }) => problem.path.join('.'))).toEqual([
      'file.row.2.code',
      'file.row.2.amount',
      'file.row.2.day',
      'file.row.2.at',
      'file.row.3.count',
      'file.row.4',
    ]);
    expect(result.data!.importRecords.problems[1].message).toMatch(/"x" is not a decimal number/);
    expect(result.data!.importRecords.problems[5].message).toMatch(/2 cells/);
    expect((await storedRecords(dataset.id)).map((record) => record.attributes)).toEqual([expect.objectContaining({ code: 'KEEP' })]);
    expect(await version(dataset.id)).toBe(2);
    expect(await prisma().changeEvent.count({ where: { datasetId: dataset.id } })).toBe(events);
    expect(await prisma().importBatch.count({ where: { datasetId: dataset.id } })).toBe(1);
  });

  it('names undeclared columns and invalid geometry', async () => {
    const dataset = await newDataset();
    const header = await upload(dataset, csv('code,count,colour\nA,1,red\n'));
    expect(header.data!.importRecords.problems).toEqual([{ path: ['file', 'header', 'colour'], message: 'is not a declared field of the dataset' }]);
    const geo = await upload(dataset, {
      name: 'bad.geojson',
      content: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [200, 10] }, properties: { code: 'x', count: 1, extra: 1 } }] }),
    });
    expect(geo.data!.importRecords.problems.map((problem: { path: string[]; message: string }) => `${problem.path.join('.')}: ${problem.message}`)).toEqual([
      'file.row.1.extra: is not a declared field of the dataset',
      'file.row.1.geometry: is not valid GeoJSON: longitude 200 is outside -180…180',
    ]);
    expect(await prisma().record.count({ where: { datasetId: dataset.id } })).toBe(0);
  });

  it('lists the first 100 problems and says how many there were', async () => {
    const dataset = await newDataset();
    const rows = Array.from({ length: 150 }, (_, i) => `C${i},not-a-number`).join('\n');
    const result = await upload(dataset, csv(`code,count\n${rows}\n`));
    const problems = result.data!.importRecords.problems;
    expect(problems).toHaveLength(101);
    expect(problems[99].path).toEqual(['file', 'row', '100', 'count']);
    expect(problems[100]).toEqual({ path: ['file'], message: '150 problems in all; the first 100 are listed' });
  });
});

describe('UPSERT by the key field, and REPLACE', () => {
  const KEY = `mutation($id: ID!, $version: Int!, $field: String) {
    setRecordKeyField(datasetId: $id, expectedVersion: $version, field: $field) {
      __typename ... on SetRecordKeyFieldPayload { dataset { version keyField fields { name indexed } } }
      ... on ValidationError { problems { path message } } ... on ConflictError { message } }
  }`;

  it('needs a declared key field, refuses repeated keys, updates matches and adds the rest', async () => {
    const dataset = await newDataset();
    const noKey = await upload(dataset, csv('code,count\nA,1\n'), 'UPSERT');
    expect(noKey.data!.importRecords.problems[0].path).toEqual(['mode']);

    await imported(dataset, csv('code,count\nA,1\nB,2\n'));
    const keyed = await gateway().request(KEY, { id: dataset.gid, version: 2, field: 'code' }, await staffHeaders(STEWARD));
    expect(keyed.data!.setRecordKeyField.dataset).toMatchObject({ version: 3, keyField: 'code' });
    expect(keyed.data!.setRecordKeyField.dataset.fields.find((field: { name: string }) => field.name === 'code').indexed).toBe(true);
    const indexes = await prisma().$queryRaw<{ indexname: string }[]>`SELECT indexname FROM pg_indexes WHERE tablename = 'Record'`;
    expect(indexes.map((index) => index.indexname)).toContain(fieldIndexName(dataset.id, 'code'));

    const repeated = await upload({ ...dataset, version: 3 }, csv('code,count\nC,1\nC,2\n'), 'UPSERT');
    expect(repeated.data!.importRecords.problems).toEqual([{ path: ['file', 'row', '2', 'code'], message: 'repeats the key "C" of row 1' }]);
    const taken = await upload({ ...dataset, version: 3 }, csv('code,count\nB,5\n'), 'APPEND');
    expect(taken.data!.importRecords.problems[0]).toEqual({ path: ['file', 'row', '1', 'code'], message: 'the key "B" is already stored: use UPSERT to update it' });

    const [a, b] = await storedRecords(dataset.id);
    const batch = await imported({ ...dataset, version: 3 }, csv('code,count\nB,20\nC,30\n'), 'UPSERT');
    expect(batch).toMatchObject({ inserted: 1, updated: 1, deleted: 0, version: 4 });
    const records = await storedRecords(dataset.id);
    expect(records.map((record) => [record.id, (record.attributes as { code: string; count: number }).count])).toEqual([
      [a!.id, 1],
      [b!.id, 20],
      [records[2]!.id, 30],
    ]);
    expect(records.map((record) => String(record.changeSequence) === batch.changeSequence)).toEqual([false, true, true]);
  });

  it('REPLACE deletes every record with a tombstone; changedSince and deletedRecords tell a syncing partner what changed', async () => {
    const dataset = await newDataset();
    await imported(dataset, csv('code,count\nA,1\nB,2\n'));
    const SYNC = `query($identifier: String!, $after: String!) { dataset(identifier: $identifier) {
      latestChangeSequence
      records(first: 10, changedSince: { afterSequence: $after }) { edges { node { recordId attributes changeSequence } } }
      deletedRecords(afterSequence: $after) { recordId changeSequence }
      changes(afterSequence: "0") { topic action version importBatch { mode inserted deleted } }
    } }`;
    const cursor = (await gateway().request(SYNC, { identifier: dataset.identifier, after: '0' })).data!.dataset.latestChangeSequence as string;
    const old = await storedRecords(dataset.id);

    const batch = await imported({ ...dataset, version: 2 }, csv('code,count\nC,3\n'), 'REPLACE');
    expect(batch).toMatchObject({ mode: 'REPLACE', inserted: 1, updated: 0, deleted: 2 });

    const sync = await gateway().request(SYNC, { identifier: dataset.identifier, after: cursor });
    expect(sync.errors).toBeUndefined();
    const view = sync.data!.dataset;
    expect(view.latestChangeSequence).toBe(batch.changeSequence);
    expect(view.records.edges.map((edge: any) => edge.node.attributes.code)).toEqual(['C']);
    expect(view.deletedRecords).toEqual(old.map((record) => ({ recordId: record.id, changeSequence: batch.changeSequence })));
    expect(view.changes).toEqual([
      { topic: 'records', action: 'records.import', version: 2, importBatch: { mode: 'APPEND', inserted: 2, deleted: 0 } },
      { topic: 'records', action: 'records.import', version: 3, importBatch: { mode: 'REPLACE', inserted: 1, deleted: 2 } },
    ]);

    const byTime = await gateway().request(
      `query($identifier: String!, $time: DateTime!) { dataset(identifier: $identifier) { records(first: 10, changedSince: { time: $time }) { edges { node { recordId } } } } }`,
      { identifier: dataset.identifier, time: new Date(Date.now() - 60_000).toISOString() },
    );
    expect(byTime.data!.dataset.records.edges).toHaveLength(1);
    const both = await gateway().request(
      `{ dataset(identifier: "${dataset.identifier}") { records(first: 1, changedSince: { time: "2026-01-01T00:00:00Z", afterSequence: "1" }) { edges { node { recordId } } } } }`,
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('lists publishing edits beside import batches in dataset.changes', async () => {
    const dataset = await newDataset();
    const update = await gateway().request(
      `mutation($id: ID!) { updateDataset(id: $id, expectedVersion: 1, input: { title: "Renamed" }) { __typename } }`,
      { id: dataset.gid },
      await staffHeaders(STEWARD),
    );
    expect(update.data!.updateDataset.__typename).toBe('UpdateDatasetPayload');
    await imported({ ...dataset, version: 2 }, csv('code,count\nA,1\n'));
    // A data request about the dataset names it in the outbox too, but is not its history (nor public).
    await prisma().changeEvent.create({
      data: { topic: 'dataRequest', datasetId: dataset.id, entityType: 'DataRequest', entityId: 'x', operation: 'CREATED', payload: { action: 'submit', reference: 'PRR-2026-9999' } },
    });
    const changes = await gateway().request(`{ dataset(identifier: "${dataset.identifier}") { changes { topic action version } } }`);
    expect(changes.data!.dataset.changes).toEqual([
      { topic: 'dataset', action: 'dataset.update', version: 2 },
      { topic: 'records', action: 'records.import', version: 3 },
    ]);
  });
});

describe('who may import, and stale versions', () => {
  it('refuses anonymous callers and other stewards, and answers a stale version with ConflictError', async () => {
    const dataset = await newDataset();
    const anonymous = await uploadRequest(gateway(), IMPORT, { id: dataset.gid, version: 1, mode: 'APPEND' }, csv('code,count\nA,1\n'));
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await upload(dataset, csv('code,count\nA,1\n'), 'APPEND', OTHER_STEWARD);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await imported(dataset, csv('code,count\nA,1\n')); // as the steward
    expect(admin.version).toBe(2);
    const stale = await upload(dataset, csv('code,count\nB,1\n'));
    expect(stale.data!.importRecords).toMatchObject({ __typename: 'ConflictError', currentVersion: 2 });
    const byAdmin = await upload({ ...dataset, version: 2 }, csv('code,count\nB,1\n'), 'APPEND', 'admin@toaks.example');
    expect(byAdmin.data!.importRecords.importBatch.inserted).toBe(1);
    expect(await prisma().record.count({ where: { datasetId: dataset.id } })).toBe(2);
  });
});

describe('field indexes', () => {
  it('creates the expression index when a field is marked indexed, and drops it when unmarked or removed', async () => {
    const dataset = await newDataset();
    const indexNames = async () =>
      (await prisma().$queryRaw<{ indexname: string; indexdef: string }[]>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Record'`).filter(
        (index) => index.indexname.startsWith('record_field_'),
      );
    const name = fieldIndexName(dataset.id, 'amount');
    const mark = async (indexed: boolean, expectedVersion: number) =>
      gateway().request(
        `mutation($id: ID!, $v: Int!, $indexed: Boolean!) { updateField(datasetId: $id, expectedVersion: $v, name: "amount", input: { indexed: $indexed }) { __typename } }`,
        { id: dataset.gid, v: expectedVersion, indexed },
        await staffHeaders(STEWARD),
      );
    expect((await mark(true, 1)).data!.updateField.__typename).toBe('UpdateFieldPayload');
    const created = (await indexNames()).find((index) => index.indexname === name);
    expect(created?.indexdef).toMatch(/numeric/);
    expect(created?.indexdef).toContain(dataset.id);
    expect((await mark(false, 2)).data!.updateField.__typename).toBe('UpdateFieldPayload');
    expect((await indexNames()).map((index) => index.indexname)).not.toContain(name);

    const declared = await gateway().request(
      `mutation($id: ID!) { declareField(datasetId: $id, expectedVersion: 3, input: { name: "zone", type: TEXT, indexed: true }) { __typename } }`,
      { id: dataset.gid },
      await staffHeaders(STEWARD),
    );
    expect(declared.data!.declareField.__typename).toBe('DeclareFieldPayload');
    expect((await indexNames()).map((index) => index.indexname)).toContain(fieldIndexName(dataset.id, 'zone'));
    await gateway().request(
      `mutation($id: ID!) { removeField(datasetId: $id, expectedVersion: 4, name: "zone") { __typename } }`,
      { id: dataset.gid },
      await staffHeaders(STEWARD),
    );
    expect((await indexNames()).map((index) => index.indexname)).not.toContain(fieldIndexName(dataset.id, 'zone'));
  });
});

describe('npm run import', () => {
  const collect = () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    return { stream, text: () => text };
  };

  it('imports a small file and reports counts; a bad one prints its problems and writes nothing', async () => {
    const dataset = await newDataset();
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    writeFileSync(path.join(dir, 'good.csv'), 'code,count\nA,1\nB,2\nC,3\n');
    writeFileSync(path.join(dir, 'bad.csv'), 'code,count\nD,four\n');
    const actor = { kind: 'system', label: 'import command line (test)' } as const;
    const out = collect();
    const err = collect();
    const streams = { stdout: out.stream, stderr: err.stream };
    expect(await runImportCommand(gateway().db, actor, [dataset.identifier, path.join(dir, "good.csv")], streams), err.text()).toBe(0);
    expect(out.text()).toMatch(/APPEND import-test-\d+: 3 inserted, 0 updated, 0 deleted/);
    expect(await runImportCommand(gateway().db, actor, [dataset.identifier, path.join(dir, 'bad.csv'), '--mode', 'replace'], streams)).toBe(1);
    expect(err.text()).toContain('file.row.1.count: "four" is not an integer');
    expect(await prisma().record.count({ where: { datasetId: dataset.id } })).toBe(3);
    expect(await runImportCommand(gateway().db, actor, [dataset.identifier], streams)).toBe(2);
  });
});
