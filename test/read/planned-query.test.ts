// A root field whose rows the lean reader renders whole has its Prisma query planned once per selection and
// shared; every other field is planned per request. Who may see a row is still decided per request.
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const planner = vi.hoisted(() => ({ calls: 0 }));
vi.mock('@pothos/plugin-prisma', async (importOriginal) => {
  const original = await importOriginal<typeof import('@pothos/plugin-prisma')>();
  return {
    ...original,
    queryFromInfo: ((options: Parameters<typeof original.queryFromInfo>[0]) => {
      planner.calls++;
      return original.queryFromInfo(options);
    }) as typeof original.queryFromInfo,
  };
});

const gateway = useTestGateway();

/** The answers to `query` sent `times` times, and how often plugin-prisma planned it meanwhile. */
async function plannings(query: string, times: number, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const before = planner.calls;
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await gateway().request(query, variables, headers));
  return { answers, plannings: planner.calls - before };
}

describe('planned queries of root fields', () => {
  it('plans a selection rendered whole once, and answers every request of it in full', async () => {
    const query = '{ dataset(identifier: "toaks-street-trees") { title license { name } steward { name } } }';
    const { answers, plannings: count } = await plannings(query, 3);
    expect(count).toBe(1);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.dataset).toEqual({ title: 'Street Tree Inventory', license: { name: expect.any(String) }, steward: { name: expect.any(String) } });
    }
    // A list of rows rendered whole, too.
    expect((await plannings('{ licenses { name spdxId } }', 3)).plannings).toBe(1);
  });

  it('plans per request a selection with a field whose resolver runs', async () => {
    const query = '{ dataset(identifier: "toaks-street-trees") { title openComplaintCount license { name } } }';
    const { answers, plannings: count } = await plannings(query, 3);
    expect(count).toBe(3);
    expect(answers[2]!.data!.dataset).toEqual({ title: 'Street Tree Inventory', openComplaintCount: expect.any(Number), license: { name: expect.any(String) } });
  });

  it('plans per request a selection that @include changes with the variables, and follows them', async () => {
    const query = 'query($steward: Boolean!) { dataset(identifier: "toaks-street-trees") { title steward @include(if: $steward) { name } } }';
    const withSteward = await plannings(query, 2, { steward: true });
    const without = await plannings(query, 1, { steward: false });
    expect(withSteward.plannings + without.plannings).toBe(3);
    expect(withSteward.answers[1]!.data!.dataset.steward.name).toEqual(expect.any(String));
    expect(without.answers[0]!.data!.dataset).toEqual({ title: 'Street Tree Inventory' });
  });

  it('shares a frozen copy: the schema’s own relation query (a fixed order) stays unfrozen', async () => {
    let fieldsQuery: unknown;
    const select = (schema.getType('Dataset') as GraphQLObjectType).getFields().fields!.extensions.pothosPrismaSelect as Function;
    select({}, {}, (given: unknown) => ((fieldsQuery = given), {}));
    expect(fieldsQuery).toEqual({ orderBy: { position: 'asc' } });
    const query = '{ dataset(identifier: "toaks-street-trees") { title fields { name } } }';
    const { answers, plannings: count } = await plannings(query, 2);
    expect(count).toBe(1);
    expect(answers[1]!.data!.dataset.fields.length).toBeGreaterThan(0);
    expect(Object.isFrozen(fieldsQuery)).toBe(false);
    expect(Object.isFrozen((fieldsQuery as { orderBy: object }).orderBy)).toBe(false);
  });

  it('decides visibility per request on a shared plan: the same document, anonymous, staff, anonymous again', async () => {
    const query = '{ dataset(identifier: "toaks-code-enforcement-complainants") { identifier title license { name } } }';
    const admin = await staffHeaders('admin@toaks.example');
    const first = await gateway().request(query);
    const staff = await gateway().request(query, undefined, admin);
    const again = await gateway().request(query);
    expect(first.data!.dataset).toBeNull();
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.dataset.identifier).toBe('toaks-code-enforcement-complainants');
    expect(again.data!.dataset).toBeNull();
  });
});

describe('planned queries on the Prisma read path', () => {
  const prismaPath = useTestGateway({ READ_PATH: 'prisma' });

  it('plans every request (Prisma renders nothing, so the relation resolvers need the plan of each request)', async () => {
    const query = '{ dataset(identifier: "toaks-street-trees") { title license { name } steward { name } } }';
    const before = planner.calls;
    for (let i = 0; i < 2; i++) {
      const answer = await prismaPath().request(query);
      expect(answer.data!.dataset.license.name).toEqual(expect.any(String));
    }
    expect(planner.calls - before).toBe(2);
  });
});
