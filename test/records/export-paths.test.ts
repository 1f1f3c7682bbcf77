// The two ways an export leaves the database — COPY TO STDOUT on a PostgreSQL server (PostgreSQL writes the
// CSV and the Features) and a cursor with csv-stringify (PGlite, and available on a server too) — give the
// same rows, parsed back: values that need CSV quoting, nulls and missing keys, personal fields redacted,
// every kind of filter value. And a download the client abandons ends the export and frees its connection.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '../../src/access/viewer.js';
import { exportRecords, type ExportArgs, type ExportFormat, type ExportPath } from '../../src/records/export.js';
import { recordFactsSelection, recordScope } from '../../src/records/facts.js';
import { useTestServer } from '../support/http-server.js';
import { createPublicDataset } from './typed-fixture.js';

const server = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000' });

const QUOTING = 'test-export-quoting';
const LARGE = 'test-export-large';

/** Text values that need quoting or could be mistaken for something else in CSV or COPY. */
const NOTES: (string | null | undefined)[] = [
  'plain',
  'a,b',
  'say "hi"',
  'two\nlines',
  'crlf\r\nend',
  '',
  null,
  undefined, // key missing
  ' padded ',
  'tab\there',
  'back\\slash',
  '\\N',
  '\\.',
  'ünïcødé — ✓',
  'control \u0001 and \u0002 characters',
  '=SUM(A1)',
  '"',
  ',',
];

let steward: Viewer;

beforeAll(async () => {
  const prisma = server().db.prisma;
  const template = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-code-compliance-cases' } });
  // The datasets' steward, as a viewer (what identifyViewer builds for them): sees the personal field.
  steward = { kind: 'staff', staffId: 'export-test', email: 'steward@example.test', name: 'Steward', roles: new Set(), stewardId: template.stewardId };
  const dataset = (identifier: string, fields: { name: string; type: 'TEXT' | 'INTEGER' | 'DECIMAL' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP'; pii?: boolean }[]) =>
    createPublicDataset(prisma, { identifier, description: 'Export test data.', fields });
  const quoting = await dataset(QUOTING, [
    { name: 'note', type: 'TEXT' },
    { name: 'n', type: 'INTEGER' },
    { name: 'amount', type: 'DECIMAL' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'day', type: 'DATE' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'who', type: 'TEXT', pii: true },
  ]);
  await prisma.record.createMany({
    data: NOTES.map((note, i) => ({
      datasetId: quoting.id,
      attributes: {
        ...(note !== undefined && { note }),
        n: i % 5,
        amount: i % 4 === 0 ? null : i * 1.25,
        ok: i % 2 === 0,
        day: `2026-03-${String(1 + i).padStart(2, '0')}`,
        at: new Date(Date.UTC(2026, 2, 1 + i, i)).toISOString(),
        who: `Person "${i}", of\nsomewhere`,
      },
      geometry: i % 3 === 0 ? undefined : { type: 'Point', coordinates: [-118.8 + i / 100, 34.1] },
    })),
  });
  const large = await dataset(LARGE, [{ name: 'blob', type: 'TEXT' }]);
  // 2,000 rows of 10 KB: 20 MB, far more than socket buffers hold, so an export of it cannot finish unread.
  await server().db.withSession((session) =>
    session.query(`INSERT INTO "Record" ("datasetId", attributes, "updatedAt") SELECT $1::uuid, jsonb_build_object('blob', repeat('x', 10000) || n), now() FROM generate_series(1, 2000) n`, [large.id]),
  );
});

async function exported(identifier: string, viewer: Viewer, format: ExportFormat, args: ExportArgs, path: ExportPath): Promise<string> {
  const dataset = await server().db.prisma.dataset.findUniqueOrThrow({ where: { identifier }, select: recordFactsSelection });
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of exportRecords(server().db, recordScope(dataset, viewer), format, args, path)) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

const paths = (): ExportPath[] => (server().db.copyOut ? ['copy', 'cursor'] : ['cursor']);

describe('export paths', () => {
  const argsCases: [string, ExportArgs][] = [
    ['every row, default order', {}],
    ['ordered by a text field, descending', { orderBy: [{ field: 'note', direction: 'DESC' }] }],
    [
      'a filter binding every kind of value',
      {
        filter: {
          or: [
            { and: [{ field: 'n', in: [1, 2, 3] }, { field: 'ok', eq: true }] },
            { field: 'note', contains: '"' },
            { field: 'note', in: ['a,b', 'say "hi"', 'back\\slash', '\\N', 'two\nlines'] },
            { and: [{ field: 'day', gte: '2026-03-10' }, { field: 'at', lt: '2026-03-16T00:00:00Z' }, { field: 'amount', isNull: false }] },
            { not: { field: 'amount', gte: 2 } },
          ],
        },
        orderBy: [{ field: 'amount' }, { field: 'at', direction: 'DESC' }],
      },
    ],
    ['a filter matching nothing', { filter: { field: 'note', startsWith: 'no such note' } }],
  ];

  it.each(argsCases)('CSV, %s: the same rows on every path, quoted values intact, personal field redacted', async (_name, args) => {
    for (const [viewer, seesWho] of [[anonymous, false], [steward, true]] as const) {
      const parsed = [];
      for (const path of paths()) {
        const rows = parse(await exported(QUOTING, viewer, 'csv', args, path), { relax_column_count: false }) as string[][];
        parsed.push(rows);
        const [header, ...lines] = rows;
        expect(header).toEqual(['id', 'note', 'n', 'amount', 'ok', 'day', 'at', 'who', 'geometry']);
        for (const line of lines) {
          const i = Number(line[5]!.slice(8)) - 1; // row i has day 2026-03-(i + 1)
          expect(line[1]).toBe(NOTES[i] ?? ''); // a null and a missing key are both an empty cell
          expect(line[7]).toBe(seesWho ? `Person "${i}", of\nsomewhere` : '');
        }
      }
      expect(parsed.length).toBe(paths().length);
      for (const rows of parsed) expect(rows).toEqual(parsed[0]);
      if (args === argsCases[0]![1]) expect(parsed[0]!.length).toBe(NOTES.length + 1);
      if (args === argsCases[2]![1]) expect(parsed[0]!.map((line) => line[1])).toEqual(expect.arrayContaining(['a,b', 'say "hi"', 'back\\slash', '\\N', 'two\nlines']));
    }
  });

  it.each(argsCases)('GeoJSON, %s: the same FeatureCollection on every path', async (_name, args) => {
    for (const viewer of [anonymous, steward]) {
      const collections = [];
      for (const path of paths()) collections.push(JSON.parse(await exported(QUOTING, viewer, 'geojson', args, path)));
      for (const collection of collections) {
        expect(collection.type).toBe('FeatureCollection');
        for (const feature of collection.features) {
          expect(feature.type).toBe('Feature');
          expect(feature.properties.who === null).toBe(viewer === anonymous);
          if (feature.properties.note !== null) expect(NOTES).toContain(feature.properties.note);
        }
        expect(collection).toEqual(collections[0]);
      }
      if (args === argsCases[0]![1]) expect(collections[0].features.map((f: any) => f.properties.note)).toContain('control \u0001 and \u0002 characters');
    }
  });

  it('ends an export the client abandons and frees its connection', async () => {
    const url = `${server().url}/datasets/${LARGE}/records.csv`;
    // On a server, more abandoned downloads than the pool has connections: if one held its connection, a later
    // one would wait. The embedded database has one connection and no pool (each download is slow there: two).
    for (let i = 0; i < (server().db.kind === 'postgres' ? 12 : 2); i++) {
      const controller = new AbortController();
      const response = await fetch(url, { signal: controller.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      controller.abort();
      await reader.closed.catch(() => undefined);
    }
    const busy = async () => {
      const [row] = await server().db.withSession((session) =>
        session.query<{ copies: number; cursors: number }>(
          `SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY (%') AS copies,
                  (SELECT count(*)::int FROM pg_cursors WHERE name <> '') AS cursors`,
        ),
      );
      return row!;
    };
    await expect.poll(busy, { timeout: 10_000, interval: 100 }).toEqual({ copies: 0, cursors: 0 });
    const complete = await fetch(url);
    expect(complete.status).toBe(200);
    expect((await complete.text()).split('\n').length).toBe(2000 + 2); // header, rows, and the final empty line
  });
});
