// Field options shared by the two kinds of submission (data requests and complaints).
import type { Context } from '../graphql/context.js';
import { canReadDataset, type DatasetAccessFacts } from '../access/visibility.js';

/**
 * The dataset a submission is about, shown only when the caller may see that dataset. Selected as a nested
 * relation, so its own relations (publisher, steward, license) are loaded in the same batched query.
 */
export const submissionDataset = {
  nullable: true,
  select: (_args: unknown, _context: unknown, nestedSelection: (selection: true) => unknown) => ({ dataset: nestedSelection(true) }),
  resolve: <D extends DatasetAccessFacts>(submission: { dataset: D | null }, _args: unknown, context: Context): D | null =>
    submission.dataset && canReadDataset(context.viewer, submission.dataset) ? submission.dataset : null,
} as const;

/**
 * A submission's timeline, oldest first. Internal notes only when the caller works every submission of its
 * kind, or the event's submission matches `worked` (a tracking token alone never shows them).
 */
export function timelineQuery(worksAll: boolean, worked: object) {
  // Not OR-ed with an empty filter: Prisma reads `OR: [{}, …]` as matching nothing.
  return { where: worksAll ? {} : { OR: [{ internal: false }, worked] }, orderBy: { createdAt: 'asc' as const } };
}

/** Options for a field only some callers see; the others get null instead of an error. */
export const nullUnlessAllowed = { nullable: true, unauthorizedResolver: () => null } as const;
