// Reusable argument validators (standard-schema, via zod) for @pothos/plugin-validation.
import { z } from 'zod';

/** Exactly one of the named arguments must be given (e.g. lookup by id or by identifier). */
export function exactlyOneOf(...names: string[]) {
  return z
    .record(z.string(), z.unknown())
    .refine((args) => names.filter((name) => args[name] !== undefined && args[name] !== null).length === 1, {
      message: `Give exactly one of ${names.join(', ')}`,
    });
}
