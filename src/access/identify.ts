// Turns request headers into a Viewer: a staff bearer token, a partner API key, or anonymous.
import type { PrismaClient } from '../generated/prisma/client.js';
import { UnauthenticatedError } from '../errors.js';
import { authenticateApiKey } from './api-keys.js';
import type { TokenVerifier } from './tokens.js';
import { anonymous, type Viewer } from './viewer.js';

export async function identifyViewer(prisma: PrismaClient, verifyToken: TokenVerifier, headers: Headers): Promise<Viewer> {
  const authorization = headers.get('authorization');
  const apiKey = headers.get('x-api-key');
  if (authorization && apiKey) throw new UnauthenticatedError('Send either a bearer token or an API key, not both');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    const claims = await verifyToken(token);
    // Single sign-on tokens carry the staff e-mail address; the gateway's own tokens put it in sub too.
    const email = (typeof claims.email === 'string' ? claims.email : claims.sub).toLowerCase();
    const staff = await prisma.staffUser.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, roles: true, active: true, steward: { select: { id: true } } },
    });
    if (!staff || !staff.active) throw new UnauthenticatedError('This staff account is not active');
    return {
      kind: 'staff',
      staffId: staff.id,
      email: staff.email,
      name: staff.name,
      roles: new Set(staff.roles),
      stewardId: staff.steward?.id ?? null,
    };
  }
  if (apiKey) {
    const key = await authenticateApiKey(prisma, apiKey);
    return { kind: 'partner', apiKeyId: key.id, prefix: key.prefix, organization: key.organization, scopes: new Set(key.scopes) };
  }
  return anonymous;
}
