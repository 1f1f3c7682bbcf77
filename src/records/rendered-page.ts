// A records page's edges rendered by PostgreSQL as the response's JSON (src/read/rendered-json.ts): when the
// connection's `edges` select only nodes (no cursors) and the nodes only fields that a page row renders in
// SQL, PostgreSQL writes the edges list as the response has it, redacted by the caller's plan, and the
// executor splices it in without building or walking an object per record.
import { getNamedType, isObjectType, type FieldNode, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { isStaticallyPublic } from '../plain-fields.js';
import { acceptsRenderedJson } from '../read/rendered-json.js';

/**
 * Field extension of a Record field whose value on a page row PostgreSQL renders (see `pageColumnSql`). Only
 * for fields whose resolver gives exactly that for a page's rows; checked against it by the page tests.
 */
export const PAGE_COLUMN = 'renderedOnRecordPages';

export type PageColumn = 'recordId' | 'attributes' | 'geometry' | 'redactedFields' | 'createdAt' | 'updatedAt' | 'changeSequence';

/** One key of a rendered object: the type's name, or a page column. */
export type RecordEntry = { key: string; typename: string } | { key: string; column: PageColumn };

/** How to render a page's edges: for `fieldNodes` (the connection's `edges`), each edge's keys in order. */
export interface EdgesRender {
  fieldNodes: readonly FieldNode[];
  edge: ({ key: string; typename: string } | { key: string; node: RecordEntry[] })[];
}

/** Connection fields that read nothing of the edges (besides `edges` itself). */
const BESIDE_EDGES = new Set(['pageInfo', 'totalCount', 'estimatedCount', '__typename']);

type Walker = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

/** Whether nothing but the Pothos-built resolver runs for this field, and the query gives it no arguments. */
function unwrappedWithoutArguments(field: GraphQLField<unknown, unknown> | undefined, nodes: readonly FieldNode[]): field is GraphQLField<unknown, unknown> {
  return !!field && field.extensions.pothosResolveWrapped === false && nodes.every((node) => !node.arguments?.length);
}

/** The rendering of a records connection's edges for this resolve info, or null when they must be executed. */
export function renderedEdges(info: GraphQLResolveInfo): EdgesRender | null {
  if (!acceptsRenderedJson(info)) return null;
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  let edges: readonly FieldNode[] | undefined;
  for (const [, nodes] of subfields(info, connection, info.fieldNodes)) {
    const name = nodes[0]!.name.value;
    if (name === 'edges' && !edges) edges = nodes;
    else if (!BESIDE_EDGES.has(name)) return null; // `nodes`, or `edges` under two aliases
  }
  const edgesField = connection.getFields().edges;
  if (!edges || !unwrappedWithoutArguments(edgesField, edges)) return null;
  const edgeType = getNamedType(edgesField.type);
  if (!isObjectType(edgeType) || !isStaticallyPublic(edgeType)) return null;
  const edge: EdgesRender['edge'] = [];
  for (const [key, nodes] of subfields(info, edgeType, edges)) {
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      edge.push({ key, typename: edgeType.name });
      continue;
    }
    const nodeField = edgeType.getFields()[name];
    if (name !== 'node' || !unwrappedWithoutArguments(nodeField, nodes)) return null; // cursors are encoded in JavaScript
    const recordType = getNamedType(nodeField.type);
    const entries = isObjectType(recordType) ? recordEntries(info, recordType, nodes) : null;
    if (!entries) return null;
    edge.push({ key, node: entries });
  }
  return edge.length > 0 && edge.length <= 50 ? { fieldNodes: edges, edge } : null;
}

function recordEntries(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[]): RecordEntry[] | null {
  if (!isStaticallyPublic(type)) return null;
  const entries: RecordEntry[] = [];
  for (const [key, fieldNodes] of subfields(walker, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    if (name === '__typename') {
      entries.push({ key, typename: type.name });
      continue;
    }
    const field = type.getFields()[name];
    const column = field?.extensions[PAGE_COLUMN] as PageColumn | undefined;
    if (!column || !unwrappedWithoutArguments(field, fieldNodes)) return null;
    entries.push({ key, column });
  }
  return entries.length <= 50 ? entries : null;
}

function subfields(walker: Walker, type: GraphQLObjectType, nodes: readonly FieldNode[]) {
  return collectSubfields(walker.schema, walker.fragments, walker.variableValues, type, nodes);
}

/** json_build_object of one edge, each page column as `columnSql` renders it. */
export function edgeJsonSql(render: EdgesRender, columnSql: (column: PageColumn) => string): string {
  const object = (pairs: string[]) => `json_build_object(${pairs.join(', ')})`;
  const entry = (e: RecordEntry) => `'${e.key}', ${'typename' in e ? `'${e.typename}'` : columnSql(e.column)}`;
  return object(render.edge.map((e) => ('typename' in e ? `'${e.key}', '${e.typename}'` : `'${e.key}', ${object(e.node.map(entry))}`)));
}
