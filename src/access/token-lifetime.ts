// A stolen staff token must stop working soon: every token expires, lives at most the configured maximum,
// and is not issued in the future (beyond clock skew between the issuer and us).
import type { JWTPayload } from 'jose';
import { UnauthenticatedError } from '../errors.js';

export interface LifetimePolicy {
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

export function checkTokenLifetime(claims: JWTPayload, policy: LifetimePolicy, nowSeconds = Math.floor(Date.now() / 1000)) {
  const { exp, iat } = claims;
  if (typeof exp !== 'number') throw new UnauthenticatedError('The token has no expiry (exp)');
  if (typeof iat === 'number' && iat > nowSeconds + policy.clockToleranceSeconds) {
    throw new UnauthenticatedError('The token is issued in the future (iat)');
  }
  const lifetime = exp - (typeof iat === 'number' ? iat : nowSeconds);
  if (lifetime > policy.maxLifetimeSeconds) {
    throw new UnauthenticatedError(`The token lives longer than the accepted ${policy.maxLifetimeSeconds} s (exp)`);
  }
}
