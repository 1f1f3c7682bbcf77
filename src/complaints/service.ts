// Which complaints a staff member works: compliance officers and admins all of them; stewards those
// routed to the steward team for datasets they steward.
import type { Prisma } from '../generated/prisma/client.js';
import { StaffRole, type ComplaintStatus } from '../generated/prisma/enums.js';
import { hasRole, type Viewer } from '../access/viewer.js';

export function complaintQueueWhere(viewer: Viewer, statuses?: ComplaintStatus[]): Prisma.ComplaintWhereInput {
  const status = statuses ? { status: { in: statuses } } : {};
  if (hasRole(viewer, StaffRole.ADMIN) || hasRole(viewer, StaffRole.COMPLIANCE_OFFICER)) return status;
  if (viewer.kind === 'staff' && viewer.stewardId) {
    return { ...status, routedTo: { has: 'STEWARD' }, dataset: { stewardId: viewer.stewardId } };
  }
  return { id: { in: [] } };
}
