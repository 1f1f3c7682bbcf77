// Rules every appeal follows: it is made within a window set by policy, and decided by someone other than
// the person who made the decision appealed.
import { DateTime } from 'luxon';
import type { Viewer } from '../access/viewer.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { cityDay } from './deadlines.js';

/** Throws once `windowDays` have passed since `decidedAt`; `decision` names it in the message. */
export function assertAppealWindowOpen(decidedAt: Date, windowDays: number, decision: string, now = new Date()) {
  const closesAt = DateTime.fromJSDate(decidedAt).plus({ days: windowDays }).toJSDate();
  if (now > closesAt) throw new ConflictError(`The appeal window closed on ${cityDay(closesAt)}, ${windowDays} days after the ${decision}`);
}

/** Throws when the caller is the staff member who made the decision under appeal. */
export function assertDecidedByAnother(viewer: Viewer, decidedBy: string | null, decision: string) {
  if (viewer.kind === 'staff' && decidedBy === viewer.staffId) {
    throw new ForbiddenError(`An appeal is decided by a staff member other than the one who made the ${decision}`);
  }
}
