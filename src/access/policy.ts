// Who may do what, by role: the one place that reads staff roles. Dataset visibility, redaction, tracking,
// the staff queues and the auth scopes ask these questions instead of checking roles themselves.
import { StaffRole } from '../generated/prisma/enums.js';
import type { Viewer } from './viewer.js';

export function hasRole(viewer: Viewer, role: StaffRole): boolean {
  return viewer.kind === 'staff' && viewer.roles.has(role);
}

/** The staff member stewards the datasets of this steward id. */
export function isStewardOf(viewer: Viewer, stewardId: string): boolean {
  return viewer.kind === 'staff' && viewer.stewardId === stewardId;
}

export const isAdmin = (viewer: Viewer) => hasRole(viewer, StaffRole.ADMIN);

/** Admins, records clerks and compliance officers see every dataset, whatever its access level. */
export function seesAllDatasets(viewer: Viewer): boolean {
  return isAdmin(viewer) || hasRole(viewer, StaffRole.RECORDS_CLERK) || hasRole(viewer, StaffRole.COMPLIANCE_OFFICER);
}

/** Archived datasets are out of every public path: only admins (who archive and restore them) see them. */
export const seesArchivedDatasets = isAdmin;

/** Who edits a dataset's metadata, distributions and fields: admins and its own steward. */
export function publishesDataset(viewer: Viewer, dataset: { stewardId: string }): boolean {
  return isAdmin(viewer) || isStewardOf(viewer, dataset.stewardId);
}

/**
 * Who creates a dataset stewarded by `steward` and published by department `publisherId`: admins, or that
 * steward themselves in their own department.
 */
export function createsDataset(viewer: Viewer, steward: { id: string; departmentId: string }, publisherId: string): boolean {
  return isAdmin(viewer) || (isStewardOf(viewer, steward.id) && steward.departmentId === publisherId);
}

/** Archiving and restoring: admins only. */
export const archivesDatasets = isAdmin;

/** Personal fields (and personal geometry) of a dataset: admins, records clerks and its own steward. */
export function seesPersonalData(viewer: Viewer, dataset: { stewardId: string }): boolean {
  return isAdmin(viewer) || hasRole(viewer, StaffRole.RECORDS_CLERK) || isStewardOf(viewer, dataset.stewardId);
}

/** Records clerks and admins work every data request: its queue, contact data, assignee and internal notes. */
export function worksDataRequests(viewer: Viewer): boolean {
  return isAdmin(viewer) || hasRole(viewer, StaffRole.RECORDS_CLERK);
}

/** Works this data request: records clerks and admins, or the steward of the dataset it is about. */
export function worksDataRequest(viewer: Viewer, request: { dataset: { stewardId: string } | null }): boolean {
  return worksDataRequests(viewer) || (request.dataset !== null && isStewardOf(viewer, request.dataset.stewardId));
}

/** Who has a data-request queue at all: those who work every request, and stewards (those about their datasets). */
export function hasDataRequestQueue(viewer: Viewer): boolean {
  return worksDataRequests(viewer) || (viewer.kind === 'staff' && viewer.stewardId !== null);
}

/** Compliance officers and admins work every complaint. */
export function worksAllComplaints(viewer: Viewer): boolean {
  return isAdmin(viewer) || hasRole(viewer, StaffRole.COMPLIANCE_OFFICER);
}

/** Who has a complaint queue at all: those who work every complaint, and stewards (those routed to them). */
export function hasComplaintQueue(viewer: Viewer): boolean {
  return worksAllComplaints(viewer) || (viewer.kind === 'staff' && viewer.stewardId !== null);
}

export interface ComplaintRouting {
  routedTo: readonly string[];
  dataset: { stewardId: string } | null;
}

/** Works this complaint: compliance officers and admins, or the steward of its dataset when routed to stewards. */
export function worksComplaint(viewer: Viewer, complaint: ComplaintRouting): boolean {
  if (worksAllComplaints(viewer)) return true;
  return complaint.routedTo.includes('STEWARD') && complaint.dataset !== null && isStewardOf(viewer, complaint.dataset.stewardId);
}

/** Who sees a dataset's complaints and its "under review" flag: compliance officers, admins and its steward. */
export function seesDatasetComplaints(viewer: Viewer, dataset: { stewardId: string }): boolean {
  return worksAllComplaints(viewer) || isStewardOf(viewer, dataset.stewardId);
}

/** Who may be assigned a complaint: active admins and compliance officers, or the steward it is routed to. */
export function takesComplaint(staff: { active: boolean; roles: readonly StaffRole[]; steward: { id: string } | null }, complaint: ComplaintRouting): boolean {
  if (!staff.active) return false;
  if (staff.roles.includes(StaffRole.ADMIN) || staff.roles.includes(StaffRole.COMPLIANCE_OFFICER)) return true;
  return complaint.routedTo.includes('STEWARD') && complaint.dataset !== null && staff.steward?.id === complaint.dataset.stewardId;
}

/** Enforcement under the municipal code (sanctions, lifting them, deciding appeals): compliance officers and admins (IT). */
export function enforcesMisuse(viewer: Viewer): boolean {
  return worksAllComplaints(viewer);
}

/** The complaint routing table: admins. */
export const routesComplaints = isAdmin;

/** Who may be assigned data requests: active records clerks and admins. */
export function takesDataRequests(staff: { active: boolean; roles: readonly StaffRole[] }): boolean {
  return staff.active && (staff.roles.includes(StaffRole.ADMIN) || staff.roles.includes(StaffRole.RECORDS_CLERK));
}
