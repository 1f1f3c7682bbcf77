// Which data requests a caller works or may see, as Prisma filters built from the access policy.
import type { Prisma } from '../generated/prisma/client.js';
import { worksDataRequests } from '../access/policy.js';
import { dataRequestWorkWhere } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { trackedWhere } from '../workflow/tracking.js';

/** The requests the caller may see: those they work, and those whose tracking token they proved. */
export function visibleDataRequestWhere(viewer: Viewer, trackedSubmissions: ReadonlySet<string>): Prisma.DataRequestWhereInput {
  // Not OR-ed with an empty filter: Prisma reads `OR: [{}, …]` as matching nothing.
  return worksDataRequests(viewer) ? {} : { OR: [dataRequestWorkWhere(viewer), trackedWhere(trackedSubmissions)] };
}
