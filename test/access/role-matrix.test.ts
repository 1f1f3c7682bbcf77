// Roles × guarded fields, over real HTTP. Each row says what one kind of caller must (not) see.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/admin/service.js';
import { anonymous } from '../../src/access/viewer.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

type Caller = 'anonymous' | 'partner' | 'grantedPartner' | 'steward' | 'otherSteward' | 'clerk' | 'compliance' | 'admin';
const callers: Caller[] = ['anonymous', 'partner', 'grantedPartner', 'steward', 'otherSteward', 'clerk', 'compliance', 'admin'];
const headers = {} as Record<Caller, Record<string, string>>;

beforeAll(async () => {
  const s = server();
  const plain = await createApiKey(s.db.prisma, anonymous, { name: 'Plain', organization: 'Transit App', scopes: [] });
  const granted = await createApiKey(s.db.prisma, anonymous, {
    name: 'Granted',
    organization: 'Safety Research Lab',
    scopes: ['datasets:read:toaks-traffic-collisions'],
  });
  Object.assign(headers, {
    anonymous: {},
    partner: { 'x-api-key': plain.secret },
    grantedPartner: { 'x-api-key': granted.secret },
    // Kevin Ostrowski stewards the code compliance datasets (public with PII, and the non-public one).
    steward: await s.staff('kevin.ostrowski@toaks.example'),
    otherSteward: await s.staff('daniel.whitfield@toaks.example'),
    clerk: await s.staff('clerk@toaks.example'),
    compliance: await s.staff('compliance@toaks.example'),
    admin: await s.staff('admin@toaks.example'),
  });
});

const datasetTitle = 'query($i: String!) { dataset(identifier: $i) { title } }';

async function visible(caller: Caller, identifier: string) {
  const result = await server().request(datasetTitle, { i: identifier }, headers[caller]);
  expect(result.errors).toBeUndefined();
  return result.data!.dataset !== null;
}

function matrix(expected: Record<Caller, boolean>) {
  return callers.map((caller) => [caller, expected[caller]] as const);
}

describe('dataset visibility by access level', () => {
  it.each(
    matrix({ anonymous: false, partner: false, grantedPartner: true, steward: true, otherSteward: true, clerk: true, compliance: true, admin: true }),
  )('restricted public dataset — %s sees it: %s', async (caller, expected) => {
    expect(await visible(caller, 'toaks-traffic-collisions')).toBe(expected);
  });

  it.each(
    matrix({ anonymous: false, partner: false, grantedPartner: false, steward: true, otherSteward: false, clerk: true, compliance: true, admin: true }),
  )('non-public dataset — %s sees it: %s', async (caller, expected) => {
    expect(await visible(caller, 'toaks-code-enforcement-complainants')).toBe(expected);
  });
});

describe('personal (PII) record fields', () => {
  const records = /* GraphQL */ `
    { dataset(identifier: "toaks-code-compliance-cases") { records(first: 20) { edges { node { attributes redactedFields } } } } }
  `;
  it.each(
    matrix({ anonymous: false, partner: false, grantedPartner: false, steward: true, otherSteward: false, clerk: true, compliance: false, admin: true }),
  )('%s sees complainant names: %s', async (caller, expected) => {
    const result = await server().request(records, {}, headers[caller]);
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.dataset.records.edges.map((edge: any) => edge.node);
    expect(nodes.length).toBe(20);
    const names = nodes.map((node: any) => node.attributes.complainant_name).filter((name: unknown) => name !== null);
    if (expected) {
      expect(names.length).toBeGreaterThan(0);
      expect(nodes.every((node: any) => node.redactedFields.length === 0)).toBe(true);
    } else {
      expect(names).toEqual([]);
      expect(nodes.every((node: any) => node.redactedFields.includes('complainant_name'))).toBe(true);
      expect(result.text).not.toMatch(/complainant_phone":"\(/);
    }
  });
});

describe('staff contact details', () => {
  it.each(
    matrix({ anonymous: false, partner: false, grantedPartner: false, steward: true, otherSteward: true, clerk: true, compliance: true, admin: true }),
  )('%s sees steward e-mail and phone: %s', async (caller, expected) => {
    const result = await server().request('{ stewards(first: 3) { edges { node { email phone } } } }', {}, headers[caller]);
    const first = result.data!.stewards.edges[0].node;
    expect(first.email !== null && first.phone !== null).toBe(expected);
  });
});

describe('staff-only queries', () => {
  const cases: [string, string, Caller[]][] = [
    // Stewards have a data-request queue too: the requests about their datasets (test/requests/steward-work.test.ts).
    ['data request queue', '{ dataRequests(first: 5) { edges { node { reference requesterEmail } } } }', ['steward', 'otherSteward', 'clerk', 'admin']],
    ['audit trail', '{ auditEvents(first: 5) { edges { node { action } } } }', ['admin']],
    ['API keys', '{ apiKeys(first: 5) { edges { node { prefix } } } }', ['admin']],
    ['staff accounts', '{ staffUsers { email roles } }', ['admin']],
    // Every queue denies the same way: UNAUTHENTICATED when anonymous, FORBIDDEN for any other caller without it.
    ['complaint queue', '{ complaints(first: 5) { edges { node { reference } } } }', ['steward', 'otherSteward', 'compliance', 'admin']],
  ];
  for (const [name, query, allowed] of cases) {
    it.each(callers)(`${name}: %s`, async (caller) => {
      const result = await server().request(query, {}, headers[caller]);
      if (allowed.includes(caller)) {
        expect(result.errors).toBeUndefined();
      } else {
        const code = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(result.errors?.[0]?.extensions?.code).toBe(code);
        expect(result.data?.[Object.keys(result.data ?? {})[0] ?? ''] ?? null).toBeNull();
      }
    });
  }

  describe('complaints routed to a steward', () => {
    // Seeded: a dataset error about Kevin Ostrowski's code compliance cases, routed to the steward team.
    const reference = 'CMP-2026-0011';
    const queue = '{ complaints(first: 50) { edges { node { id reference routedTo dataset { identifier steward { name } } } } } }';
    const queueOf = async (caller: Caller) => {
      const result = await server().request(queue, {}, headers[caller]);
      expect(result.errors).toBeUndefined();
      return result.data!.complaints.edges.map((edge: any) => edge.node);
    };
    const lookUp = async (caller: Caller, id: string) =>
      server().request('query($id: ID!) { node(id: $id) { ... on Complaint { reference summary } } }', { id }, headers[caller]);
    const globalId = async () => {
      const complaint = await server().db.prisma.complaint.findUniqueOrThrow({ where: { reference } });
      return Buffer.from(`Complaint:${complaint.id}`).toString('base64');
    };

    it('reach that steward, in the queue and by id', async () => {
      const mine = await queueOf('steward');
      expect(mine.map((node: any) => node.reference)).toContain(reference);
      expect(mine.length).toBeLessThan((await queueOf('compliance')).length);
      for (const node of mine) {
        expect(node.routedTo).toContain('STEWARD');
        expect(node.dataset.steward.name).toBe('Kevin Ostrowski');
      }
      const direct = await lookUp('steward', await globalId());
      expect(direct.errors).toBeUndefined();
      expect(direct.data!.node).toMatchObject({ reference, summary: expect.any(String) });
    });

    it('stay hidden from another steward, in the queue and by id', async () => {
      const theirs = await queueOf('otherSteward');
      expect(theirs.length).toBeGreaterThan(0); // Daniel Whitfield has complaints of his own (street trees)
      expect(theirs.map((node: any) => node.reference)).not.toContain(reference);
      const direct = await lookUp('otherSteward', await globalId());
      expect(direct.data?.node ?? null).toBeNull();
      expect(JSON.stringify(direct)).not.toContain('noise case');
    });
  });
});

describe('mutations are admin-only', () => {
  const mutation = 'mutation { createApiKey(input: { name: "x", organization: "y", scopes: [] }) { __typename } }';
  it.each(callers)('%s', async (caller) => {
    const result = await server().request(mutation, {}, headers[caller]);
    if (caller === 'admin') {
      expect(result.errors).toBeUndefined();
    } else {
      expect(result.errors?.[0]?.extensions?.code).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });
});

describe('node(id:) obeys the same rules as lists', () => {
  it.each(
    matrix({ anonymous: false, partner: false, grantedPartner: false, steward: true, otherSteward: false, clerk: true, compliance: true, admin: true }),
  )('a record of the non-public dataset — %s gets it: %s', async (caller, expected) => {
    const record = await server().db.prisma.record.findFirstOrThrow({
      where: { dataset: { identifier: 'toaks-code-enforcement-complainants' } },
    });
    const id = Buffer.from(`Record:${record.id}`).toString('base64');
    const result = await server().request('query($id: ID!) { node(id: $id) { ... on Record { recordId } } }', { id }, headers[caller]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.node?.recordId ?? null).toBe(expected ? record.id : null);
  });
});
