// The 1,000,000-record benchmark dataset, written in SQL with generate_series (the API would take hours),
// once per database. Typed fields of every kind the filters compare, one personal field (redacted for
// anonymous callers, so exports pay for redaction), a point per record, and an expression index on
// fine_amount built from the filter compiler's own fieldExpression (the "indexed field" of the scenarios).
import { FieldType } from '../src/generated/prisma/enums.js';
import { fieldExpression } from '../src/db/record-fields.js';
import { encodeCursor } from '../src/records/order.js';

export const MILLION_ROWS = 'bench-million-rows';
export const MILLION = 1_000_000;

export const INDEXED_FIELD = { name: 'fine_amount', type: FieldType.DECIMAL };

const FIELDS: [string, FieldType, boolean][] = [
  ['case_number', FieldType.TEXT, false],
  ['status', FieldType.TEXT, false],
  ['violation_count', FieldType.INTEGER, false],
  ['fine_amount', FieldType.DECIMAL, false],
  ['opened_date', FieldType.DATE, false],
  ['inspected_at', FieldType.TIMESTAMP, false],
  ['complainant_name', FieldType.TEXT, true],
];

export interface MillionRows {
  /** Keyset cursors (default order) of the rows just before row 1 and row 900,001: page 1 and the page at row 900,000. */
  deepCursor: string;
}

interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

export async function millionRowDataset(client: Sql, log: (line: string) => void = () => {}): Promise<MillionRows> {
  const exists = await client.query('SELECT 1 FROM "Dataset" WHERE identifier = $1', [MILLION_ROWS]);
  if (!exists.rowCount) {
    const started = Date.now();
    log(`writing ${MILLION.toLocaleString('en-US')} records of ${MILLION_ROWS} …`);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "Dataset" (id, identifier, title, description, keywords, themes, modified, "accessLevel", "publisherId", "stewardId", "licenseId", "references", "updatedAt")
       SELECT gen_random_uuid(), $1, 'Bench: a million rows', 'Load-test data', '{}', '{}', now(), 'public', "publisherId", "stewardId", "licenseId", '{}', now()
       FROM "Dataset" WHERE identifier = 'toaks-code-compliance-cases'`,
      [MILLION_ROWS],
    );
    for (const [position, [name, type, pii]] of FIELDS.entries()) {
      await client.query(
        `INSERT INTO "DatasetField" (id, "datasetId", name, type, pii, nullable, position)
         SELECT gen_random_uuid(), id, $2, $3::"FieldType", $4, false, $5 FROM "Dataset" WHERE identifier = $1`,
        [MILLION_ROWS, name, type, pii, position],
      );
    }
    await client.query(
      `INSERT INTO "Record" ("datasetId", attributes, geometry, "updatedAt")
       SELECT d.id,
              jsonb_build_object(
                'case_number', 'B-' || lpad(n::text, 7, '0'),
                'status', (ARRAY['Open', 'Closed', 'Citation Issued', 'Unfounded'])[1 + n % 4],
                'violation_count', n % 7,
                'fine_amount', ((n::bigint * 7919) % 1000000) / 1000.0,
                'opened_date', to_char(date '2019-01-01' + (n % 2800), 'YYYY-MM-DD'),
                'inspected_at', to_char(timestamp '2019-01-01' + (n % 2800) * interval '1 day' + (n % 86400) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                'complainant_name', 'Person ' || n),
              jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(-118.95 + (n % 1000) / 4000.0, 34.12 + (n / 1000) / 8000.0)),
              now()
       FROM "Dataset" d, generate_series(1, ${MILLION}) n WHERE d.identifier = $1`,
      [MILLION_ROWS],
    );
    await client.query('COMMIT');
    log(`  records written in ${((Date.now() - started) / 1000).toFixed(1)} s; indexing ${INDEXED_FIELD.name} …`);
    await client.query(`CREATE INDEX IF NOT EXISTS "Record_bench_fine_amount_idx" ON "Record" ("datasetId", ${fieldExpression(INDEXED_FIELD, null)})`);
    await client.query('ANALYZE "Record"');
    log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const { rows } = await client.query(
    'SELECT r.id FROM "Record" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d.identifier = $1 ORDER BY r.id OFFSET 899999 LIMIT 1',
    [MILLION_ROWS],
  );
  return { deepCursor: encodeCursor([{ field: null, desc: false }], [rows[0].id]) };
}
