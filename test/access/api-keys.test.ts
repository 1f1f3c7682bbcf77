// Partner API keys: created by admins, secret shown once, only a hash stored, expiry and revocation enforced.
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/access/secrets.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

const create = /* GraphQL */ `
  mutation($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeyPayload { secret apiKey { id prefix scopes status } }
      ... on ValidationError { message problems { path message } }
    }
  }
`;

async function createKey(input: Record<string, unknown>) {
  const admin = await server().staff('admin@toaks.example');
  const result = await server().request(create, { input: { name: 'Test', organization: 'Partner Co', scopes: [], ...input } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.createApiKey;
}

const whoAmI = '{ me { kind apiKey { prefix organization lastUsedAt } } }';

describe('partner API keys', () => {
  it('returns the secret once and stores only its hash', async () => {
    const created = await createKey({ scopes: ['subscribe', 'datasets:read:toaks-traffic-collisions'] });
    const { secret, apiKey } = created;
    expect(secret).toMatch(new RegExp(`^${apiKey.prefix}_`));
    const row = await server().db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: apiKey.prefix } });
    expect(row.secretHash).toBe(hashSecret(secret));
    // The secret part itself may contain '_' (base64url): take everything after the prefix.
    expect(JSON.stringify(row)).not.toContain(secret.slice(apiKey.prefix.length + 1));

    const listed = await server().request('{ apiKeys(first: 50) { edges { node { prefix } } } }', {}, await server().staff('admin@toaks.example'));
    expect(listed.text).not.toContain(secret);

    const me = await server().request(whoAmI, {}, { 'x-api-key': secret });
    expect(me.data!.me).toMatchObject({ kind: 'PARTNER', apiKey: { prefix: apiKey.prefix, organization: 'Partner Co' } });
    await expect.poll(async () => (await server().db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: apiKey.prefix } })).lastUsedAt).not.toBeNull();

    const granted = await server().request('{ dataset(identifier: "toaks-traffic-collisions") { title } }', {}, { 'x-api-key': secret });
    expect(granted.data!.dataset).not.toBeNull();
  });

  it('rejects unknown scopes and past expiry dates with typed validation errors', async () => {
    const badScope = await createKey({ scopes: ['delete:everything'] });
    expect(badScope.__typename).toBe('ValidationError');
    expect(badScope.problems[0].path).toEqual(['input', 'scopes', '0']);
    const past = await createKey({ expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.__typename).toBe('ValidationError');
    expect(past.problems[0].path).toEqual(['input', 'expiresAt']);
    const blank = await createKey({ name: '   ' });
    expect(blank.__typename).toBe('ValidationError');
  });

  it('refuses revoked and expired keys with a clear error and 401', async () => {
    const created = await createKey({});
    const admin = await server().staff('admin@toaks.example');
    const revoke = await server().request(
      'mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on RevokeApiKeyPayload { apiKey { status } } } }',
      { id: created.apiKey.id },
      admin,
    );
    expect(revoke.data!.revokeApiKey.apiKey.status).toBe('REVOKED');
    const again = await server().request(
      'mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on ConflictError { message } } }',
      { id: created.apiKey.id },
      admin,
    );
    expect(again.data!.revokeApiKey.__typename).toBe('ConflictError');

    const revoked = await server().request(whoAmI, {}, { 'x-api-key': created.secret });
    expect(revoked.status).toBe(401);
    expect(revoked.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(revoked.errors![0]!.message).toMatch(/revoked/);

    const soon = await createKey({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await server().request(whoAmI, {}, { 'x-api-key': soon.secret })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await server().request(whoAmI, {}, { 'x-api-key': soon.secret });
    expect(expired.status).toBe(401);
    expect(expired.errors![0]!.message).toMatch(/expired/);

    const forged = await server().request(whoAmI, {}, { 'x-api-key': `${created.apiKey.prefix}_notTheRealSecretAtAll123` });
    expect(forged.status).toBe(401);
    expect(forged.errors![0]!.message).toBe('Unknown API key');
  });
});

describe('staff tokens', () => {
  it('read roles from the database, so a revoked role takes effect on the next request', async () => {
    const clerk = await server().staff('clerk@toaks.example');
    const queue = '{ dataRequests(first: 1) { edges { node { reference } } } }';
    expect((await server().request(queue, {}, clerk)).errors).toBeUndefined();

    const clerkRow = await server().db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'clerk@toaks.example' } });
    const staffId = Buffer.from(`StaffUser:${clerkRow.id}`).toString('base64');
    const demote = await server().request(
      'mutation($id: ID!) { setStaffRoles(staffId: $id, roles: [STEWARD]) { __typename } }',
      { id: staffId },
      await server().staff('admin@toaks.example'),
    );
    expect(demote.data!.setStaffRoles.__typename).toBe('SetStaffRolesPayload');
    expect((await server().request(queue, {}, clerk)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses inactive staff, forged, expired and malformed tokens', async () => {
    const inactive = await server().request(whoAmI, {}, await server().staff('former.analyst@toaks.example'));
    expect(inactive.status).toBe(401);
    const { signStaffToken } = await import('../../src/access/tokens.js');
    const forged = await signStaffToken({ ...server().config.jwt, secret: 'not-the-server-secret-0123456789abcdef' }, 'admin@toaks.example');
    const expired = await signStaffToken(server().config.jwt, 'admin@toaks.example', Math.floor(Date.now() / 1000) - 60);
    for (const authorization of [`Bearer ${forged}`, `Bearer ${expired}`, 'Bearer not.a.jwt', 'Basic YWRtaW46YWRtaW4=']) {
      const result = await server().request(whoAmI, {}, { authorization });
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });
});
