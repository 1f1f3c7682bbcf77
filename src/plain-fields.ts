// What needs no resolver and no authorization check per row: a field that only reads its parent's property,
// and a type whose scopes every caller has. The query executor (src/graphql/execution.ts) reads such fields
// straight off their rows; the lean reader (src/read/rendered-json.ts) renders whole selections of them in
// SQL. Shared by src/graphql and src/read, which may not import each other both ways.
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType } from 'graphql';

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

/** The scope-auth options Pothos left on a type. */
function scopeOptions(type: GraphQLObjectType | GraphQLInterfaceType): ScopeOptions {
  return (type.extensions as { pothosOptions?: ScopeOptions }).pothosOptions ?? {};
}

function publicScopes(type: GraphQLObjectType | GraphQLInterfaceType, ownType: boolean): boolean {
  const options = scopeOptions(type);
  if (options.grantScopes !== undefined) return false;
  const scopes = options.authScopes;
  if (scopes === undefined) return true;
  if ((ownType && options.runScopesOnType !== true) || typeof scopes !== 'object' || scopes === null) return false;
  const entries = Object.entries(scopes);
  return entries.length > 0 && entries.every(([scope, value]) => SCOPES_EVERYONE_HAS.has(scope) && value === true);
}

/** Options of a plugin-prisma relation field that no plugin wraps its resolver for (what `t.relation` sets). */
const RELATION_OPTIONS = new Set(['type', 'description', 'extensions', 'resolve', 'nullable']);
const bareRelations = new WeakMap<GraphQLField<unknown, unknown>, string | null>();

/**
 * The relation a bare `t.relation` field of `parentType` reads (its parent property), or null for any other
 * field. Its resolver only returns that property once plugin-prisma checked that it was loaded for this
 * selection, which a rendered value proves by its field nodes (src/read/rendered-json.ts): no arguments, no
 * options that make a plugin wrap it (scopes, errors, validation), no scopes of its parent checked in it (the
 * parent checks them once per object, `runScopesOnType`, or has none), a target every caller sees, and a
 * relation query that is the same for every request (none, or an object: never a function of the context), so
 * that what is loaded for a selection is a function of the selection alone (src/graphql/planned-query.ts).
 */
export function bareRelation(field: GraphQLField<unknown, unknown>, parentType: GraphQLObjectType): string | null {
  let relation = bareRelations.get(field);
  if (relation === undefined) {
    const extensions = field.extensions as { pothosPrismaRelationField?: { name: string }; pothosOptions?: Record<string, unknown>; pothosPrismaSelect?: unknown };
    const target = getNamedType(field.type);
    const bare =
      extensions.pothosPrismaRelationField !== undefined &&
      field.args.length === 0 &&
      Object.keys(extensions.pothosOptions ?? {}).every((option) => RELATION_OPTIONS.has(option)) &&
      isPlainQuery(relationQuery(extensions.pothosPrismaSelect)) &&
      checksScopesOnType(parentType) &&
      isObjectType(target) &&
      isStaticallyPublic(target);
    relation = bare ? extensions.pothosPrismaRelationField!.name : null;
    bareRelations.set(field, relation);
  }
  return relation;
}

const UNSEEN = Symbol('unseen');

/**
 * The `query` option of a `t.relation` (absent, an object, or a function of the arguments and the context). Pothos
 * does not keep it in the field's options: plugin-prisma's select callback of the relation hands it to the
 * planner, so it is read from there, with a planner that only records it. UNSEEN when the callback does not.
 */
function relationQuery(select: unknown): unknown {
  if (typeof select !== 'function') return UNSEEN;
  let query: unknown = UNSEEN;
  try {
    select({}, {}, (given: unknown) => {
      query = given;
      return {};
    });
  } catch {
    return UNSEEN;
  }
  return query;
}

/** A relation query fixed when the schema is built (its rows' order, say), the same for every request. */
function isPlainQuery(query: unknown): boolean {
  return query === undefined || (typeof query === 'object' && query !== null);
}

/**
 * Whether a type's scopes (and its interfaces') are checked once per object, in isTypeOf, and none in its
 * fields' resolvers: it says `runScopesOnType`, or neither it nor its interfaces have scopes. And it grants
 * no scopes to the fields below it.
 */
export function checksScopesOnType(type: GraphQLObjectType): boolean {
  const options = scopeOptions(type);
  if (options.grantScopes !== undefined) return false;
  return options.runScopesOnType === true || (options.authScopes === undefined && type.getInterfaces().every(withoutScopes));
}

/** An interface's scopes are checked in its implementations' field resolvers unless they check on the type. */
function withoutScopes(type: GraphQLInterfaceType): boolean {
  return scopeOptions(type).authScopes === undefined;
}
