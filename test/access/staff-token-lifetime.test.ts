// The gateway's own HS256 staff tokens: they must expire, within JWT_MAX_LIFETIME, and not come from the future.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { useTestGateway } from '../support/gateway.js';

const env = { JWT_MAX_LIFETIME: '1h' };
const gateway = useTestGateway(env);
const { jwt } = loadConfig({ NODE_ENV: 'test', ...env });
const now = () => Math.floor(Date.now() / 1000);

function sign(times: { iat?: number; exp?: number }) {
  const token = new SignJWT({ email: 'admin@toaks.example' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('admin@toaks.example')
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience);
  if (times.iat !== undefined) token.setIssuedAt(times.iat);
  if (times.exp !== undefined) token.setExpirationTime(times.exp);
  return token.sign(new TextEncoder().encode(jwt.secret));
}

async function me(token: string) {
  return gateway().request('{ me { kind } }', {}, { authorization: `Bearer ${token}` });
}

describe('HS256 staff token lifetime', () => {
  it('accepts a token within the configured lifetime', async () => {
    const result = await me(await sign({ iat: now(), exp: now() + 3600 }));
    expect(result.errors).toBeUndefined();
    expect(result.data!.me.kind).toBe('STAFF');
  });

  it('refuses a token without exp, over JWT_MAX_LIFETIME, or issued in the future', async () => {
    const cases: [Promise<string>, RegExp][] = [
      [sign({ iat: now() }), /no expiry/],
      [sign({ iat: now(), exp: now() + 3600 + 120 }), /lives longer than the accepted 3600 s/],
      [sign({ exp: now() + 2 * 3600 }), /lives longer/],
      [sign({ iat: now() + 300, exp: now() + 600 }), /issued in the future/],
    ];
    for (const [token, reason] of cases) {
      const result = await me(await token);
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(result.errors![0]!.message).toMatch(reason);
    }
  });

  it('refuses the 8-hour tokens of `npm run token` when the maximum is 1 hour', async () => {
    const result = await me(await signStaffToken(jwt, 'admin@toaks.example'));
    expect(result.errors![0]!.message).toMatch(/lives longer/);
  });
});
