// The SQL of a root row rendered whole is rendered once per selection (its column tree) and reused by later
// statements of the same selection: the same text, aliases that never collide with the rest of the statement,
// and the same rows.
import { parse, type FieldNode, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SELECTED_COLUMNS, type ColumnTree } from '../../src/read/columns.js';
import { compileFindMany, compileFindUnique } from '../../src/read/compile.js';
import { RENDERED_ROW, rowRenderSpec, type RenderedJson } from '../../src/read/rendered-json.js';
import { schema } from '../../src/schema/index.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

/** The column tree of Dataset rows selecting `selection`, rendered whole (as columns.ts builds it). */
function renderedDatasets(selection: string): ColumnTree {
  const operation = parse(`{ x { ${selection} } }`).definitions[0] as OperationDefinitionNode;
  const nodes = [operation.selectionSet.selections[0] as FieldNode];
  const rowRender = rowRenderSpec({ schema, fragments: {}, variableValues: {} }, schema.getType('Dataset') as GraphQLObjectType, nodes);
  expect(rowRender).not.toBeNull();
  return { columns: new Set(['id', 'identifier', 'accessLevel', 'stewardId', 'archivedAt']), relations: new Map(), rowRender: rowRender! };
}

/** Table aliases (t0, t1, …) introduced in `text`, each after a table name. */
const aliasesOf = (text: string) => [...text.matchAll(/"[A-Za-z]+" (t\d+)\b/g)].map((match) => match[1]);

describe('SQL of rows rendered whole', () => {
  // plugin-prisma's include for this selection: the relations as loaded, fields in their order.
  const include = { license: true, fields: { orderBy: { position: 'asc' } } };

  it('gives a later statement of the same selection the same row SQL, with fresh aliases for its filter and cursor', async () => {
    const tree = renderedDatasets('title license { name } fields { name type }');
    // A relation filter renders a subquery with an alias of its own; a cursor, one after the row's.
    const [firstRow] = await gateway().db.prisma.dataset.findMany({ orderBy: [{ title: 'asc' }, { id: 'asc' }], take: 1 });
    const cursor = firstRow!.id;
    const args = (spdxId: string) => ({ include, [SELECTED_COLUMNS]: tree, where: { license: { spdxId } }, orderBy: [{ title: 'asc' }], cursor: { id: cursor } });
    const first = compileFindMany('Dataset', args('CC-BY-4.0'));
    const second = compileFindMany('Dataset', args('CC0-1.0'));
    expect(second.text).toBe(first.text);
    expect(second.params).toContain('CC0-1.0');
    for (const text of [first.text, second.text]) {
      const aliases = aliasesOf(text);
      expect(aliases.length).toBe(5); // the row, the filter's subquery, the row's two relations, the cursor's row
      expect(new Set(aliases).size).toBe(aliases.length);
    }
    for (const [compiled, spdxId] of [[first, 'CC-BY-4.0'], [second, 'CC0-1.0']] as const) {
      const rows = (await gateway().db.leanQuery<{ result: any }>(compiled.text, compiled.params)).map((row) => compiled.revive(row.result));
      const expected = await gateway().db.prisma.dataset.count({ where: { license: { spdxId } } }); // the cursor is the first row of all
      expect(rows).toHaveLength(expected);
      for (const row of rows) expect(JSON.parse((row[RENDERED_ROW] as RenderedJson).text)).toEqual({ title: expect.any(String), license: { name: expect.any(String) }, fields: expect.any(Array) });
    }
  });

  it('gives a lookup of one row the same row SQL, and its filter (rendered after the row) a fresh alias', async () => {
    const tree = renderedDatasets('title fields { name }');
    // The filter is rendered after the row, its relation's subquery with the next alias.
    const lookup = (identifier: string) =>
      compileFindUnique('Dataset', { include: { fields: include.fields }, [SELECTED_COLUMNS]: tree, where: { identifier, license: { spdxId: 'CC-BY-4.0' } } });
    const [trees, permits] = [lookup('toaks-street-trees'), lookup('toaks-building-permits')];
    expect(permits.text).toBe(trees.text);
    const aliases = aliasesOf(permits.text);
    expect(aliases.length).toBe(3); // the row, its fields, the filter's subquery
    expect(new Set(aliases).size).toBe(aliases.length);
    const [row] = await gateway().db.leanQuery<{ result: any }>(permits.text, permits.params);
    const rendered = JSON.parse((permits.revive(row!.result)[RENDERED_ROW] as RenderedJson).text);
    expect(rendered.title).toBe('Building Permits');
    expect(rendered.fields.length).toBeGreaterThan(0);
  });
});
