// Which complaints a caller works or may see, as Prisma filters: the Prisma form of access/policy.ts's
// worksComplaint (compliance officers and admins all; stewards those routed to stewards for their datasets).
import type { Prisma } from '../generated/prisma/client.js';
import type { ComplaintStatus } from '../generated/prisma/enums.js';
import { worksAllComplaints } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import { trackedWhere } from '../workflow/tracking.js';

export function complaintWorkWhere(viewer: Viewer): Prisma.ComplaintWhereInput {
  if (worksAllComplaints(viewer)) return {};
  if (viewer.kind === 'staff' && viewer.stewardId) return { routedTo: { has: 'STEWARD' }, dataset: { stewardId: viewer.stewardId } };
  return { id: { in: [] } };
}


/** The complaints the caller may see: those they work, and those whose tracking token they proved. */
export function visibleComplaintWhere(viewer: Viewer, trackedSubmissions: ReadonlySet<string>): Prisma.ComplaintWhereInput {
  // Not OR-ed with an empty filter: Prisma reads `OR: [{}, …]` as matching nothing.
  return worksAllComplaints(viewer) ? {} : { OR: [complaintWorkWhere(viewer), trackedWhere(trackedSubmissions)] };
}
