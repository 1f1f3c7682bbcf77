// Admin operations on partner keys and staff accounts. Every one is audited in the same transaction.
import type { ApiKey, PrismaClient } from '../generated/prisma/client.js';
import type { StaffRole } from '../generated/prisma/enums.js';
import { audited, type Tx } from '../audit/service.js';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { generateApiKey, scopeProblems } from '../access/api-keys.js';
import type { Viewer } from '../access/viewer.js';
import { z } from 'zod';

export interface CreateApiKeyInput {
  name: string;
  organization: string;
  ownerEmail?: string | null;
  scopes: string[];
  expiresAt?: Date | null;
}

/** What may be shown about a key: never the hash. */
export function apiKeySnapshot(key: ApiKey) {
  const { secretHash: _hidden, ...visible } = key;
  return visible;
}

const apiKeyTexts = z.object({
  name: z.string().trim().min(1).max(120),
  organization: z.string().trim().min(1).max(200),
  scopes: z.array(z.string()).max(50),
});

/** The input with its texts trimmed, or every problem with it (paths relative to the input). */
function checkCreateApiKeyInput(input: CreateApiKeyInput, now: Date): CreateApiKeyInput {
  const texts = apiKeyTexts.safeParse(input);
  const problems: FieldProblem[] = [
    ...(texts.error?.issues ?? []).map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
    ...scopeProblems(input.scopes),
    ...(input.expiresAt && input.expiresAt <= now ? [{ path: ['expiresAt'], message: 'must be in the future' }] : []),
  ];
  if (problems.length) throw new ValidationError(problems);
  return { ...input, ...texts.data };
}

/** Callers authorize first: the input is examined only for someone allowed to create keys. */
export async function createApiKey(prisma: PrismaClient, viewer: Viewer, rawInput: CreateApiKeyInput, now = new Date()) {
  const input = checkCreateApiKeyInput(rawInput, now);
  const { prefix, secret, hash } = generateApiKey();
  return audited(prisma, viewer, async (tx) => {
    const apiKey = await tx.apiKey.create({
      data: {
        prefix,
        secretHash: hash,
        name: input.name,
        organization: input.organization,
        ownerEmail: input.ownerEmail ?? null,
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
        createdById: viewer.kind === 'staff' ? viewer.staffId : null,
      },
    });
    return {
      result: { apiKey, secret },
      audit: { action: 'apiKey.create', targetType: 'ApiKey', targetId: apiKey.id, after: apiKeySnapshot(apiKey) },
    };
  });
}

export async function revokeApiKey(prisma: PrismaClient, viewer: Viewer, id: string, now = new Date()) {
  return audited(prisma, viewer, async (tx) => {
    const before = await tx.apiKey.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('ApiKey', id);
    // Conditional on "not yet revoked": of two concurrent revokes, the second waits for the first's row
    // lock, then matches nothing; it fails (rolling back, so no second audit row) instead of revoking twice.
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new ConflictError(`API key ${before.prefix} is already revoked`);
    const apiKey = await tx.apiKey.findUniqueOrThrow({ where: { id } });
    return {
      result: apiKey,
      audit: { action: 'apiKey.revoke', targetType: 'ApiKey', targetId: id, before: apiKeySnapshot(before), after: apiKeySnapshot(apiKey) },
    };
  });
}

/**
 * Locks the active admins' rows for the rest of the transaction and returns their ids. Two concurrent
 * demotions of the last two admins thus run one after the other, and the second sees one admin left.
 */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "StaffUser" WHERE active AND 'ADMIN'::"StaffRole" = ANY(roles) ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

export async function setStaffRoles(prisma: PrismaClient, viewer: Viewer, staffId: string, roles: StaffRole[], active?: boolean | null) {
  return audited(prisma, viewer, async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = await tx.staffUser.findUnique({ where: { id: staffId } });
    if (!before) throw new NotFoundError('StaffUser', staffId);
    const removesAdmin = !roles.includes('ADMIN') || active === false;
    if (removesAdmin && viewer.kind === 'staff' && viewer.staffId === staffId) {
      throw new ConflictError('Admins cannot remove their own admin role or deactivate themselves');
    }
    if (removesAdmin && activeAdmins.length === 1 && activeAdmins[0] === staffId) {
      throw new ConflictError('This is the last active admin: make someone else an admin first');
    }
    const staff = await tx.staffUser.update({
      where: { id: staffId },
      data: { roles: [...new Set(roles)], active: active ?? undefined },
    });
    return {
      result: staff,
      audit: {
        action: 'staff.setRoles',
        targetType: 'StaffUser',
        targetId: staffId,
        before: { roles: before.roles, active: before.active },
        after: { roles: staff.roles, active: staff.active },
      },
    };
  });
}
