// Importing a file into a dataset's records (GraphQL upload and `npm run import` share this function).
// One transaction: the dataset's expected version is claimed first (concurrent edits and imports wait or
// conflict), rows are streamed, checked against the declared fields and COPYed into a temporary table; any
// problem rolls everything back and the first 100 are reported with their row numbers. A valid file is
// applied by mode, stamps the rows it wrote with the batch's change sequence, bumps version and modified,
// and writes its ImportBatch, its one ChangeEvent (topic 'records') and its AuditEvent.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database, BulkSession } from '../db/client.js';
import type { Dataset } from '../generated/prisma/client.js';
import type { ImportMode } from '../generated/prisma/enums.js';
import { auditRow, type AuditActor } from '../audit/service.js';
import { ValidationError, NotFoundError, type FieldProblem } from '../errors.js';
import { datasetToPublish, versionConflict } from '../catalog/publishing.js';
import { fieldExpression } from '../db/record-fields.js';
import { checkRow, copyLine, headerProblems, type DeclaredField } from './import-rows.js';
import { formatOf, readRows, UnreadableFile, type SourceHeader } from './import-sources.js';

export const MAX_REPORTED_PROBLEMS = 100;
/** Rows per COPY statement: large enough to amortise a round trip, small enough to keep memory flat. */
const COPY_CHUNK_ROWS = 5_000;

export interface ImportFile {
  name: string;
  mediaType?: string | null;
  stream: Readable;
}

export interface ImportOptions {
  mode: ImportMode;
  expectedVersion: number;
  /** Rows read so far (for a progress bar). */
  onProgress?: (rows: number) => void;
  /** Told when each phase ends, with its duration in ms: 'read' (parse, check, COPY to staging), 'apply', 'record'. */
  onPhase?: (phase: 'read' | 'apply' | 'record', ms: number) => void;
}

export interface ImportOutcome {
  batchId: string;
  mode: ImportMode;
  inserted: number;
  updated: number;
  deleted: number;
  version: number;
  changeSequence: bigint;
}

/** The change event's payload: counts and ids only, never values (they may be personal or restricted). */
export type ImportChangePayload = Omit<ImportOutcome, 'changeSequence'>;

async function datasetToImport(db: Database, actor: AuditActor, datasetId: string): Promise<Dataset> {
  if (actor.kind !== 'system') return datasetToPublish(db.prisma, actor, datasetId);
  const dataset = await db.prisma.dataset.findUnique({ where: { id: datasetId } });
  if (!dataset) throw new NotFoundError('Dataset', datasetId);
  return dataset;
}

export async function importRecords(db: Database, actor: AuditActor, datasetId: string, file: ImportFile, options: ImportOptions): Promise<ImportOutcome> {
  const dataset = await datasetToImport(db, actor, datasetId);
  const format = formatOf(file.name, file.mediaType);
  if (!format) throw new ValidationError([{ path: ['file'], message: 'must be a .csv or a .geojson (GeoJSON FeatureCollection) file' }]);
  if (options.mode === 'UPSERT' && !dataset.keyField) {
    throw new ValidationError([{ path: ['mode'], message: 'UPSERT needs a key field: declare one with setRecordKeyField' }]);
  }
  if (dataset.version !== options.expectedVersion) throw versionConflict(dataset.version);
  const fields: DeclaredField[] = await db.prisma.datasetField.findMany({
    where: { datasetId },
    orderBy: { position: 'asc' },
    select: { name: true, type: true, nullable: true },
  });
  const keyField = fields.find((field) => field.name === dataset.keyField) ?? null;

  // Rows go straight into "Record" unless they must be matched against stored keys first (UPSERT, or APPEND
  // to a keyed dataset), which goes through a temporary staging table.
  const staged = options.mode === 'UPSERT' || (options.mode === 'APPEND' && keyField !== null);
  return db.bulkTransaction(async (session) => {
    const now = new Date();
    const [claimed] = await session.query<{ version: number }>(
      `UPDATE "Dataset" SET version = version + 1, modified = $3, "updatedAt" = $3 WHERE id = $1 AND version = $2 RETURNING version`,
      [datasetId, options.expectedVersion, now],
    );
    if (!claimed) {
      const [current] = await session.query<{ version: number }>(`SELECT version FROM "Dataset" WHERE id = $1`, [datasetId]);
      throw versionConflict(current?.version ?? options.expectedVersion);
    }
    // The batch's change sequence is taken now, as rows are stamped with it while they stream in. Outbox
    // readers must therefore not assume sequences commit in order (a long import commits a low sequence late).
    const [{ seq }] = (await session.query<{ seq: string }>(`SELECT nextval(pg_get_serial_sequence('"ChangeEvent"', 'sequence'))::text AS seq`)) as [{ seq: string }];
    let phaseStart = performance.now();
    const phase = (name: 'read' | 'apply' | 'record') => {
      options.onPhase?.(name, performance.now() - phaseStart);
      phaseStart = performance.now();
    };
    let target: CopyTarget;
    if (staged) {
      await session.query(`CREATE TEMP TABLE import_rows (ord int NOT NULL, attributes jsonb NOT NULL, geometry jsonb) ON COMMIT DROP`);
      target = { table: 'import_rows (ord, attributes, geometry)', line: (row, attributes, geometry) => copyLine([String(row)], attributes, geometry) };
    } else {
      const stamp = now.toISOString();
      target = {
        table: '"Record" ("datasetId", "changeSequence", "createdAt", "updatedAt", attributes, geometry)',
        line: (_row, attributes, geometry) => copyLine([datasetId, seq, stamp, stamp], attributes, geometry),
      };
    }
    const rows = await streamRows(session, fields, keyField, file, format, options, target);
    if (keyField && options.mode === 'APPEND') await refuseExistingKeys(session, datasetId, keyField);
    phase('read');
    const counts = staged
      ? await applyStaged(session, datasetId, options.mode, keyField, seq, now)
      : { inserted: rows, updated: 0, deleted: options.mode === 'REPLACE' ? await replaceOthers(session, datasetId, seq, now) : 0 };
    phase('apply');
    const outcome: ImportOutcome = { batchId: randomUUID(), mode: options.mode, ...counts, version: claimed.version, changeSequence: BigInt(seq) };
    await recordImport(session, actor, datasetId, outcome, now);
    phase('record');
    return outcome;
  });
}

interface CopyTarget {
  table: string;
  line: (row: number, attributes: unknown, geometry: unknown) => string;
}

/**
 * Reads, checks and COPYs every row into `target`; throws the ValidationError (rolling back) if any row is
 * bad. Each chunk's COPY runs while the next chunk is parsed (two cores: JavaScript and the database overlap).
 * Returns the number of rows.
 */
async function streamRows(
  session: BulkSession,
  fields: DeclaredField[],
  keyField: DeclaredField | null,
  file: ImportFile,
  format: 'csv' | 'geojson',
  options: ImportOptions,
  target: CopyTarget,
): Promise<number> {
  const problems: FieldProblem[] = [];
  let problemCount = 0;
  const report = (found: FieldProblem[]) => {
    problemCount += found.length;
    for (const problem of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };
  let header: SourceHeader = {};
  const keys = keyField ? new Map<string, number>() : null;
  let chunk = '';
  let chunkRows = 0;
  let rows = 0;
  let copying: Promise<void> = Promise.resolve();
  const flush = async () => {
    await copying;
    copying = session.copyRows(target.table, chunk);
    copying.catch(() => {}); // awaited at the next flush or at the end
    chunk = '';
    chunkRows = 0;
  };
  try {
    for await (const source of readRows(format, file.stream, (found) => {
      header = found;
      report(headerProblems(fields, found));
    })) {
      rows = source.row;
      const checked = checkRow(fields, source, header.columns !== undefined);
      if (keys && checked.problems.length === 0) {
        const key = checked.attributes[keyField!.name];
        if (key === null) checked.problems.push({ path: ['file', 'row', source.row, keyField!.name], message: 'is the key field: every row needs a value' });
        else {
          const first = keys.get(String(key));
          if (first !== undefined) checked.problems.push({ path: ['file', 'row', source.row, keyField!.name], message: `repeats the key ${JSON.stringify(key)} of row ${first}` });
          else keys.set(String(key), source.row);
        }
      }
      report(checked.problems);
      // Once anything is wrong nothing will be written: keep reading only to report.
      if (problemCount === 0) {
        chunk += target.line(source.row, checked.attributes, checked.geometry);
        if (++chunkRows === COPY_CHUNK_ROWS) await flush();
      }
      if (rows % 10_000 === 0) options.onProgress?.(rows);
    }
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    report([{ path: ['file'], message: error.message }]);
  }
  options.onProgress?.(rows);
  await copying;
  if (problemCount > problems.length) problems.push({ path: ['file'], message: `${problemCount} problems in all; the first ${MAX_REPORTED_PROBLEMS} are listed` });
  if (problems.length) throw new ValidationError(problems);
  if (chunkRows) await flush();
  await copying;
  return rows;
}

/** APPEND to a dataset with a key field adds new keys only: a key already stored is a row problem. */
async function refuseExistingKeys(session: BulkSession, datasetId: string, keyField: DeclaredField) {
  const taken = await session.query<{ ord: number; key: string }>(
    `SELECT s.ord, s.attributes->>'${keyField.name}' AS key FROM import_rows s
      WHERE EXISTS (SELECT 1 FROM "Record" r WHERE r."datasetId" = $1 AND ${fieldExpression(keyField, 'r')} = ${fieldExpression(keyField, 's')})
      ORDER BY s.ord LIMIT ${MAX_REPORTED_PROBLEMS}`,
    [datasetId],
  );
  if (taken.length) {
    throw new ValidationError(
      taken.map(({ ord, key }) => ({ path: ['file', 'row', ord, keyField.name], message: `the key ${JSON.stringify(key)} is already stored: use UPSERT to update it` })),
    );
  }
}

const count = async (session: BulkSession, text: string, params: unknown[]) =>
  ((await session.query<{ n: number }>(text, params))[0]?.n ?? 0);

/** REPLACE: every record this batch did not write is deleted, leaving a tombstone stamped with the batch. */
async function replaceOthers(session: BulkSession, datasetId: string, seq: string, now: Date): Promise<number> {
  return count(
    session,
    `WITH gone AS (DELETE FROM "Record" WHERE "datasetId" = $1 AND "changeSequence" IS DISTINCT FROM $2 RETURNING id),
          kept AS (INSERT INTO "RecordTombstone" ("datasetId", "recordId", "changeSequence", "deletedAt") SELECT $1, id, $2, $3 FROM gone RETURNING 1)
     SELECT count(*)::int AS n FROM kept`,
    [datasetId, seq, now],
  );
}

async function applyStaged(session: BulkSession, datasetId: string, mode: ImportMode, keyField: DeclaredField | null, seq: string, now: Date) {
  const params = [datasetId, seq, now];
  let updated = 0;
  let notStored = 'TRUE';
  if (mode === 'UPSERT' && keyField) {
    const stored = fieldExpression(keyField, 'r');
    const staged = fieldExpression(keyField, 's');
    updated = await count(
      session,
      `WITH changed AS (
         UPDATE "Record" r SET attributes = s.attributes, geometry = s.geometry, "changeSequence" = $2, "updatedAt" = $3
           FROM import_rows s WHERE r."datasetId" = $1 AND ${stored} = ${staged} RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      params,
    );
    notStored = `NOT EXISTS (SELECT 1 FROM "Record" r WHERE r."datasetId" = $1 AND ${stored} = ${staged})`;
  }
  const inserted = await count(
    session,
    `WITH added AS (
       INSERT INTO "Record" ("datasetId", attributes, geometry, "changeSequence", "createdAt", "updatedAt")
       SELECT $1, s.attributes, s.geometry, $2, $3, $3 FROM import_rows s WHERE ${notStored} ORDER BY s.ord RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    params,
  );
  return { inserted, updated, deleted: 0 };
}

async function recordImport(session: BulkSession, actor: AuditActor, datasetId: string, outcome: ImportOutcome, now: Date) {
  const { changeSequence, ...payload } = outcome satisfies ImportOutcome;
  const changePayload: ImportChangePayload = payload;
  await session.query(
    `INSERT INTO "ChangeEvent" (sequence, topic, "datasetId", "entityType", "entityId", operation, payload, "createdAt")
     VALUES ($1, 'records', $2, 'ImportBatch', $3, 'CREATED', $4::jsonb, $5)`,
    [changeSequence.toString(), datasetId, outcome.batchId, JSON.stringify(changePayload), now],
  );
  const audit = auditRow(actor, { action: 'records.import', targetType: 'Dataset', targetId: datasetId, after: changePayload });
  await session.query(
    `INSERT INTO "ImportBatch" (id, "datasetId", mode, inserted, updated, deleted, version, "actorType", "actorId", "actorLabel", "changeSequence", "createdAt")
     VALUES ($1, $2, $3::"ImportMode", $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [outcome.batchId, datasetId, outcome.mode, outcome.inserted, outcome.updated, outcome.deleted, outcome.version, audit.actorType, audit.actorId, audit.actorLabel, changeSequence.toString(), now],
  );
  await session.query(
    `INSERT INTO "AuditEvent" ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", before, after, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, NULL, $7::jsonb, $8)`,
    [audit.actorType, audit.actorId, audit.actorLabel, audit.action, audit.targetType, audit.targetId, JSON.stringify(audit.after), now],
  );
}
