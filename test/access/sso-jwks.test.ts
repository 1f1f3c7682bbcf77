// A city's single sign-on: tokens verified against a JWKS URL with issuer and audience checks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';

let jwks: Server;
let gateway: TestServer;
let privateKey: CryptoKey;
const issuer = 'https://sso.toaks.example';
const audience = 'open-data-gateway';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'sso-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const { port } = jwks.address() as AddressInfo;
  gateway = await startTestServer({ JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: issuer, JWT_AUDIENCE: audience });
});

afterAll(async () => {
  await gateway?.close();
  await gateway?.db.close();
  jwks?.close();
});

const now = () => Math.floor(Date.now() / 1000);

function sign(claims: { email: string; iss?: string; aud?: string; iat?: number | null; exp?: number | null }) {
  const token = new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: 'RS256', kid: 'sso-1' })
    .setSubject('sso|1234')
    .setIssuer(claims.iss ?? issuer)
    .setAudience(claims.aud ?? audience);
  if (claims.iat !== null) token.setIssuedAt(claims.iat ?? now());
  if (claims.exp !== null) token.setExpirationTime(claims.exp ?? now() + 300);
  return token.sign(privateKey);
}

async function refusal(token: string) {
  const result = await gateway.request('{ me { kind } }', {}, { authorization: `Bearer ${token}` });
  expect(result.status).toBe(401);
  expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  return result.errors![0]!.message;
}

describe('single sign-on (JWKS)', () => {
  it('accepts a token signed by the SSO key and reads roles from the database', async () => {
    const token = await sign({ email: 'Clerk@toaks.example' });
    const result = await gateway.request('{ me { kind roles staff { email } } }', {}, { authorization: `Bearer ${token}` });
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toEqual({ kind: 'STAFF', roles: ['RECORDS_CLERK'], staff: { email: 'clerk@toaks.example' } });
  });

  it('refuses the wrong issuer or audience, and HS256 tokens signed with the default secret', async () => {
    const { signStaffToken } = await import('../../src/access/tokens.js');
    const tokens = [
      await sign({ email: 'admin@toaks.example', iss: 'https://evil.example' }),
      await sign({ email: 'admin@toaks.example', aud: 'someone-else' }),
      await signStaffToken(gateway.config.jwt, 'admin@toaks.example'),
    ];
    for (const token of tokens) {
      const result = await gateway.request('{ me { kind } }', {}, { authorization: `Bearer ${token}` });
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('single sign-on token lifetime', () => {
  const email = 'admin@toaks.example';

  it('refuses a token without expiry', async () => {
    expect(await refusal(await sign({ email, exp: null }))).toMatch(/no expiry/);
  });

  it('refuses lifetimes over the default 12 hours, counted from iat or, without iat, from now', async () => {
    expect(await refusal(await sign({ email, iat: now(), exp: now() + 13 * 3600 }))).toMatch(/lives longer/);
    expect(await refusal(await sign({ email, iat: null, exp: now() + 13 * 3600 }))).toMatch(/lives longer/);
    const withinLimit = await sign({ email, iat: null, exp: now() + 11 * 3600 });
    const accepted = await gateway.request('{ me { kind } }', {}, { authorization: `Bearer ${withinLimit}` });
    expect(accepted.errors).toBeUndefined();
  });

  it('refuses tokens issued in the future beyond a minute of clock skew, accepts small skew', async () => {
    expect(await refusal(await sign({ email, iat: now() + 600 }))).toMatch(/issued in the future/);
    const skewed = await sign({ email, iat: now() + 30 });
    const accepted = await gateway.request('{ me { kind } }', {}, { authorization: `Bearer ${skewed}` });
    expect(accepted.errors).toBeUndefined();
  });
});
