// Which selections the lean reader renders as JSON text in SQL (src/read/rendered-json.ts), and that a rendered
// response reads the same over every transport: JSON over HTTP, SSE and graphql-ws. The lean path's answers
// are compared with the Prisma path's (which renders nothing) in lean-vs-prisma.test.ts.
import { Kind, parse, type FieldNode, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthScopes } from '../../src/graphql/auth-scopes.js';
import type { Context } from '../../src/graphql/context.js';
import { bareRelation, isStaticallyPublic, SCOPES_EVERYONE_HAS } from '../../src/plain-fields.js';
import { RenderedJson, renderSpec, rowRenderSpec } from '../../src/read/rendered-json.js';
import { schema } from '../../src/schema/index.js';
import { anonymous, type Viewer } from '../../src/access/viewer.js';
import { startLiveServer, sseSubscribe, wsSubscribe, type LiveServer } from '../support/live-server.js';

const type = (name: string) => schema.getType(name) as GraphQLObjectType;

/** The field nodes of a relation selecting `selection`, as the executor would hand them over. */
function nodesOf(selection: string): readonly FieldNode[] {
  const operation = parse(`{ x { ${selection} } }`).definitions[0] as OperationDefinitionNode;
  return [operation.selectionSet.selections[0] as FieldNode];
}

const walker = { schema, fragments: {}, variableValues: {} };
const spec = (typeName: string, selection: string) => renderSpec(walker, type(typeName), nodesOf(selection));

describe('what may be rendered', () => {
  it('every caller has the scopes that rendering treats as everyone’s', () => {
    const viewers: Viewer[] = [
      anonymous,
      { kind: 'partner', apiKeyId: 'k', prefix: 'p', organization: 'o', scopes: new Set() },
      { kind: 'staff', staffId: 's', email: 'e', name: 'n', roles: new Set(), stewardId: null },
    ];
    for (const viewer of viewers) {
      const scopes = buildAuthScopes({ viewer } as Context) as Record<string, unknown>;
      for (const scope of SCOPES_EVERYONE_HAS) expect(scopes[scope], `${scope} for ${viewer.kind}`).toBe(true);
    }
  });

  it('types every caller sees whatever the object, and the others', () => {
    for (const name of ['License', 'Steward', 'Department', 'Distribution', 'DatasetField', 'Record']) expect(isStaticallyPublic(type(name)), name).toBe(true);
    // readDataset is a function of the row; ContactPoint checks its scopes in each field.
    for (const name of ['Dataset', 'ContactPoint', 'DataRequest', 'Complaint']) expect(isStaticallyPublic(type(name)), name).toBe(false);
  });

  it('plain fields of such types are rendered in the selection’s order, aliases and __typename included', () => {
    const rendered = spec('License', 'n: name spdxId __typename name');
    expect(rendered?.entries.map((entry) => entry.key)).toEqual(['n', 'spdxId', '__typename', 'name']);
    expect(spec('DatasetField', 'name type nullable pii label')).not.toBeNull();
  });

  it('anything that needs a resolver, a check or a different serialization is not', () => {
    expect(spec('Steward', 'name email'), 'a staff-only field').toBeNull();
    expect(spec('Steward', 'name department { name }'), 'a relation below').toBeNull();
    expect(spec('License', 'name notice'), 'a resolver').toBeNull();
    expect(spec('License', 'id name'), 'the Relay id').toBeNull();
    expect(spec('License', 'datasetCount'), 'a loader').toBeNull();
    expect(spec('Dataset', 'title'), 'a type with per-object scopes').toBeNull();
    expect(spec('Dataset', 'keywords'), 'a list').toBeNull();
  });

  it('whole rows of a type that checks each object in isTypeOf, when every field is plain or a rendered bare relation', () => {
    const row = (selection: string) => rowRenderSpec(walker, type('Dataset'), nodesOf(selection));
    expect(row('title l: license { name } fields { name type } steward { name }')?.entries.map((entry) => entry.key)).toEqual(['title', 'l', 'fields', 'steward']);
    expect(row('title steward { name email }'), 'a staff-only field below').toBeNull();
    expect(row('title keywords'), 'a list').toBeNull();
    expect(row('title recordCount'), 'a count').toBeNull();
    expect(row('title contactPoint { fn }'), 'a resolver').toBeNull();
    expect(row('title records(first: 2) { edges { node { recordId } } }'), 'a connection').toBeNull();
  });

  it('bare relations: none whose relation query is a function of the request (what is loaded must follow the selection alone)', () => {
    const bare = (typeName: string, field: string) => bareRelation(type(typeName).getFields()[field]!, type(typeName));
    expect(bare('Dataset', 'license'), 'no query').toBe('license');
    expect(bare('Dataset', 'fields'), 'a fixed order').toBe('fields');
    // The timelines' queries filter the events for the viewer. Those fields fail other conditions too, so the
    // query alone is tried on a copy of a bare relation that takes a timeline's planner callback.
    const license = type('Dataset').getFields().license!;
    const timelineSelect = type('DataRequest').getFields().timeline!.extensions.pothosPrismaSelect;
    const withTimelineQuery = { ...license, extensions: { ...license.extensions, pothosPrismaSelect: timelineSelect } };
    expect(bareRelation(withTimelineQuery, type('Dataset')), 'a query of the context').toBeNull();
    const withOrder = { ...license, extensions: { ...license.extensions, pothosPrismaSelect: type('Dataset').getFields().fields!.extensions.pothosPrismaSelect } };
    expect(bareRelation(withOrder, type('Dataset')), 'the same copy with a fixed order').toBe('license');
  });

  it('a rendered value answers only for the field nodes it was rendered for', () => {
    const nodes = nodesOf('name');
    const value = new RenderedJson('{"name":"x"}', nodes);
    expect(value.renderedFor(nodes)).toBe(true);
    expect(value.renderedFor([...nodes])).toBe(true);
    expect(value.renderedFor(nodesOf('name'))).toBe(false);
    expect(value.renderedFor([...nodes, { kind: Kind.FIELD } as FieldNode])).toBe(false);
  });
});

describe('a rendered response over every transport', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => {
    await server?.shutdown();
    await server?.db.close();
  });

  const query = '{ datasets(first: 5) { edges { node { title license { name spdxId } fields { name type } } } } }';

  it('JSON, SSE and graphql-ws answer with the same data, with no placeholder left', async () => {
    const viaJson = await server.request(query);
    expect(viaJson.errors).toBeUndefined();
    const edges = viaJson.data!.datasets.edges;
    expect(edges).toHaveLength(5);
    expect(edges[0].node.license).toEqual({ name: expect.any(String), spdxId: expect.any(String) });
    expect(edges[0].node.fields[0]).toEqual({ name: expect.any(String), type: expect.any(String) });
    expect(JSON.stringify(viaJson)).not.toContain('\\u0000');

    const sse = sseSubscribe(server, query);
    const ws = wsSubscribe(server, query);
    try {
      const [viaSse] = await sse.waitFor(1);
      const [viaWs] = await ws.waitFor(1);
      expect(viaSse).toEqual(viaJson.data!.datasets);
      expect(viaWs).toEqual(viaJson.data!.datasets);
    } finally {
      sse.close();
      ws.close();
    }
  });

  it('a response with errors (which yoga masks into a copy of the result) keeps its rendered values', async () => {
    const withError = `{ datasets(first: 2) { edges { node { license { name } } } } dataset(identifier: "a", id: "b") { title } }`;
    const response = await server.request(withError);
    expect(response.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(response.data!.dataset).toBeNull();
    expect(response.data!.datasets.edges[0].node.license).toEqual({ name: expect.any(String) });
  });
});
