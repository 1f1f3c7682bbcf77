// The visibility rule exists twice — as a check and as a SQL filter — so the two must always agree.
import { describe, expect, it } from 'vitest';
import { canReadDataset, datasetVisibilityWhere } from '../../src/access/visibility.js';
import type { Viewer } from '../../src/access/viewer.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

describe('dataset visibility', () => {
  it('gives the same answer as a check and as a database filter, for every kind of caller', async () => {
    const { prisma } = gateway().db;
    // One archived dataset of each access level, so the rule is checked on archived rows too.
    for (const accessLevel of ['PUBLIC', 'RESTRICTED_PUBLIC', 'NON_PUBLIC'] as const) {
      const { id } = await prisma.dataset.findFirstOrThrow({ where: { accessLevel }, orderBy: { identifier: 'desc' } });
      await prisma.dataset.update({ where: { id }, data: { archivedAt: new Date() } });
    }
    const datasets = await prisma.dataset.findMany();
    const stewards = await prisma.steward.findMany();
    const staff = (roles: string[], stewardId: string | null = null): Viewer => ({
      kind: 'staff', staffId: 's', email: 'e', name: 'n', roles: new Set(roles as never[]), stewardId,
    });
    const viewers: Viewer[] = [
      { kind: 'anonymous' },
      { kind: 'partner', apiKeyId: 'k', prefix: 'p', organization: 'o', scopes: new Set() },
      { kind: 'partner', apiKeyId: 'k', prefix: 'p', organization: 'o', scopes: new Set(datasets.map((d) => `datasets:read:${d.identifier}`)) },
      ...stewards.map((steward) => staff(['STEWARD'], steward.id)),
      staff(['RECORDS_CLERK']),
      staff(['COMPLIANCE_OFFICER']),
      staff(['ADMIN']),
    ];
    for (const viewer of viewers) {
      const filtered = await prisma.dataset.findMany({ where: datasetVisibilityWhere(viewer), select: { id: true } });
      const checked = datasets.filter((dataset) => canReadDataset(viewer, dataset));
      expect(filtered.map((d) => d.id).sort()).toEqual(checked.map((d) => d.id).sort());
      const archivedSeen = checked.filter((dataset) => dataset.archivedAt).length;
      expect(archivedSeen).toBe(viewer.kind === 'staff' && viewer.roles.has('ADMIN') ? 3 : 0);
    }
  });
});
