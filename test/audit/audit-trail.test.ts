// Every mutation writes its AuditEvent in the same transaction as the change.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/admin/service.js';
import type { StaffViewer } from '../../src/access/viewer.js';
import { audited } from '../../src/audit/service.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

let admin: StaffViewer;
beforeAll(async () => {
  const row = await server().db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin@toaks.example' } });
  admin = { kind: 'staff', staffId: row.id, email: row.email, name: row.name, roles: new Set(row.roles), stewardId: null };
});

describe('audit trail', () => {
  it('records actor, action, target and before/after for a mutation, without secrets', async () => {
    const created = await createApiKey(server().db.prisma, admin, { name: 'Audit me', organization: 'Org', scopes: ['subscribe'] });
    const event = await server().db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: created.apiKey.id } });
    expect(event).toMatchObject({ actorType: 'staff', actorId: admin.staffId, action: 'apiKey.create', targetType: 'ApiKey' });
    expect(event.actorLabel).toContain('admin@toaks.example');
    expect((event.after as any).organization).toBe('Org');
    expect(JSON.stringify(event)).not.toContain(created.secret);
    expect(JSON.stringify(event)).not.toContain('secretHash');
  });

  it('writes neither the change nor the event when the change fails midway', async () => {
    const before = await server().db.prisma.auditEvent.count();
    const keysBefore = await server().db.prisma.apiKey.count();
    await expect(
      audited(server().db.prisma, admin, async (tx) => {
        await tx.apiKey.create({ data: { prefix: 'cod_halfdone00', secretHash: 'x', name: 'n', organization: 'o', scopes: [] } });
        throw new Error('boom after the first write');
      }),
    ).rejects.toThrow('boom');
    expect(await server().db.prisma.auditEvent.count()).toBe(before);
    expect(await server().db.prisma.apiKey.count()).toBe(keysBefore);
  });

  it('lets admins query it with filters, newest first', async () => {
    const headers = await server().staff('admin@toaks.example');
    await server().request('mutation { createApiKey(input: { name: "Q", organization: "Filter Org", scopes: [] }) { __typename } }', {}, headers);
    const result = await server().request(
      'query($f: AuditFilter) { auditEvents(first: 10, filter: $f) { edges { node { action actorType actorLabel targetType after createdAt } } } }',
      { f: { action: 'apiKey.create', actorType: 'staff', since: new Date(Date.now() - 60_000).toISOString() } },
      headers,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.auditEvents.edges.map((edge: any) => edge.node);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect(nodes.every((node: any) => node.action === 'apiKey.create' && node.actorType === 'staff')).toBe(true);
    expect(nodes[0].after.organization).toBe('Filter Org');
    expect(nodes[0].actorLabel).toContain('admin@toaks.example');
    const times = nodes.map((node: any) => Date.parse(node.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const none = await server().request('query($f: AuditFilter) { auditEvents(first: 10, filter: $f) { edges { node { action } } } }', { f: { action: 'nothing.like.this' } }, headers);
    expect(none.data!.auditEvents.edges).toEqual([]);
  });
});
