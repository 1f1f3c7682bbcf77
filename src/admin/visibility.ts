// Which staff accounts and API keys a caller may look up: admins all of them; staff their own account,
// partners their own key. Anything else is absent (null from node(id:)), never an error that confirms it exists.
import type { Prisma } from '../generated/prisma/client.js';
import { isAdmin } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function visibleStaffUserWhere(viewer: Viewer): Prisma.StaffUserWhereInput {
  if (isAdmin(viewer)) return {};
  return { id: viewer.kind === 'staff' ? viewer.staffId : NIL_UUID };
}

export function visibleApiKeyWhere(viewer: Viewer): Prisma.ApiKeyWhereInput {
  if (isAdmin(viewer)) return {};
  return { id: viewer.kind === 'partner' ? viewer.apiKeyId : NIL_UUID };
}
