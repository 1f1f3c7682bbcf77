// Staff bearer tokens (JWT, verified with jose): HS256 with a configured secret by default, or a city
// single sign-on's JWKS (issuer + audience checked). The token only names the staff member (its `email`
// claim, or `sub`);
// roles are read from the database on every request so revoking one takes effect at once.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Config } from '../config.js';
import { UnauthenticatedError } from '../errors.js';
import { checkTokenLifetime } from './token-lifetime.js';

export type TokenVerifier = (token: string) => Promise<JWTPayload & { sub: string }>;

/** Tolerated clock difference between the token issuer and this server. */
const clockToleranceSeconds = 60;

export function createTokenVerifier(jwt: Config['jwt']): TokenVerifier {
  const options = { issuer: jwt.issuer, audience: jwt.audience, clockTolerance: clockToleranceSeconds };
  const lifetimePolicy = { maxLifetimeSeconds: jwt.maxLifetimeSeconds, clockToleranceSeconds };
  const key = jwt.jwksUrl ? createRemoteJWKSet(new URL(jwt.jwksUrl)) : new TextEncoder().encode(jwt.secret);
  return async (token) => {
    try {
      const { payload } = jwt.jwksUrl
        ? await jwtVerify(token, key as ReturnType<typeof createRemoteJWKSet>, options)
        : await jwtVerify(token, key as Uint8Array, { ...options, algorithms: ['HS256'] });
      checkTokenLifetime(payload, lifetimePolicy);
      if (!payload.sub) throw new UnauthenticatedError('The token names no staff member (sub)');
      return payload as JWTPayload & { sub: string };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The token has expired');
      throw new UnauthenticatedError('The token is not valid');
    }
  };
}

/** Signs an HS256 staff token (embedded default; `npm run token`, tests). */
export function signStaffToken(jwt: Config['jwt'], staffEmail: string, expiresIn: string | number = '8h') {
  return new SignJWT({ email: staffEmail.toLowerCase() })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(staffEmail.toLowerCase())
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(jwt.secret));
}
