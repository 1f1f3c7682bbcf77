// Secrets (API keys, tracking tokens) are never stored: only their SHA-256 digest is.
// A fast digest is right here because the secrets are long random strings, not human passwords.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A URL-safe random secret with `bytes` bytes of entropy. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
