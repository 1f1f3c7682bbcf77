// Request headers that make a test request come from a seeded staff member or a partner.
import { createApiKey } from '../../src/admin/service.js';
import { signStaffToken } from '../../src/access/tokens.js';
import { anonymous } from '../../src/access/viewer.js';
import { loadConfig } from '../../src/config.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

/** Bearer token of a seeded staff member, signed with the test configuration's secret. */
export async function staffHeaders(email: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signStaffToken(loadConfig({ NODE_ENV: 'test' }).jwt, email)}` };
}

/** X-API-Key of a new partner key carrying `scopes`. */
export async function partnerHeaders(prisma: PrismaClient, scopes: string[]): Promise<Record<string, string>> {
  const { secret } = await createApiKey(prisma, anonymous, { name: 'Test partner', organization: 'Test Org', scopes });
  return { 'x-api-key': secret };
}
