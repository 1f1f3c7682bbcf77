// node(id:) and nodes(ids:) answer null for anything the caller may not see, for every node type: the same
// answer as for an id that does not exist, so an id's existence is never confirmed. Over real HTTP.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/admin/service.js';
import { anonymous } from '../../src/access/viewer.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

type Caller = 'anonymous' | 'partner' | 'otherPartner' | 'steward' | 'treeSteward' | 'clerk' | 'compliance' | 'admin';
const headers = {} as Record<Caller, Record<string, string>>;
const ids = {} as Record<'dataRequest' | 'complaint' | 'staffUser' | 'apiKey' | 'auditEvent' | 'nonPublicDataset' | 'nonPublicDistribution' | 'unknown', string>;
const globalId = (type: string, id: string | number) => Buffer.from(`${type}:${id}`).toString('base64');

beforeAll(async () => {
  const s = server();
  const key = await createApiKey(s.db.prisma, anonymous, { name: 'Mine', organization: 'Transit App', scopes: [] });
  const other = await createApiKey(s.db.prisma, anonymous, { name: 'Other', organization: 'Bike Map', scopes: [] });
  Object.assign(headers, {
    anonymous: {},
    partner: { 'x-api-key': key.secret },
    otherPartner: { 'x-api-key': other.secret },
    steward: await s.staff('kevin.ostrowski@toaks.example'),
    // Daniel Whitfield stewards the street trees; CMP-2026-0001 (a street tree error) is routed to him.
    treeSteward: await s.staff('daniel.whitfield@toaks.example'),
    clerk: await s.staff('clerk@toaks.example'),
    compliance: await s.staff('compliance@toaks.example'),
    admin: await s.staff('admin@toaks.example'),
  });
  const prisma = s.db.prisma;
  const request = await prisma.dataRequest.findUniqueOrThrow({ where: { reference: 'PRR-2026-0001' } });
  const complaint = await prisma.complaint.findUniqueOrThrow({ where: { reference: 'CMP-2026-0001' } });
  const clerk = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'clerk@toaks.example' } });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: key.apiKey.id } });
  const hidden = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-code-enforcement-complainants' } });
  const hiddenDistribution = await prisma.distribution.findFirstOrThrow({ where: { datasetId: hidden.id } });
  Object.assign(ids, {
    dataRequest: globalId('DataRequest', request.id),
    complaint: globalId('Complaint', complaint.id),
    staffUser: globalId('StaffUser', clerk.id),
    apiKey: globalId('ApiKey', key.apiKey.id),
    auditEvent: globalId('AuditEvent', audit.id),
    nonPublicDataset: globalId('Dataset', hidden.id),
    nonPublicDistribution: globalId('Distribution', hiddenDistribution.id),
    unknown: globalId('DataRequest', '6f1c2d3e-0000-4000-8000-000000000000'),
  });
});

// Who may see each node (everyone else gets null).
const allowed: Record<keyof typeof ids, Caller[]> = {
  dataRequest: ['treeSteward', 'clerk', 'admin'], // the seeded request is about the street trees
  complaint: ['treeSteward', 'compliance', 'admin'],
  staffUser: ['clerk', 'admin'],
  apiKey: ['partner', 'admin'],
  auditEvent: ['admin'],
  nonPublicDataset: ['steward', 'clerk', 'compliance', 'admin'],
  nonPublicDistribution: ['steward', 'clerk', 'compliance', 'admin'],
  unknown: [],
};
const callers: Caller[] = ['anonymous', 'partner', 'otherPartner', 'steward', 'treeSteward', 'clerk', 'compliance', 'admin'];

describe('node(id:) and nodes(ids:)', () => {
  it.each(callers)('%s gets exactly the nodes it may see, and null (never an error) for the rest', async (caller) => {
    const names = Object.keys(ids) as (keyof typeof ids)[];
    const single = names.map((name) => `${name}: node(id: "${ids[name]}") { id }`).join('\n');
    const result = await server().request(`{ ${single} all: nodes(ids: [${names.map((n) => `"${ids[n]}"`).join(', ')}]) { id } }`, {}, headers[caller]);
    expect(result.errors).toBeUndefined();
    for (const [index, name] of names.entries()) {
      const expected = allowed[name].includes(caller) ? { id: ids[name] } : null;
      expect({ name, node: result.data![name] }).toEqual({ name, node: expected });
      expect({ name, node: result.data!.all[index] }).toEqual({ name, node: expected });
    }
  });
});
