// Partner API keys: `cod_<prefix>_<secret>`. The prefix finds the row; only a hash of the whole key is kept.
// The secret is shown once, when the key is created.
import { randomBytes } from 'node:crypto';
import type { PrismaClient, ApiKey } from '../generated/prisma/client.js';
import { UnauthenticatedError, type FieldProblem } from '../errors.js';
import { hashSecret, newSecret, secretMatches } from './secrets.js';

const KEY_PATTERN = /^(cod_[0-9a-f]{10})_([A-Za-z0-9_-]{20,})$/;

/** Scopes a key may carry: read a restricted dataset, subscribe to updates, a higher rate tier. */
export const API_KEY_SCOPE_PATTERN = /^(datasets:read:[a-z0-9-]+|subscribe|rate:high)$/;

/** lastUsedAt is refreshed at most this often, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiKey(): { prefix: string; secret: string; hash: string } {
  const prefix = `cod_${randomBytes(5).toString('hex')}`;
  const secret = `${prefix}_${newSecret(24)}`;
  return { prefix, secret, hash: hashSecret(secret) };
}

/** One problem per unknown scope, at its index in `scopes`. */
export function scopeProblems(scopes: string[]): FieldProblem[] {
  return scopes
    .map((scope, index) => ({ scope, index }))
    .filter(({ scope }) => !API_KEY_SCOPE_PATTERN.test(scope))
    .map(({ scope, index }) => ({ path: ['scopes', index], message: `Unknown scope "${scope}"` }));
}

/** Checks a presented key; throws a clear UnauthenticatedError for unknown, revoked or expired keys. */
export async function authenticateApiKey(prisma: PrismaClient, presented: string, now = new Date()): Promise<ApiKey> {
  const match = KEY_PATTERN.exec(presented.trim());
  const key = match ? await prisma.apiKey.findUnique({ where: { prefix: match[1]! } }) : null;
  if (!key || !secretMatches(presented.trim(), key.secretHash)) throw new UnauthenticatedError('Unknown API key');
  if (key.revokedAt) throw new UnauthenticatedError(`API key ${key.prefix} was revoked`);
  if (key.suspendedAt) throw new UnauthenticatedError(`API key ${key.prefix} is suspended by an enforcement action`);
  if (key.expiresAt && key.expiresAt <= now) throw new UnauthenticatedError(`API key ${key.prefix} expired on ${key.expiresAt.toISOString()}`);
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Fire-and-forget: a failed bookkeeping write must not fail the caller's request.
    prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return key;
}
