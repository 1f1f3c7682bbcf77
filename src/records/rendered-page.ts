// A records page's edges rendered by PostgreSQL as the response's JSON (src/read/rendered-json.ts): when the
// connection's `edges` select only nodes (no cursors) and the nodes only fields that a page row renders in
// SQL, PostgreSQL writes the edges list as the response has it, redacted by the caller's plan, and the
// executor splices it in without building or walking an object per record.
import { getNamedType, isObjectType, type FieldNode, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { isStaticallyPublic } from '../plain-fields.js';
import { selectionsVaryWithVariables } from '../selections-vary.js';
import { acceptsRenderedJson, renderedEntries, type TypenameEntry, type Walker } from '../read/rendered-json.js';

/**
 * Field extension of a Record field whose value on a page row PostgreSQL renders (the columns of `recordPage`, page.ts). Only
 * for fields whose resolver gives exactly that for a page's rows; checked against it by the page tests.
 */
export const PAGE_COLUMN = 'renderedOnRecordPages';

export type PageColumn = 'recordId' | 'attributes' | 'geometry' | 'redactedFields' | 'createdAt' | 'updatedAt' | 'changeSequence';

/** One key of a rendered record: the type's name, or a page column. */
export type RecordEntry = TypenameEntry | { key: string; column: PageColumn };

/** How to render a page's edges: for `fieldNodes` (the connection's `edges`), each edge's keys in order. */
export interface EdgesRender {
  fieldNodes: readonly FieldNode[];
  edge: (TypenameEntry | { key: string; node: RecordEntry[] })[];
}

/** Connection fields that read nothing of the edges (besides `edges` itself). */
const BESIDE_EDGES = new Set(['pageInfo', 'totalCount', 'estimatedCount', '__typename']);

/** Whether nothing but the Pothos-built resolver runs for this field, and the query gives it no arguments. */
function unwrappedWithoutArguments(field: GraphQLField<unknown, unknown> | undefined, nodes: readonly FieldNode[]): field is GraphQLField<unknown, unknown> {
  return !!field && field.extensions.pothosResolveWrapped === false && nodes.every((node) => !node.arguments?.length);
}

/** By the records field's nodes: walked once for every request of an operation (as columns.ts does). */
const byFieldNodes = new WeakMap<readonly FieldNode[], EdgesRender | null>();

/** The rendering of a records connection's edges for this resolve info, or null when they must be executed. */
export function renderedEdges(info: GraphQLResolveInfo): EdgesRender | null {
  if (!acceptsRenderedJson(info)) return null;
  // Unless @skip / @include may change the selection with the variables.
  const cacheable = !selectionsVaryWithVariables(info.operation, info.fragments);
  if (cacheable && byFieldNodes.has(info.fieldNodes)) return byFieldNodes.get(info.fieldNodes)!;
  const render = edgesRender(info);
  if (cacheable) byFieldNodes.set(info.fieldNodes, render);
  return render;
}

function edgesRender(info: GraphQLResolveInfo): EdgesRender | null {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  let edges: readonly FieldNode[] | undefined;
  for (const [, nodes] of collectSubfields(info.schema, info.fragments, info.variableValues, connection, info.fieldNodes)) {
    const name = nodes[0]!.name.value;
    if (name === 'edges' && !edges) edges = nodes;
    else if (!BESIDE_EDGES.has(name)) return null; // `nodes`, or `edges` under two aliases
  }
  const edgesField = connection.getFields().edges;
  if (!edges || !unwrappedWithoutArguments(edgesField, edges)) return null;
  const edgeType = getNamedType(edgesField.type);
  if (!isObjectType(edgeType) || !isStaticallyPublic(edgeType)) return null;
  const edge = renderedEntries(info, edgeType, edges, (key, nodeField, nodes) => {
    // Only the node: cursors are encoded in JavaScript.
    if (nodeField?.name !== 'node' || !unwrappedWithoutArguments(nodeField, nodes)) return null;
    const recordType = getNamedType(nodeField.type);
    const node = isObjectType(recordType) ? recordEntries(info, recordType, nodes) : null;
    return node && { key, node };
  });
  return edge && edge.length > 0 ? { fieldNodes: edges, edge } : null;
}

function recordEntries(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[]): RecordEntry[] | null {
  if (!isStaticallyPublic(type)) return null;
  return renderedEntries(walker, type, nodes, (key, field, fieldNodes) => {
    const column = field?.extensions[PAGE_COLUMN] as PageColumn | undefined;
    return column && unwrappedWithoutArguments(field, fieldNodes) ? { key, column } : null;
  });
}

/** json_build_object of one edge, each page column as `columnSql` renders it. */
export function edgeJsonSql(render: EdgesRender, columnSql: (column: PageColumn) => string): string {
  const object = (entries: (EdgesRender['edge'][number] | RecordEntry)[]): string => `json_build_object(${entries.map(pair).join(', ')})`;
  const pair = (e: EdgesRender['edge'][number] | RecordEntry): string =>
    `'${e.key}', ${'typename' in e ? `'${e.typename}'` : 'node' in e ? object(e.node) : columnSql(e.column)}`;
  return object(render.edge);
}
