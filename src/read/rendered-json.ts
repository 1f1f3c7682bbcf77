// Selections answered as JSON text that PostgreSQL renders, never parsed into objects nor walked by the
// executor. The lean reader renders a relation's selection in SQL (keys = the response's field names, in
// its order) when the selection holds nothing a resolver or a per-object check would have to see: only
// plain fields (src/plain-fields.ts) of a type every caller may see, which serialize in SQL exactly as their
// GraphQL scalar would. The field that returns the relation still runs its resolver (its own scopes and
// plugin-prisma's checks included); only below it is nothing left to run.
//
// A rendered value is spliced into the response by the query executor, which accepts it only for the very
// field nodes it was rendered for. Executions of other executors (mutations, subscriptions) are never sent
// one: the executor says which executions accept them.
import {
  getNamedType,
  isEnumType,
  isNonNullType,
  type FieldNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { isStaticallyPublic, plainRead } from '../plain-fields.js';
import { enumLabels, modelMeta, type FieldMeta } from './model.js';

/** A rendered selection: the JSON text of a field's whole value, for these field nodes only. */
export class RenderedJson {
  constructor(
    readonly text: string,
    readonly fieldNodes: readonly FieldNode[],
  ) {}

  /** Whether this was rendered for exactly these field nodes (the executor's, for the field at hand). */
  renderedFor(fieldNodes: readonly FieldNode[]): boolean {
    const own = this.fieldNodes;
    if (own.length !== fieldNodes.length) return false;
    for (let i = 0; i < own.length; i++) if (own[i] !== fieldNodes[i]) return false;
    return true;
  }
}

/** The variable values of executions whose executor splices rendered JSON (one object per execution). */
const accepting = new WeakSet<object>();

export function acceptRenderedJson(variableValues: object): void {
  accepting.add(variableValues);
}

export function acceptsRenderedJson(info: Pick<GraphQLResolveInfo, 'variableValues'>): boolean {
  return accepting.has(info.variableValues);
}

/** One key of a rendered object: the type's name, or a column serialized as its GraphQL field does. */
export type RenderedEntry = TypenameEntry | { key: string; column: FieldMeta };

export interface RenderSpec {
  fieldNodes: readonly FieldNode[];
  entries: RenderedEntry[];
}

export type Walker = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

/** A rendered object's `__typename`. */
export type TypenameEntry = { key: string; typename: string };

/**
 * The keys of `nodes`' selection on `type` (a type every caller sees whatever the object), in the response's
 * order: `__typename` as the type's name, every other field as `entry` renders it. Null when the type or any
 * field (`entry` answering null) cannot be rendered, or when there are more keys than json_build_object takes.
 */
export function renderedEntries<Entry>(
  walker: Walker,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  entry: (key: string, field: GraphQLField<unknown, unknown> | undefined, fieldNodes: readonly FieldNode[]) => Entry | null,
): (TypenameEntry | Entry)[] | null {
  if (!isStaticallyPublic(type)) return null;
  const entries: (TypenameEntry | Entry)[] = [];
  for (const [key, fieldNodes] of collectSubfields(walker.schema, walker.fragments, walker.variableValues, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    const rendered = name === '__typename' ? { key, typename: type.name } : entry(key, type.getFields()[name], fieldNodes);
    if (rendered === null) return null;
    entries.push(rendered);
  }
  // json_build_object takes at most 100 arguments.
  return entries.length <= 50 ? entries : null;
}

/** GraphQL scalars whose serialization PostgreSQL's JSON gives for a column of the same Prisma type. */
const SAME_IN_JSON: Record<string, string> = { String: 'String', Int: 'Int', Boolean: 'Boolean' };

/**
 * How to render `fieldNodes` of `type` (a Prisma object) in SQL, or null when anything in the selection needs
 * the executor: a resolver, arguments, a list or object field, a type with per-object scopes, a value whose
 * SQL serialization could differ, or a non-null field over a nullable column (which must raise its error).
 */
export function renderSpec(walker: Walker, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): RenderSpec | null {
  const modelName = (type.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
  if (!modelName) return null;
  const model = modelMeta(modelName);
  const entries = renderedEntries(walker, type, fieldNodes, (key, field) => {
    const read = field && plainRead(field);
    const column = read ? model.fields.get(read) : undefined;
    if (!field || !column || !sameInJson(field.type, column)) return null;
    return isNonNullType(field.type) && !column.isRequired ? null : { key, column };
  });
  return entries && { fieldNodes, entries };
}

function sameInJson(type: GraphQLOutputType, column: FieldMeta): boolean {
  if (column.isList || column.kind === 'object') return false;
  const named = getNamedType(type);
  if (isEnumType(named)) {
    // The enum's GraphQL names are its values and Prisma's names (which the SQL renders; model.ts).
    if (column.kind !== 'enum') return false;
    const names = Object.keys(enumLabels(column.type));
    const values = named.getValues();
    return values.length === names.length && values.every((value) => value.value === value.name && names.includes(value.name));
  }
  return column.kind === 'scalar' && SAME_IN_JSON[named.name] === column.type;
}
