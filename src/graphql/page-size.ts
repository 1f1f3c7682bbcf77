// The one page-size rule for every connection: `first`/`last` between 0 and MAX_PAGE_SIZE. A larger
// request is refused with an error that states the maximum, instead of being cut down silently.
// It is a tiny Pothos plugin wrapping each connection field's resolver, placed after scope-auth in the
// builder's plugin list, so a caller who may not use the field is told so before their input is judged
// (argument validation would run before authorization).
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { ValidationError, type FieldProblem } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

type PageArgs = { first?: number | null; last?: number | null };

export function pageSizeProblems(args: PageArgs): FieldProblem[] {
  return (['first', 'last'] as const).flatMap((name) => {
    const size = args[name];
    if (size == null) return [];
    if (size < 0) return [{ path: [name], message: 'must not be negative' }];
    if (size > MAX_PAGE_SIZE) return [{ path: [name], message: `must be at most ${MAX_PAGE_SIZE} (the maximum page size)` }];
    return [];
  });
}

/** Connection fields cost their page size times their selection (first/last, default 20, at most 100). */
export const pageComplexity = (args: PageArgs) => ({
  field: 1,
  multiplier: Math.min(Math.max(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE),
});

const pluginName = 'pageSize';

export class PageSizePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const isConnection = 'first' in fieldConfig.args && 'last' in fieldConfig.args;
    if (!isConnection) return resolver;
    return (parent, args, context, info) => {
      const problems = pageSizeProblems(args as PageArgs);
      if (problems.length > 0) throw new ValidationError(problems);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, PageSizePlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      pageSize: PageSizePlugin<Types>;
    }
  }
}

export default pluginName;
