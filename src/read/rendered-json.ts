// Selections answered as JSON text that PostgreSQL renders, never parsed into objects nor walked by the
// executor (keys = the response's field names, in its order). The lean reader renders:
// - a relation's selection, when it holds nothing a resolver or a per-object check would have to see: only
//   plain fields (src/plain-fields.ts) of a type every caller may see, which serialize in SQL exactly as their
//   GraphQL scalar would;
// - a root field's whole rows, when every selected field is plain or such a relation behind a bare relation
//   field, and the row type checks its scopes once per object: the executor still runs that check (isTypeOf)
//   on every row before it splices the row's text.
// A relation field still runs its resolver (its own scopes and plugin-prisma's checks included) unless it is
// bare, whose resolver would only hand over the loaded value.
//
// A rendered value is spliced into the response by the query executor, which accepts it only for the very
// field nodes it was rendered for. Executions of other executors (mutations, subscriptions) are never sent
// one: the executor says which executions accept them.
import {
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { bareRelation, checksScopesOnType, isStaticallyPublic, plainRead } from '../plain-fields.js';
import { enumLabels, modelMeta, type FieldMeta, type ModelMeta } from './model.js';

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
 * The keys of `nodes`' selection on `type`, in the response's order: `__typename` as the type's name, every
 * other field as `entry` renders it. Null when any field (`entry` answering null) cannot be rendered, or when
 * there are more keys than json_build_object takes. The caller checks the type.
 */
export function renderedEntries<Entry>(
  walker: Walker,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  entry: (key: string, field: GraphQLField<unknown, unknown> | undefined, fieldNodes: readonly FieldNode[]) => Entry | null,
): (TypenameEntry | Entry)[] | null {
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
  const model = prismaModel(type);
  if (!model || !isStaticallyPublic(type)) return null;
  const entries = renderedEntries(walker, type, fieldNodes, (key, field) => columnEntry(model, key, field));
  return entries && { fieldNodes, entries };
}

function prismaModel(type: GraphQLObjectType): ModelMeta | undefined {
  const name = (type.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
  return name ? modelMeta(name) : undefined;
}

/** A plain field's column, when PostgreSQL's JSON of it is what its GraphQL field would answer. */
function columnEntry(model: ModelMeta, key: string, field: GraphQLField<unknown, unknown> | undefined): { key: string; column: FieldMeta } | null {
  const read = field && plainRead(field);
  const column = read ? model.fields.get(read) : undefined;
  if (!field || !column || !sameInJson(field.type, column)) return null;
  return isNonNullType(field.type) && !column.isRequired ? null : { key, column };
}

/** A key of a rendered row: its type's name, a column, or a relation rendered whole (`relation`: its name). */
export type RowEntry = RenderedEntry | { key: string; relation: string; spec: RenderSpec };

/** How to render a whole row of a root field's result: for `fieldNodes` (the row's), each key in order. */
export interface RowRenderSpec {
  fieldNodes: readonly FieldNode[];
  entries: RowEntry[];
}

/** Where a rendered row carries its JSON text (a RenderedJson for the row's field nodes). */
export const RENDERED_ROW = Symbol('renderedRow');

/**
 * How to render whole rows of `type` for `fieldNodes`, or null. Unlike a relation's, the type's objects need
 * not be visible to everyone: the executor still runs its per-object check (isTypeOf) on each row and splices
 * the row's text only when it passes. So the type must check its scopes there and nowhere else, and every
 * selected field be plain or a bare relation (src/plain-fields.ts) whose selection is rendered.
 */
export function rowRenderSpec(walker: Walker, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): RowRenderSpec | null {
  const model = prismaModel(type);
  if (!model || !checksScopesOnType(type)) return null;
  const entries = renderedEntries<RowEntry>(walker, type, fieldNodes, (key, field, nodes) => {
    const relation = field && bareRelation(field, type);
    if (!relation) return columnEntry(model, key, field);
    const target = getNamedType(field!.type);
    const spec = isObjectType(target) ? renderSpec(walker, target, nodes) : null;
    return spec && { key, relation, spec };
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
