// The complaint lifecycle and its rules.
import { ComplaintStatus as Status } from '../generated/prisma/enums.js';
import { Lifecycle } from '../workflow/transitions.js';

export const complaintLifecycle = new Lifecycle<Status>('Complaint', {
  RECEIVED: [Status.TRIAGED, Status.DISMISSED],
  TRIAGED: [Status.IN_PROGRESS, Status.DISMISSED],
  IN_PROGRESS: [Status.RESOLVED, Status.DISMISSED],
  // The reporter may reopen a resolved complaint within REOPEN_DAYS: it goes back to work.
  RESOLVED: [Status.IN_PROGRESS],
  DISMISSED: [],
});

/** Complaints still being worked (the catalog counts them per dataset). */
export { OPEN_COMPLAINT_STATUSES } from '../catalog/loaders.js';

/** Days after the resolution during which the reporter may reopen a complaint. */
export const REOPEN_DAYS = 30;

/** The reopen window closes REOPEN_DAYS × 24 hours after the resolution (inclusive). */
export function reopenClosesAt(resolvedAt: Date): Date {
  return new Date(resolvedAt.getTime() + REOPEN_DAYS * 24 * 3600_000);
}
