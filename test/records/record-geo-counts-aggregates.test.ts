// Location filters, counts, aggregates and attributes(only:) on the typed fixture, plus what they cost in
// SQL statements. Personal fields never reach callers who may not see them, not even through counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { EARTH_RADIUS_METERS } from '../../src/records/filter/geo.js';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { createTypedFixture, FIXTURE, STEWARD_EMAIL, type FixtureRow } from './typed-fixture.js';

const gateway = useTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000' });
let rows: FixtureRow[];

beforeAll(async () => {
  rows = await createTypedFixture(gateway().db);
});

const ids = /* GraphQL */ `
  query($filter: RecordFilter) {
    dataset(identifier: "${FIXTURE}") { records(filter: $filter, first: 100) { totalCount edges { node { recordId } } } }
  }
`;

function extent(row: FixtureRow): [number, number, number, number] | null {
  if (!row.geometry) return null;
  const positions = JSON.stringify(row.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)!.map((pair) => pair.split(',').map(Number));
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function meters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

async function recordIds(filter: unknown, headers: Record<string, string> = {}) {
  const response = await gateway().request(ids, { filter }, headers);
  expect(response.errors).toBeUndefined();
  const records = response.data!.dataset.records;
  return { ids: records.edges.map((edge: any) => edge.node.recordId) as number[], totalCount: records.totalCount as number };
}

describe('location filters', () => {
  it('withinBox returns the records whose geometry overlaps the box (points inside, a polygon crossing it)', async () => {
    const box = { west: -118.83, south: 34.17, east: -118.79, north: 34.19 };
    const expected = rows
      .filter((row) => {
        const e = extent(row);
        return e !== null && e[0] <= box.east && e[2] >= box.west && e[1] <= box.north && e[3] >= box.south;
      })
      .map((row) => row.id);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(rows.length / 2);
    expect(expected).toContain(rows[7]!.id); // the polygon
    expect((await recordIds({ withinBox: box })).ids).toEqual(expected);
  });

  it('near returns the records within the distance in metres (great circle, to the point or the centre of the extent)', async () => {
    const center = { longitude: -118.8, latitude: 34.19 };
    for (const radius of [900, 2500]) {
      const expected = rows
        .filter((row) => {
          const e = extent(row);
          return e !== null && meters((e[0] + e[2]) / 2, (e[1] + e[3]) / 2, center.longitude, center.latitude) <= radius;
        })
        .map((row) => row.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length - 10);
      expect((await recordIds({ near: { ...center, meters: radius } })).ids).toEqual(expected);
    }
  });

  it('combines location with field filters, and rejects coordinates out of range', async () => {
    const near = { longitude: -118.8, latitude: 34.19, meters: 2500 };
    const { ids: both } = await recordIds({ near, field: 'active', eq: true });
    const { ids: nearOnly } = await recordIds({ near });
    expect(both).toEqual(nearOnly.filter((id) => rows.find((row) => row.id === id)!.attributes.active === true));
    const response = await gateway().request(ids, { filter: { withinBox: { west: -200, south: 10, east: 0, north: 5 } } });
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      { path: ['filter', 'withinBox', 'west'], message: 'must be a number between -180 and 180' },
    ]);
  });

  it('refuses location filters on a dataset whose locations are personal, for callers who may not see them', async () => {
    const query = `query($filter: RecordFilter) { dataset(identifier: "toaks-code-enforcement-complainants") { records(filter: $filter, first: 5) { totalCount } } }`;
    const filter = { near: { longitude: -118.84, latitude: 34.18, meters: 50000 } };
    const partner = await gateway().request(query, { filter }, await (await import('../support/callers.js')).partnerHeaders(gateway().db.prisma, ['datasets:read:toaks-code-enforcement-complainants']));
    expect(partner.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(partner.data?.dataset?.records ?? null).toBeNull();
    const clerk = await gateway().request(query, { filter }, await staffHeaders('clerk@toaks.example'));
    expect(clerk.errors).toBeUndefined();
    expect(clerk.data!.dataset.records.totalCount).toBeGreaterThan(0);
  });
});

describe('geometry boxes', () => {
  it('a Point takes the fast path to its box, with exactly the result of the general form for every geometry', async () => {
    const geometries = [
      { type: 'Point', coordinates: [-118.8, 34.1] },
      { type: 'Point', coordinates: [1, 2, 3] },
      { type: 'Point', coordinates: [1, 2], bbox: [0, 0, 5, 5] },
      { type: 'Point', coordinates: [1, 'x'] },
      { type: 'Point', coordinates: { a: 1 } },
      { type: 'Point', coordinates: [1, 2, [3, 4]] },
      { type: 'Point', coordinates: [1, 2, 3, 4] },
      { type: 'Point' },
      { type: 'LineString', coordinates: [[1, 2], [3, 4]] },
      { type: 'Polygon', coordinates: [[[-118.9, 34.1], [-118.8, 34.1], [-118.8, 34.2], [-118.9, 34.1]]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [5, 6] }, { type: 'Point', coordinates: [-1, 0] }] },
      [1, 2],
      5,
      null,
    ];
    const rows = await gateway().db.withSession((session) =>
      session.query<{ fast: string | null; general: string | null }>(
        `SELECT geojson_bbox(g)::text AS fast, geojson_bbox_positions(g)::text AS general FROM jsonb_array_elements($1::jsonb) g`,
        [JSON.stringify(geometries)],
      ),
    );
    expect(rows).toHaveLength(geometries.length);
    for (const row of rows) expect(row.fast).toBe(row.general);
    expect(rows.map((row) => row.fast)).toEqual([
      '(-118.8,34.1),(-118.8,34.1)',
      '(1,2),(1,2)',
      '(1,2),(0,0)',
      null,
      null,
      '(3,4),(1,2)',
      '(1,2),(1,2)',
      null,
      '(3,4),(1,2)',
      '(-118.8,34.2),(-118.9,34.1)',
      '(5,6),(-1,0)',
      '(1,2),(1,2)',
      null,
      null,
    ]);
  });
});

describe('counts', () => {
  it('totalCount is the exact count of the filtered records; estimatedCount comes from the planner', async () => {
    const filter = { field: 'count', gt: 3 };
    const { ids: matched, totalCount } = await recordIds(filter);
    expect(totalCount).toBe(rows.filter((row) => (row.attributes.count as number) > 3).length);
    expect(matched).toHaveLength(totalCount);
    const response = await gateway().request(`{ dataset(identifier: "${FIXTURE}") { records(first: 1) { estimatedCount totalCount } } }`);
    const { estimatedCount, totalCount: all } = response.data!.dataset.records;
    expect(all).toBe(rows.length);
    expect(Number.isInteger(estimatedCount)).toBe(true);
    expect(estimatedCount).toBeGreaterThan(0);
  });

  it('costs two statements for a filtered, ordered page; a third only when totalCount or estimatedCount is selected', async () => {
    const query = (extra: string) => `{ dataset(identifier: "${FIXTURE}") {
      records(first: 100, filter: { or: [{ field: "count", gt: 2 }, { field: "name", startsWith: "c" }] }, orderBy: [{ field: "price", direction: DESC }]) {
        ${extra} edges { node { recordId attributes(only: ["name", "price"]) redactedFields geometry } } } } }`;
    const plain = await gateway().measure(query(''));
    expect(plain.response.errors).toBeUndefined();
    expect(plain.response.data!.dataset.records.edges.length).toBeGreaterThan(20);
    expect(plain.statements).toHaveLength(2);
    const counted = await gateway().measure(query('totalCount'));
    expect(counted.statements).toHaveLength(3);
    const estimated = await gateway().measure(query('estimatedCount'));
    expect(estimated.statements).toHaveLength(3);
    expect(estimated.statements.some((text) => text.startsWith('EXPLAIN'))).toBe(true);
  });
});

describe('attributes(only:)', () => {
  it('returns just the named fields, personal ones still redacted, and refuses unknown names', async () => {
    const query = (only: string) => `{ dataset(identifier: "${FIXTURE}") { records(first: 2) { edges { node { attributes(only: ${only}) } } } } }`;
    const response = await gateway().request(query('["price", "secret"]'));
    expect(response.errors).toBeUndefined();
    const first = response.data!.dataset.records.edges[1].node.attributes;
    expect(first).toEqual({ price: rows[1]!.attributes.price, secret: null });
    const steward = await gateway().request(query('["secret"]'), undefined, await staffHeaders(STEWARD_EMAIL));
    expect(steward.data!.dataset.records.edges[1].node.attributes).toEqual({ secret: rows[1]!.attributes.secret });
    const unknown = await gateway().request(query('["price", "nope"]'));
    expect(unknown.errors?.[0]?.extensions?.problems).toEqual([{ path: ['only'], message: 'unknown field "nope"' }]);
  });
});

const aggregate = /* GraphQL */ `
  query($filter: RecordFilter, $groupBy: [String!], $metrics: [AggregateMetric!], $first: Int) {
    dataset(identifier: "${FIXTURE}") {
      aggregate(filter: $filter, groupBy: $groupBy, metrics: $metrics, first: $first) {
        hasMore
        groups { count key { field value { type text number boolean date } }
                 metrics { fn field count value { type number text date timestamp } } }
      }
    }
  }
`;

describe('aggregates', () => {
  it('groups by a field with COUNT, SUM, AVG, MIN and MAX, typed, over the filtered records', async () => {
    const filter = { field: 'count', gte: 0 };
    const metrics = [
      { fn: 'COUNT' },
      { fn: 'COUNT', field: 'price' },
      { fn: 'SUM', field: 'price' },
      { fn: 'AVG', field: 'count' },
      { fn: 'MIN', field: 'day' },
      { fn: 'MAX', field: 'at' },
    ];
    const response = await gateway().request(aggregate, { filter, groupBy: ['name', 'active'], metrics });
    expect(response.errors).toBeUndefined();
    const { groups, hasMore } = response.data!.dataset.aggregate;
    expect(hasMore).toBe(false);
    const kept = rows.filter((row) => (row.attributes.count as number) >= 0);
    const expectedKeys = [...new Set(kept.map((row) => `${row.attributes.name}|${row.attributes.active}`))].sort();
    expect(groups.map((g: any) => `${g.key[0].value.text}|${g.key[1].value.boolean}`).sort()).toEqual(expectedKeys);
    for (const group of groups) {
      const members = kept.filter((row) => row.attributes.name === group.key[0].value.text && row.attributes.active === group.key[1].value.boolean);
      const prices = members.map((row) => row.attributes.price).filter((v): v is number => v !== null && v !== undefined);
      const days = members.map((row) => row.attributes.day).filter((v): v is string => typeof v === 'string').sort();
      const times = members.map((row) => row.attributes.at).filter((v): v is string => typeof v === 'string').map(Date.parse);
      expect(group.count).toBe(members.length);
      expect(group.metrics[0]).toMatchObject({ fn: 'COUNT', field: null, count: members.length, value: null });
      expect(group.metrics[1].count).toBe(prices.length);
      expect(group.metrics[2].value.type).toBe('DECIMAL');
      if (prices.length) expect(group.metrics[2].value.number).toBeCloseTo(prices.reduce((a, b) => a + b, 0), 6);
      else expect(group.metrics[2].value.number).toBeNull();
      expect(group.metrics[3].value.number).toBeCloseTo(members.reduce((a, r) => a + (r.attributes.count as number), 0) / members.length, 6);
      expect(group.metrics[4].value).toMatchObject({ type: 'DATE', date: days[0] ?? null });
      const max = times.length ? new Date(Math.max(...times)).toISOString() : null;
      expect(group.metrics[5].value.type).toBe('TIMESTAMP');
      expect(group.metrics[5].value.timestamp ? new Date(group.metrics[5].value.timestamp).toISOString() : null).toBe(max);
    }
  });

  it('without groupBy answers one group; first limits the groups and says there are more', async () => {
    const total = await gateway().request(aggregate, { metrics: [{ fn: 'MAX', field: 'count' }] });
    expect(total.data!.dataset.aggregate.groups).toEqual([
      { count: rows.length, key: [], metrics: [{ fn: 'MAX', field: 'count', count: null, value: { type: 'INTEGER', number: Math.max(...rows.map((r) => r.attributes.count as number)), text: null, date: null, timestamp: null } }] },
    ]);
    const limited = await gateway().request(aggregate, { groupBy: ['name'], first: 3 });
    expect(limited.data!.dataset.aggregate.groups).toHaveLength(3);
    expect(limited.data!.dataset.aggregate.hasMore).toBe(true);
    const tooMany = await gateway().request(aggregate, { groupBy: ['name'], first: 5000 });
    expect(tooMany.errors?.[0]?.extensions?.problems?.[0]?.message).toMatch(/between 0 and 1000/);
  });

  it('refuses grouping, filtering and aggregating by a personal field for callers who may not see it (no counts leak)', async () => {
    for (const variables of [
      { groupBy: ['secret'] },
      { metrics: [{ fn: 'COUNT', field: 'secret' }] },
      { metrics: [{ fn: 'MIN', field: 'secret' }] },
      { filter: { field: 'secret', eq: 'person-1' } },
    ]) {
      const response = await gateway().request(aggregate, variables);
      expect(response.errors?.[0]?.extensions?.problems?.[0]?.message).toBe('unknown field "secret"');
      expect(response.data?.dataset?.aggregate ?? null).toBeNull();
    }
    const steward = await gateway().request(aggregate, { groupBy: ['secret'] }, await staffHeaders(STEWARD_EMAIL));
    expect(steward.errors).toBeUndefined();
    expect(steward.data!.dataset.aggregate.groups.map((g: any) => [g.key[0].value.text, g.count])).toEqual(
      ['person-0', 'person-1', 'person-2', 'person-3'].map((name) => [name, rows.filter((r) => r.attributes.secret === name).length]),
    );
  });

  it('refuses metrics that do not fit the field type', async () => {
    const response = await gateway().request(aggregate, { metrics: [{ fn: 'SUM', field: 'name' }, { fn: 'MAX', field: 'active' }, { fn: 'AVG' }] });
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      { path: ['metrics', 0, 'field'], message: 'SUM needs a numeric (INTEGER or DECIMAL) field (name is TEXT)' },
      { path: ['metrics', 1, 'field'], message: 'MAX needs an ordered (TEXT, INTEGER, DECIMAL, DATE or TIMESTAMP) field (active is BOOLEAN)' },
      { path: ['metrics', 2, 'field'], message: 'AVG needs a field' },
    ]);
  });

  it('is one statement beside the dataset’s', async () => {
    const { response, statements } = await gateway().measure(aggregate, { groupBy: ['name'], metrics: [{ fn: 'AVG', field: 'price' }], filter: { field: 'active', eq: true } });
    expect(response.errors).toBeUndefined();
    expect(response.data!.dataset.aggregate.groups.length).toBeGreaterThan(2);
    expect(statements).toHaveLength(2);
  });
});
