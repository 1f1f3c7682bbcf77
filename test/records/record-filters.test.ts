// Typed record filters, orders and keyset paging, checked against the same predicates evaluated in
// JavaScript over a fixture dataset that declares one field of every type.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { createTypedFixture, FIXTURE, STEWARD_EMAIL, type FixtureRow } from './typed-fixture.js';

const gateway = useTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000' });
let rows: FixtureRow[];

beforeAll(async () => {
  rows = await createTypedFixture(gateway().db);
});

const page = /* GraphQL */ `
  query($identifier: String!, $filter: RecordFilter, $orderBy: [RecordOrder!], $first: Int, $after: String, $last: Int, $before: String) {
    dataset(identifier: $identifier) {
      records(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { recordId } }
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
      }
    }
  }
`;

async function allIds(filter: unknown, orderBy?: unknown, size = 100, headers: Record<string, string> = {}): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await gateway().request(page, { identifier: FIXTURE, filter, orderBy, first: size, after }, headers);
    expect(response.errors).toBeUndefined();
    const records = response.data!.dataset.records;
    ids.push(...records.edges.map((edge: any) => edge.node.recordId));
    if (!records.pageInfo.hasNextPage) return ids;
    after = records.pageInfo.endCursor;
  }
}

const value = (row: FixtureRow, name: string) => row.attributes[name] ?? null;
const time = (v: unknown) => (v === null ? null : Date.parse(String(v)));
const matching = (test: (row: FixtureRow) => boolean) => rows.filter(test).map((row) => row.id);

type Case = [string, Record<string, unknown>, (row: FixtureRow) => boolean];
const num = (name: string) => (row: FixtureRow) => value(row, name) as number | null;

const cases: Case[] = [
  ['TEXT eq', { field: 'name', eq: 'cedar' }, (r) => value(r, 'name') === 'cedar'],
  ['TEXT ne', { field: 'name', ne: 'cedar' }, (r) => value(r, 'name') !== 'cedar'],
  ['TEXT gt (byte order of the database collation is not assumed: lower-case only)', { field: 'name', gt: 'cedar', lt: 'ivy' }, (r) => ['dogwood', 'elm 50%', 'fir_tree', 'ginkgo', "holly's"].includes(value(r, 'name') as string)],
  ['TEXT in', { field: 'name', in: ['alder', 'ivy', 'nope'] }, (r) => ['alder', 'ivy'].includes(value(r, 'name') as string)],
  ['TEXT notIn', { field: 'name', notIn: ['alder', 'ivy'] }, (r) => !['alder', 'ivy'].includes(value(r, 'name') as string)],
  ['TEXT contains (a % is literal)', { field: 'name', contains: '50%' }, (r) => value(r, 'name') === 'elm 50%'],
  ['TEXT contains (an _ is literal)', { field: 'name', contains: 'r_t' }, (r) => value(r, 'name') === 'fir_tree'],
  ['TEXT contains a quote', { field: 'name', contains: "y's" }, (r) => value(r, 'name') === "holly's"],
  ['TEXT startsWith is case-sensitive', { field: 'name', startsWith: 'B' }, (r) => value(r, 'name') === 'Birch'],
  ['INTEGER eq', { field: 'count', eq: 2 }, (r) => num('count')(r) === 2],
  ['INTEGER gt (numeric, not text, order)', { field: 'count', gt: 9 }, (r) => num('count')(r)! > 9],
  ['INTEGER gte + lte range', { field: 'count', gte: -2, lte: 3 }, (r) => num('count')(r)! >= -2 && num('count')(r)! <= 3],
  ['INTEGER lt negative', { field: 'count', lt: 0 }, (r) => num('count')(r)! < 0],
  ['INTEGER in', { field: 'count', in: [2, 9, 16] }, (r) => [2, 9, 16].includes(num('count')(r)!)],
  ['DECIMAL gt', { field: 'price', gt: 100.25 }, (r) => num('price')(r) !== null && num('price')(r)! > 100.25],
  ['DECIMAL lte', { field: 'price', lte: 10 }, (r) => num('price')(r) !== null && num('price')(r)! <= 10],
  ['DECIMAL ne includes nulls', { field: 'price', ne: 32.5 }, (r) => num('price')(r) !== 32.5],
  ['DECIMAL isNull', { field: 'price', isNull: true }, (r) => num('price')(r) === null],
  ['DECIMAL notIn includes nulls', { field: 'price', notIn: [0, 32.5] }, (r) => ![0, 32.5].includes(num('price')(r) as number)],
  ['BOOLEAN eq', { field: 'active', eq: true }, (r) => value(r, 'active') === true],
  ['BOOLEAN ne', { field: 'active', ne: true }, (r) => value(r, 'active') !== true],
  ['DATE gte', { field: 'day', gte: '2026-05-01' }, (r) => value(r, 'day') !== null && (value(r, 'day') as string) >= '2026-05-01'],
  ['DATE lt', { field: 'day', lt: '2026-03-10' }, (r) => value(r, 'day') !== null && (value(r, 'day') as string) < '2026-03-10'],
  ['DATE isNull (null and missing key)', { field: 'day', isNull: true }, (r) => value(r, 'day') === null],
  ['DATE isNull false', { field: 'day', isNull: false }, (r) => value(r, 'day') !== null],
  ['TIMESTAMP gt (with milliseconds, offset given)', { field: 'at', gt: '2026-01-01T09:30:00.250-00:00' }, (r) => time(value(r, 'at')) !== null && time(value(r, 'at'))! > Date.parse('2026-01-01T09:30:00.250Z')],
  ['TIMESTAMP lte, other offset', { field: 'at', lte: '2026-01-01T03:00:00-08:00' }, (r) => time(value(r, 'at')) !== null && time(value(r, 'at'))! <= Date.parse('2026-01-01T11:00:00Z')],
  ['GEOMETRY field isNull', { field: 'shape', isNull: true }, (r) => value(r, 'shape') === null],
  ['and', { and: [{ field: 'active', eq: true }, { field: 'count', gt: 3 }] }, (r) => value(r, 'active') === true && num('count')(r)! > 3],
  ['or', { or: [{ field: 'name', eq: 'ivy' }, { field: 'price', isNull: true }] }, (r) => value(r, 'name') === 'ivy' || num('price')(r) === null],
  ['not is the exact complement (nulls included)', { not: { field: 'price', gt: 50 } }, (r) => !(num('price')(r) !== null && num('price')(r)! > 50)],
  ['nested and/or/not', { or: [{ and: [{ field: 'name', eq: 'cedar' }, { not: { field: 'active', eq: true } }] }, { field: 'count', eq: 17 }] }, (r) => (value(r, 'name') === 'cedar' && value(r, 'active') !== true) || num('count')(r) === 17],
  ['empty or matches nothing', { or: [] }, () => false],
  ['empty and matches everything', { and: [] }, () => true],
];

describe('typed record filters', () => {
  it.each(cases)('%s', async (_name, filter, predicate) => {
    const expected = matching(predicate);
    expect(expected.length).toBeGreaterThan(0 + (filter.or && (filter.or as unknown[]).length === 0 ? -1 : 0));
    if (!(filter.or && (filter.or as unknown[]).length === 0)) expect(expected.length).toBeLessThan(rows.length + (filter.and ? 1 : 0));
    expect(await allIds(filter)).toEqual(expected);
  });

  it('reports wrong-typed values, unknown fields and misplaced operators with their paths, and answers no rows', async () => {
    const filter = {
      and: [
        { field: 'count', gt: 'ten' },
        { field: 'price', eq: true },
        { field: 'day', gte: '2026-13-45' },
        { field: 'at', lt: '2026-01-01 10:00' },
        { field: 'active', gt: true },
        { field: 'count', contains: '1' },
        { field: 'nope', eq: 1 },
        { field: 'name' },
        { eq: 1 },
        { field: 'name', in: ['a', 2] },
        { field: 'shape', eq: 'x' },
      ],
    };
    const response = await gateway().request(page, { identifier: FIXTURE, filter, first: 5 });
    expect(response.data?.dataset?.records ?? null).toBeNull();
    const problems = response.errors![0]!.extensions!.problems as { path: (string | number)[]; message: string }[];
    expect(response.errors![0]!.extensions!.code).toBe('VALIDATION_FAILED');
    const at = (path: (string | number)[]) => problems.find((p) => JSON.stringify(p.path) === JSON.stringify(path))?.message;
    expect(at(['filter', 'and', 0, 'gt'])).toMatch(/count must be an integer/);
    expect(at(['filter', 'and', 1, 'eq'])).toMatch(/price must be a number/);
    expect(at(['filter', 'and', 2, 'gte'])).toMatch(/day must be a date/);
    expect(at(['filter', 'and', 3, 'lt'])).toMatch(/at must be an ISO 8601/);
    expect(at(['filter', 'and', 4, 'gt'])).toMatch(/not available/);
    expect(at(['filter', 'and', 5, 'contains'])).toMatch(/only available on TEXT/);
    expect(at(['filter', 'and', 6, 'field'])).toBe('unknown field "nope"');
    expect(at(['filter', 'and', 7])).toMatch(/give a comparison/);
    expect(at(['filter', 'and', 8, 'field'])).toMatch(/must name a field/);
    expect(at(['filter', 'and', 9, 'in', 1])).toMatch(/name must be a string/);
    expect(at(['filter', 'and', 10, 'eq'])).toMatch(/not available/);
    expect(problems).toHaveLength(11);
  });

  it('refuses a FieldValue that is neither string, number nor boolean before any resolver runs', async () => {
    const response = await gateway().request(page, { identifier: FIXTURE, filter: { field: 'name', eq: { a: 1 } }, first: 5 });
    expect(response.errors?.[0]?.message).toMatch(/FieldValue/);
    expect(response.data ?? null).toBeNull();
  });

  it('treats a personal field as unknown for callers who may not see it, and filters by it for the steward', async () => {
    const filter = { field: 'secret', eq: 'person-1' };
    const anonymous = await gateway().request(page, { identifier: FIXTURE, filter, first: 5 });
    expect(anonymous.errors?.[0]?.extensions?.problems).toEqual([{ path: ['filter', 'field'], message: 'unknown field "secret"' }]);
    expect(anonymous.data?.dataset?.records ?? null).toBeNull();
    const steward = await allIds(filter, undefined, 100, await staffHeaders(STEWARD_EMAIL));
    expect(steward).toEqual(matching((r) => value(r, 'secret') === 'person-1'));
  });
});

type Order = { field: string; direction?: 'ASC' | 'DESC' }[];

/** JavaScript reference of the gateway's order: ASC nulls last, DESC nulls first, id in the last key's direction. */
function sorted(orderBy: Order): number[] {
  const key = (row: FixtureRow, name: string) => {
    const v = value(row, name);
    return name === 'at' ? time(v) : v;
  };
  return [...rows]
    .sort((a, b) => {
      for (const { field, direction } of orderBy) {
        const desc = direction === 'DESC';
        const [x, y] = [key(a, field), key(b, field)];
        if (x === y) continue;
        if (x === null) return desc ? -1 : 1;
        if (y === null) return desc ? 1 : -1;
        const less = (x as number) < (y as number);
        return (less ? -1 : 1) * (desc ? -1 : 1);
      }
      const idDesc = orderBy.at(-1)?.direction === 'DESC';
      return (a.id - b.id) * (idDesc ? -1 : 1);
    })
    .map((row) => row.id);
}

describe('ordering and keyset paging', () => {
  const orders: Order[] = [
    [],
    [{ field: 'count' }],
    [{ field: 'count', direction: 'DESC' }],
    [{ field: 'price' }],
    [{ field: 'price', direction: 'DESC' }],
    [{ field: 'day', direction: 'DESC' }, { field: 'count' }],
    [{ field: 'active' }, { field: 'at', direction: 'DESC' }],
    [{ field: 'name' }, { field: 'price', direction: 'DESC' }],
  ];

  it.each(orders.map((order) => [JSON.stringify(order), order] as const))('pages of 7 follow the order %s exactly', async (_name, orderBy) => {
    expect(await allIds(undefined, orderBy, 7)).toEqual(sorted(orderBy));
  });

  it('pages backwards with last/before to the same order', async () => {
    const orderBy: Order = [{ field: 'price', direction: 'DESC' }];
    const expected = sorted(orderBy);
    const collected: number[] = [];
    let before: string | null = null;
    for (;;) {
      const response = await gateway().request(page, { identifier: FIXTURE, orderBy, last: 9, before });
      expect(response.errors).toBeUndefined();
      const records = response.data!.dataset.records;
      collected.unshift(...records.edges.map((edge: any) => edge.node.recordId));
      if (!records.pageInfo.hasPreviousPage) break;
      before = records.pageInfo.startCursor;
    }
    expect(collected).toEqual(expected);
  });

  it('refuses a page size above the maximum, stating it, and cursors of another order or forged ones', async () => {
    const tooBig = await gateway().request(page, { identifier: FIXTURE, first: 1000 });
    expect(tooBig.errors?.[0]?.message).toMatch(/at most 100/);
    const first = await gateway().request(page, { identifier: FIXTURE, orderBy: [{ field: 'count' }], first: 2 });
    const cursor = first.data!.dataset.records.pageInfo.endCursor;
    const other = await gateway().request(page, { identifier: FIXTURE, orderBy: [{ field: 'price' }], first: 2, after: cursor });
    expect(other.errors?.[0]?.extensions?.problems?.[0]?.message).toMatch(/another order/);
    const forged = Buffer.from(JSON.stringify({ o: '#id:A', v: ["1'; DROP TABLE x"] })).toString('base64url');
    const bad = await gateway().request(page, { identifier: FIXTURE, first: 2, after: forged });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const order = await gateway().request(page, { identifier: FIXTURE, orderBy: [{ field: 'shape' }], first: 2 });
    expect(order.errors?.[0]?.extensions?.problems?.[0]).toEqual({ path: ['orderBy', 0, 'field'], message: 'shape is GEOMETRY: not orderable' });
  });

  it('keeps cursors stable while records are inserted: no row of the original set is skipped or repeated', async () => {
    const orderBy: Order = [{ field: 'count' }];
    const before = sorted(orderBy);
    const seen: number[] = [];
    let after: string | null = null;
    let round = 0;
    const datasetId = (await gateway().db.prisma.dataset.findUniqueOrThrow({ where: { identifier: FIXTURE } })).id;
    const inserted: number[] = [];
    for (;;) {
      const response = await gateway().request(page, { identifier: FIXTURE, orderBy, first: 8, after });
      const records = response.data!.dataset.records;
      seen.push(...records.edges.map((edge: any) => edge.node.recordId));
      // Between pages, other writers add rows sorting before, at and after the cursor.
      const [low, high] = await Promise.all([
        gateway().db.prisma.record.create({ data: { datasetId, attributes: { name: 'new', count: -100 - round, active: false, secret: 'x' } } }),
        gateway().db.prisma.record.create({ data: { datasetId, attributes: { name: 'new', count: 100 + round, active: false, secret: 'x' } } }),
      ]);
      inserted.push(low.id, high.id);
      round++;
      if (!records.pageInfo.hasNextPage) break;
      after = records.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => !inserted.includes(id))).toEqual(before);
    // The rows added ahead of the cursor were picked up; those behind it were not.
    expect(seen.filter((id) => inserted.includes(id)).length).toBeGreaterThan(0);
    await gateway().db.prisma.record.deleteMany({ where: { id: { in: inserted } } });
  });
});
