// Argument validation. Field-level `validate:` (@pothos/plugin-validation) runs while arguments are
// mapped, before authScopes: use it only on public fields. Authorized fields validate in their
// resolver, after authorization, and report problems under the argument (`input.scopes.0`).
import { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Runs `work`; the paths of its validation problems are prefixed with the argument they belong to. */
export async function underArgument<T>(argument: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.problems.map((problem) => ({ ...problem, path: [argument, ...problem.path] })));
  }
}

/** Exactly one of the named arguments must be given (e.g. lookup by id or by identifier). */
export function exactlyOneOf(...names: string[]) {
  return z
    .record(z.string(), z.unknown())
    .refine((args) => names.filter((name) => args[name] !== undefined && args[name] !== null).length === 1, {
      message: `Give exactly one of ${names.join(', ')}`,
    });
}
