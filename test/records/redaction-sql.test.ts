// The redaction plan rendered in SQL (records pages) against the same plan applied in JavaScript
// (redactRecord): the same values and the same key order, for short and long declarations, on the database.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { applyRedactionPlan, type RedactionPlan } from '../../src/records/redaction.js';
import { redactedAttributesSql, redactedGeometrySql } from '../../src/records/redaction-sql.js';
import { openTestDatabase } from '../support/database.js';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function inSql(plan: RedactionPlan, stored: unknown, geometry: unknown) {
  const text =
    `SELECT json_build_object('attributes', ${redactedAttributesSql(plan, 'r.attributes')}, 'geometry', ${redactedGeometrySql(plan, 'r.geometry')})::text AS j ` +
    `FROM (SELECT $1::jsonb AS attributes, $2::jsonb AS geometry) r`;
  const [row] = await db.leanQuery<{ j: string }>(text, [JSON.stringify(stored), geometry === null ? null : JSON.stringify(geometry)]);
  return JSON.parse(row!.j) as { attributes: Record<string, unknown>; geometry: unknown };
}

const point = { type: 'Point', coordinates: [-118.84, 34.17] };

describe('redaction rendered in SQL', () => {
  for (const count of [0, 3, 50, 51, 120, 400]) {
    it(`equals the JavaScript rule, keys in declared order, for ${count} declared fields`, async () => {
      // Every third field withheld, a quote and a non-ASCII letter in names, stray and missing stored keys,
      // explicit nulls, numbers, nested objects.
      const fields = Array.from({ length: count }, (_, i) => ({ name: i === 1 ? `o'brien "nº" ${i}` : `field_${i}`, withheld: i % 3 === 2 }));
      const stored: Record<string, unknown> = { stray: 'never shown' };
      fields.forEach((field, i) => {
        if (i % 5 === 4) return; // missing
        stored[field.name] = i % 7 === 0 ? null : i % 2 ? { n: i, text: `v${i}` } : i * 1.5;
      });
      for (const geometryWithheld of [false, true]) {
        const plan: RedactionPlan = { fields, geometryWithheld };
        const expected = applyRedactionPlan(plan, { attributes: stored, geometry: point });
        const actual = await inSql(plan, stored, point);
        expect(actual.attributes).toEqual(expected.attributes);
        expect(Object.keys(actual.attributes)).toEqual(Object.keys(expected.attributes));
        expect(actual.geometry).toEqual(expected.geometry);
        for (const field of fields.filter((f) => f.withheld)) expect(actual.attributes[field.name]).toBeNull();
        expect(actual.attributes).not.toHaveProperty('stray');
      }
    });
  }

  it('shows nothing of attributes that are not an object', async () => {
    const plan: RedactionPlan = { fields: [{ name: 'a', withheld: false }], geometryWithheld: false };
    expect(await inSql(plan, ['a'], null)).toEqual({ attributes: { a: null }, geometry: null });
    expect(applyRedactionPlan(plan, { attributes: ['a'], geometry: null }).attributes).toEqual({ a: null });
  });

  it('keeps a long declaration a shallow expression, which embedded PostgreSQL runs as a parameterized statement', async () => {
    // PGlite answered a 100-field `a || b || …` chain with no rows and then lost the statement.
    const embedded = await PGlite.create();
    try {
      const fields = Array.from({ length: 400 }, (_, i) => ({ name: `field_${i}`, withheld: i % 3 === 2 }));
      const text = `SELECT ${redactedAttributesSql({ fields, geometryWithheld: false }, 'r.attributes')}::text AS j FROM (SELECT $1::jsonb AS attributes) r`;
      const { rows } = await embedded.query<{ j: string }>(text, [JSON.stringify({ field_0: 1, field_2: 'withheld' })]);
      expect(rows).toHaveLength(1);
      const shown = JSON.parse(rows[0]!.j) as Record<string, unknown>;
      expect(Object.keys(shown)).toEqual(fields.map((field) => field.name));
      expect(shown).toMatchObject({ field_0: 1, field_1: null, field_2: null });
    } finally {
      await embedded.close();
    }
  });
});
