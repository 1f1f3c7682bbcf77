// Which columns a GraphQL selection reads, so that the lean reader's statement carries only those (plugin-prisma
// hands it every scalar of every row in include mode). Known readers only: a field that exposes a column, a
// relation (whose own selection is walked), the Relay `id`, and fields that declare a plugin-prisma `select`.
// Any other field of a type may read any column of its row, so that row keeps all of them: a missing column
// can never be read as null.
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { getNamedType, isObjectType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { selectionsVaryWithVariables } from '../selections-vary.js';
import { modelMeta } from './model.js';
import { acceptsRenderedJson, renderSpec, rowRenderSpec, type RenderSpec, type RowRenderSpec } from './rendered-json.js';

/**
 * The columns of one model's rows (null: all of them) and the trees of its loaded relations; or, for a relation
 * whose whole selection can be rendered in SQL (rendered-json.ts), how to render it.
 */
export interface ColumnTree {
  columns: Set<string> | null;
  relations: Map<string, ColumnTree>;
  render?: RenderSpec;
  /** A root field's rows rendered whole: the rows then carry only the columns their type's check reads. */
  rowRender?: RowRenderSpec;
}

/** Carried by the reader's arguments (an own symbol key, so spreads keep it and Prisma never sees it). */
export const SELECTED_COLUMNS = Symbol('selectedColumns');

interface TypeExtensions {
  pothosPrismaModel?: string;
  /** Columns the type itself reads of every row (its authorization scope), declared with the type. */
  rowColumns?: readonly string[];
}

interface FieldExtensions {
  pothosExposedField?: string;
  pothosPrismaRelationField?: { name: string };
  pothosPrismaSelect?: unknown;
}

/** `query` with the columns that the root field's selection reads of `model`'s rows. */
export function withSelectedColumns<T extends object>(query: T, info: GraphQLResolveInfo): T {
  return withColumnTree(query, selectedColumns(info));
}

/** `query` carrying `tree` (the root field's `selectedColumns`), when there is one. */
export function withColumnTree<T extends object>(query: T, tree: ColumnTree | null): T {
  return tree ? { ...query, [SELECTED_COLUMNS]: tree } : query;
}

/** By the root field's nodes: for executions that accept rendered JSON, and for the others. */
const byFieldNodes = { rendering: new WeakMap<readonly FieldNode[], ColumnTree | null>(), plain: new WeakMap<readonly FieldNode[], ColumnTree | null>() };

/** What collecting a selection needs of the resolve info. */
type Walker = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

function subfields(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[]) {
  return collectSubfields(walker.schema, walker.fragments, walker.variableValues, type, nodes);
}

/** The column tree of the rows a root field returns (directly, in a list, or as a connection's nodes). */
export function selectedColumns(info: GraphQLResolveInfo): ColumnTree | null {
  // Walked once for every request of the operation, unless @skip / @include may change it with the variables.
  const cacheable = !selectionsVaryWithVariables(info.operation, info.fragments);
  const render = acceptsRenderedJson(info);
  const cache = render ? byFieldNodes.rendering : byFieldNodes.plain;
  if (cacheable && cache.has(info.fieldNodes)) return cache.get(info.fieldNodes)!;
  let type = getNamedType(info.returnType);
  let nodes: readonly FieldNode[] | undefined = info.fieldNodes;
  if (isObjectType(type) && !prismaModel(type) && type.getFields().edges) {
    // A connection: its rows are the nodes of its edges (and nothing else on it may read them).
    const fields = subfields(info, type, nodes);
    const edgeType = getNamedType(type.getFields().edges!.type);
    const edges = fields.get('edges');
    const onlyEdges = [...fields.keys()].every((name) => CONNECTION_FIELDS.has(name));
    nodes = onlyEdges && edges && isObjectType(edgeType) ? subfields(info, edgeType, edges).get('node') : undefined;
    type = isObjectType(edgeType) ? getNamedType(edgeType.getFields().node!.type) : type;
  }
  const tree = nodes && isObjectType(type) && prismaModel(type) ? rowsRendered(info, type, nodes, render) ?? treeOf(info, type, nodes, render) : null;
  if (cacheable) cache.set(info.fieldNodes, tree);
  return tree;
}

/** The tree of root rows rendered whole (rendered-json.ts), when they can be. */
function rowsRendered(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[], render: boolean): ColumnTree | null {
  const rowRender = render ? rowRenderSpec(walker, type, nodes) : null;
  return rowRender && { columns: new Set(['id', ...((type.extensions as TypeExtensions).rowColumns ?? [])]), relations: new Map(), rowRender };
}

/** Connection fields that read nothing of the rows but their ids (cursors). */
const CONNECTION_FIELDS = new Set(['edges', 'pageInfo', 'totalCount', '__typename']);

function prismaModel(type: GraphQLObjectType): string | undefined {
  return (type.extensions as TypeExtensions).pothosPrismaModel;
}

/** A row read whole, and everything below it too (no tree: every column of every relation). */
const WHOLE: ColumnTree = { columns: null, relations: new Map() };

function treeOf(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[], render: boolean): ColumnTree {
  const model = modelMeta(prismaModel(type)!);
  const columns = new Set<string>(['id', ...((type.extensions as TypeExtensions).rowColumns ?? [])]);
  const relations = new Map<string, ColumnTree>();
  const wholeRelations: string[] = [];
  for (const [name, fieldNodes] of subfields(walker, type, nodes)) {
    if (name === '__typename') continue;
    const field = type.getFields()[fieldNodes[0]!.name.value];
    if (!field) continue;
    const extensions = field.extensions as FieldExtensions;
    const target = getNamedType(field.type);
    if (typeof extensions.pothosExposedField === 'string') {
      columns.add(extensions.pothosExposedField);
    } else if (extensions.pothosPrismaRelationField) {
      // A relation to rows of a Prisma type is rendered in SQL when it can be, else walked; a related
      // connection keeps its rows whole. A relation selected twice (under two aliases) is read whole.
      if (isObjectType(target) && prismaModel(target)) {
        const relation = extensions.pothosPrismaRelationField.name;
        const spec = render ? renderSpec(walker, target, fieldNodes) : null;
        const tree = spec ? { columns: null, relations: new Map(), render: spec } : treeOf(walker, target, fieldNodes, render);
        relations.set(relation, relations.has(relation) ? WHOLE : tree);
      }
    } else if (field.name === 'id' && type.getInterfaces().some((iface) => iface.name === 'Node')) {
      // Relay's global id of a prismaNode (`id: { field: 'id' }` everywhere here): the id column, always read.
    } else if (isPlainSelect(extensions.pothosPrismaSelect)) {
      for (const [key, value] of Object.entries(extensions.pothosPrismaSelect)) {
        if (key === '_count' || !value) continue;
        if (model.fields.get(key)?.kind === 'object') wholeRelations.push(key); // read by this field's resolver
        else if (value === true) columns.add(key);
        else return WHOLE;
      }
    } else {
      return WHOLE; // a resolver that may read any column of the row, or of rows below it
    }
  }
  for (const relation of wholeRelations) relations.set(relation, WHOLE);
  return { columns, relations };
}

function isPlainSelect(select: unknown): select is Record<string, unknown> {
  return typeof select === 'object' && select !== null;
}
