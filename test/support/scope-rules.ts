// Reads the scope-auth rules Pothos leaves on the schema (extensions.pothosOptions.authScopes).
import { isObjectType, type GraphQLSchema } from 'graphql';

type Scopes = Record<string, unknown>;
type Extensible = { extensions?: unknown };

const pothosOptions = (thing: Extensible) =>
  ((thing.extensions as { pothosOptions?: Record<string, unknown> } | undefined)?.pothosOptions ?? {}) as Record<string, unknown>;

// Stands in for any parent, argument or context a scope function reads: every property, call and
// comparison yields something, so the function returns the scope names it would check.
const probe: any = new Proxy(function probeValue() {}, {
  get: (_target, property) => (property === Symbol.toPrimitive ? () => 'probe' : probe),
  apply: () => probe,
});

/** The scopes a rule checks: an object as written, or what a scope function returns for any parent. */
export function scopesOf(thing: Extensible): Scopes | undefined {
  const rule = pothosOptions(thing).authScopes;
  if (typeof rule === 'function') return rule(probe, probe, probe, probe) as Scopes;
  return rule as Scopes | undefined;
}

/** Whether a rule lets anyone through (`public: true`, also inside `$any`). */
export const grantsPublic = (scopes: Scopes | undefined): boolean =>
  !!scopes && (scopes.public === true || grantsPublic(scopes.$any as Scopes | undefined));

/** Object types whose own rule leaves the public out: only some callers may see any of their fields. */
export function restrictedTypes(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .filter((type) => {
      const scopes = scopesOf(type);
      return scopes !== undefined && !grantsPublic(scopes);
    })
    .map((type) => type.name)
    .sort();
}

/** Fields marked public on a restricted type: a rule that reads as "anyone" where the type says otherwise. */
export function publicFieldsOnRestrictedTypes(schema: GraphQLSchema): string[] {
  return restrictedTypes(schema).flatMap((name) => {
    const type = schema.getType(name);
    if (!isObjectType(type)) return [];
    return Object.values(type.getFields())
      .filter((field) => grantsPublic(scopesOf(field)))
      .map((field) => `${name}.${field.name}`);
  });
}
