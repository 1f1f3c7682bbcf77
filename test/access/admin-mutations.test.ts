// Admin mutations stay correct under concurrency: a key is revoked (and audited) once, and the city is
// never left without an active admin.
import { describe, expect, it } from 'vitest';
import { setStaffRoles } from '../../src/admin/service.js';
import type { StaffViewer } from '../../src/access/viewer.js';
import { ConflictError } from '../../src/errors.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

async function staffViewer(email: string): Promise<StaffViewer> {
  const row = await server().db.prisma.staffUser.findUniqueOrThrow({ where: { email } });
  return { kind: 'staff', staffId: row.id, email: row.email, name: row.name, roles: new Set(row.roles), stewardId: null };
}

const activeAdmins = () => server().db.prisma.staffUser.count({ where: { active: true, roles: { has: 'ADMIN' } } });

describe('revokeApiKey', () => {
  it('revokes once when two admins revoke the same key at the same time', async () => {
    const admin = await server().staff('admin@toaks.example');
    const created = await server().request(
      'mutation { createApiKey(input: { name: "Race", organization: "Race Co", scopes: [] }) { ... on CreateApiKeyPayload { apiKey { id } } } }',
      {},
      admin,
    );
    const keyId: string = created.data!.createApiKey.apiKey.id;
    const revoke = 'mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on RevokeApiKeyPayload { apiKey { status } } ... on ConflictError { code message } } }';

    const results = await Promise.all([server().request(revoke, { id: keyId }, admin), server().request(revoke, { id: keyId }, admin)]);

    const outcomes = results.map((result) => result.data!.revokeApiKey).sort((a, b) => a.__typename.localeCompare(b.__typename));
    expect(outcomes).toEqual([
      { __typename: 'ConflictError', code: 'CONFLICT', message: expect.stringMatching(/already revoked/) },
      { __typename: 'RevokeApiKeyPayload', apiKey: { status: 'REVOKED' } },
    ]);
    const uuid = Buffer.from(keyId, 'base64').toString().split(':')[1];
    expect(await server().db.prisma.auditEvent.count({ where: { action: 'apiKey.revoke', targetId: uuid } })).toBe(1);
  });
});

describe('setStaffRoles', () => {
  it('refuses to demote or deactivate the last active admin, even when asked by an admin who was just demoted', async () => {
    const prisma = server().db.prisma;
    const admin = await staffViewer('admin@toaks.example');
    await prisma.staffUser.update({ where: { email: 'compliance@toaks.example' }, data: { roles: ['COMPLIANCE_OFFICER', 'ADMIN'] } });
    const second = await staffViewer('compliance@toaks.example');

    await setStaffRoles(prisma, admin, second.staffId, ['COMPLIANCE_OFFICER']);
    expect(await activeAdmins()).toBe(1);
    // `second` still carries ADMIN from before its demotion, as a request already in flight would.
    await expect(setStaffRoles(prisma, second, admin.staffId, ['RECORDS_CLERK'])).rejects.toThrow(ConflictError);
    await expect(setStaffRoles(prisma, second, admin.staffId, ['ADMIN'], false)).rejects.toThrow(/last active admin/);
    expect(await activeAdmins()).toBe(1);
  });

  it('lets only one of two admins demoting each other at the same time succeed', async () => {
    const prisma = server().db.prisma;
    await prisma.staffUser.update({ where: { email: 'compliance@toaks.example' }, data: { roles: ['COMPLIANCE_OFFICER', 'ADMIN'] } });
    const [first, second] = await Promise.all([staffViewer('admin@toaks.example'), staffViewer('compliance@toaks.example')]);
    const auditsBefore = await prisma.auditEvent.count({ where: { action: 'staff.setRoles' } });

    const outcomes = await Promise.allSettled([
      setStaffRoles(prisma, first, second.staffId, ['COMPLIANCE_OFFICER']),
      setStaffRoles(prisma, second, first.staffId, ['RECORDS_CLERK']),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(await activeAdmins()).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'staff.setRoles' } })).toBe(auditsBefore + 1);
  });

});
