// What needs no resolver and no authorization check per row: a field that only reads its parent's property,
// and a type whose scopes every caller has. The query executor (src/graphql/execution.ts) reads such fields
// straight off their rows; the lean reader (src/read/rendered-json.ts) renders whole selections of them in
// SQL. Shared by src/graphql and src/read, which may not import each other both ways.
import { isLeafType, isNonNullType, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType } from 'graphql';

const plainReads = new WeakMap<GraphQLField<unknown, unknown>, string | null>();

/**
 * The parent property a plain field reads, or null when its resolver must run. A field is plain when nothing
 * stands between the parent's property and the result: no arguments, no plugin wrapper (its resolver is still
 * the one Pothos built for `expose*`, or none at all), and a scalar or enum result, not a list (completed
 * without resolve info; a list's item errors need their own paths).
 */
export function plainRead(field: GraphQLField<unknown, unknown>): string | null {
  let read = plainReads.get(field);
  if (read === undefined) {
    const extensions = field.extensions as { pothosExposedField?: unknown; pothosOriginalResolve?: unknown };
    const unwrapped = field.resolve === undefined || field.resolve === extensions.pothosOriginalResolve;
    const exposed = typeof extensions.pothosExposedField === 'string' ? extensions.pothosExposedField : undefined;
    const type = isNonNullType(field.type) ? field.type.ofType : field.type;
    const plain = unwrapped && field.args.length === 0 && isLeafType(type) && (exposed !== undefined || field.resolve === undefined);
    read = plain ? (exposed ?? field.name) : null;
    plainReads.set(field, read);
  }
  return read;
}

/**
 * Scopes that every caller has, whoever they are (`public` in src/graphql/auth-scopes.ts, pinned by a test).
 */
export const SCOPES_EVERYONE_HAS: ReadonlySet<string> = new Set(['public']);

interface ScopeOptions {
  authScopes?: unknown;
  runScopesOnType?: boolean;
  grantScopes?: unknown;
}

/**
 * Whether every caller may see every object of this type, whatever the object: it has no scopes, or only
 * scopes that everyone has, given as constants (not a function of the object) and checked once per object
 * (`runScopesOnType`, so none of its fields is wrapped for them), and it grants no scopes to fields below it.
 */
export function isStaticallyPublic(type: GraphQLObjectType): boolean {
  // scope-auth runs an interface's scopes with the type's own.
  return publicScopes(type, true) && type.getInterfaces().every((iface) => publicScopes(iface, false));
}

function publicScopes(type: GraphQLObjectType | GraphQLInterfaceType, ownType: boolean): boolean {
  const options = ((type.extensions as { pothosOptions?: ScopeOptions }).pothosOptions ?? {}) as ScopeOptions;
  if (options.grantScopes !== undefined) return false;
  const scopes = options.authScopes;
  if (scopes === undefined) return true;
  if ((ownType && options.runScopesOnType !== true) || typeof scopes !== 'object' || scopes === null) return false;
  const entries = Object.entries(scopes);
  return entries.length > 0 && entries.every(([scope, value]) => SCOPES_EVERYONE_HAS.has(scope) && value === true);
}
