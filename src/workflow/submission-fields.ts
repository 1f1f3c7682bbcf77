// Field options shared by the two kinds of submission (data requests and complaints).
import type { Context } from '../graphql/context.js';
import { canReadDataset, type DatasetAccessFacts } from '../catalog/visibility.js';
import { seesInternalNotes } from './tracking.js';

/** The dataset a submission is about, shown only when the caller may see that dataset. */
export function visibleSubmissionDataset<D extends DatasetAccessFacts>(
  submission: { dataset: D | null },
  _args: unknown,
  context: Context,
): D | null {
  return submission.dataset && canReadDataset(context.viewer, submission.dataset) ? submission.dataset : null;
}

/** A submission's timeline, oldest first; internal notes only for staff. */
export const timelineQuery = (_args: unknown, context: Context) => ({
  where: seesInternalNotes(context.viewer) ? {} : { internal: false },
  orderBy: { createdAt: 'asc' as const },
});

/** Who works a submission is shown to staff; others get null. */
export const staffOnlyAssignee = { nullable: true, authScopes: { staff: true }, unauthorizedResolver: () => null } as const;
