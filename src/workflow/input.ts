// Input checks shared by the workflow actions: trimmed texts, problems reported with field paths.
import { z } from 'zod';
import { ValidationError } from '../errors.js';

export const message = z.string().trim().min(1, 'must not be empty').max(5000);
export const optionalMessage = z.string().trim().max(5000).nullish().transform((text) => text || null);

/** The parsed input, or a ValidationError listing every problem (paths relative to the input). */
export function checked<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })));
  }
  return result.data;
}
