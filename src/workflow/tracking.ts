// Tracking tokens: the public follows a request or complaint by its reference number plus a private
// token. Proving the pair marks the submission as "tracked" for this request (scope `trackingHolder`).
import { secretMatches } from '../access/secrets.js';
import { NotFoundError } from '../errors.js';
import type { Viewer } from '../access/viewer.js';

interface Trackable {
  id: string;
  trackingTokenHash: string;
}

/**
 * Returns the submission when the token matches. A wrong token and an unknown reference give the same
 * answer, so references cannot be probed.
 */
export function proveTracking<T extends Trackable>(
  entity: string,
  reference: string,
  submission: T | null,
  token: string,
  trackedSubmissions: Set<string>,
): T {
  if (!submission || !secretMatches(token, submission.trackingTokenHash)) {
    throw new NotFoundError(entity, `${reference} (with that tracking token)`);
  }
  trackedSubmissions.add(submission.id);
  return submission;
}

/** Internal notes on a timeline are for staff only. */
export function seesInternalNotes(viewer: Viewer): boolean {
  return viewer.kind === 'staff';
}
