// Tracking tokens: the public follows a request or complaint by its reference number plus a private
// token. Proving the pair marks the submission as "tracked" for this request (scope `trackingHolder`).
import { secretMatches } from '../access/secrets.js';

interface Trackable {
  id: string;
  trackingTokenHash: string;
}

/**
 * Returns the submission when the token matches, otherwise null: a wrong token and an unknown reference
 * give the same answer, so references cannot be probed.
 */
export function proveTracking<T extends Trackable>(submission: T | null, token: string, trackedSubmissions: Set<string>): T | null {
  if (!submission || !secretMatches(token, submission.trackingTokenHash)) return null;
  trackedSubmissions.add(submission.id);
  return submission;
}

/** Prisma filter: the submissions whose token this request proved. */
export function trackedWhere(trackedSubmissions: ReadonlySet<string>) {
  return { id: { in: [...trackedSubmissions] } };
}

export interface SubmitterTarget {
  reference: string;
  token: string;
  expectedVersion: number;
}

/**
 * A workflow action by the submitter, who proves it with reference + token. A wrong token answers like an
 * unknown reference; a right one lets the caller see the submission afterwards. `label` names them in the timeline.
 */
export function submitterAction(name: string, target: SubmitterTarget, trackedSubmissions: Set<string>, label: string) {
  return {
    name,
    where: { reference: target.reference },
    expectedVersion: target.expectedVersion,
    actor: { id: null, label },
    authorize: (submission: Trackable) => {
      const proved = secretMatches(target.token, submission.trackingTokenHash);
      if (proved) trackedSubmissions.add(submission.id);
      return proved;
    },
  };
}
