// The one page-size rule for every connection: `first`/`last` between 0 and MAX_PAGE_SIZE. A larger
// request is refused with an error that states the maximum, instead of being cut down silently.
import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const pageSize = z
  .number()
  .int()
  .min(0, 'must not be negative')
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE} (the maximum page size)`);

/** Options for the relay plugin's `first` and `last` arguments (validated by @pothos/plugin-validation). */
export const pageSizeArgOptions = { validate: pageSize } as const;

/** Connection fields cost their page size times their selection (first/last, default 20, at most 100). */
export const pageComplexity = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: Math.min(Math.max(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE),
});
