// The authorization vocabulary used by every field (`authScopes: { ... }`) through @pothos/plugin-scope-auth.
// A field lists the scopes that may see it; a caller needs any one of them (unless a field says otherwise).
// Each scope only asks access/policy.ts (roles) or access/visibility.ts (datasets).
import { StaffRole } from '../generated/prisma/enums.js';
import type { Context } from './context.js';
import { canReadDataset, dataRequestWorkWhere, type DatasetAccessFacts } from '../access/visibility.js';
import {
  hasComplaintQueue,
  hasRole,
  isStewardOf,
  worksComplaint,
  hasDataRequestQueue,
  worksDataRequests,
  type ComplaintRouting,
} from '../access/policy.js';

export interface AuthScopes {
  /** Everyone, including anonymous callers. */
  public: boolean;
  /** Any signed-in staff member. */
  staff: boolean;
  admin: boolean;
  recordsClerk: boolean;
  complianceOfficer: boolean;
  /** Any caller with a valid partner API key. */
  partner: boolean;
  /** A partner key that carries this scope (e.g. "subscribe"). */
  partnerScope: string;
  /** Staff who are this steward (pass a dataset's stewardId). */
  stewardOf: string;
  /** Whoever may read this dataset (access/visibility.ts). */
  readDataset: DatasetAccessFacts;
  /** The holder of this submission's tracking token (proved earlier in the same request). */
  trackingHolder: string;
  /** The staff member with this id (their own account). */
  staffSelf: string;
  /** The partner presenting the API key with this id (their own key). */
  apiKeySelf: string;
  /** Staff who have a data-request queue (those working every request, and stewards). */
  dataRequestQueue: boolean;
  /** Staff who work this data request (pass its id): its contact data, assignee and internal notes. */
  worksDataRequest: string;
  /** Staff who have a complaint queue (those routed complaints, or all of them). */
  complaintQueue: boolean;
  /** Staff who work this complaint (pass its routing and dataset steward). */
  worksComplaint: ComplaintRouting;
}

export function buildAuthScopes(context: Context) {
  const { viewer } = context;
  return {
    public: true,
    staff: viewer.kind === 'staff',
    admin: hasRole(viewer, StaffRole.ADMIN),
    recordsClerk: hasRole(viewer, StaffRole.RECORDS_CLERK),
    complianceOfficer: hasRole(viewer, StaffRole.COMPLIANCE_OFFICER),
    partner: viewer.kind === 'partner',
    partnerScope: (scope: string) => viewer.kind === 'partner' && viewer.scopes.has(scope),
    stewardOf: (datasetStewardId: string) => isStewardOf(viewer, datasetStewardId),
    readDataset: (dataset: DatasetAccessFacts) => canReadDataset(viewer, dataset),
    trackingHolder: (submissionId: string) => context.trackedSubmissions.has(submissionId),
    staffSelf: (staffId: string) => viewer.kind === 'staff' && viewer.staffId === staffId,
    apiKeySelf: (apiKeyId: string) => viewer.kind === 'partner' && viewer.apiKeyId === apiKeyId,
    dataRequestQueue: hasDataRequestQueue(viewer),
    worksDataRequest: async (requestId: string) =>
      worksDataRequests(viewer) ||
      (hasDataRequestQueue(viewer) && (await context.prisma.dataRequest.count({ where: { id: requestId, ...dataRequestWorkWhere(viewer) } })) > 0),
    complaintQueue: hasComplaintQueue(viewer),
    worksComplaint: (complaint: ComplaintRouting) => worksComplaint(viewer, complaint),
  };
}
