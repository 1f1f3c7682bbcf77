// A records page whose edges PostgreSQL renders as the response's JSON (src/records/rendered-page.ts) must
// answer exactly as the same page executed row by row: same records, same redaction for each kind of caller,
// same pageInfo and cursors, in both paging directions. Selecting `cursor` on the edges makes the executor
// build them (cursors are encoded in JavaScript), which gives the executed answer to compare with.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const DATASET = 'toaks-code-compliance-cases'; // public, with personal fields
const callers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  callers.anonymous = {};
  callers.steward = await staffHeaders('kevin.ostrowski@toaks.example');
  callers.admin = await staffHeaders('admin@toaks.example');
});

const page = (paging: string, node: string, withCursor: boolean) => `{
  dataset(identifier: "${DATASET}") {
    records(${paging}) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { ${withCursor ? 'cursor ' : ''}__typename node { ${node} } }
    }
  }
}`;

const nodes = [
  'recordId attributes geometry',
  '__typename recordId a: attributes redactedFields createdAt updatedAt changeSequence geometry recordId',
];

async function renderedAndExecuted(paging: string, node: string, headers: Record<string, string>) {
  const rendered = await gateway().measure(page(paging, node, false), undefined, headers);
  const executed = await gateway().measure(page(paging, node, true), undefined, headers);
  expect(rendered.response.errors).toBeUndefined();
  expect(executed.response.errors).toBeUndefined();
  // The rendered statement returns the edges as text; the executed one returns rows.
  expect(rendered.statements.some((text) => text.includes(' AS edges'))).toBe(true);
  expect(executed.statements.some((text) => text.includes(' AS edges'))).toBe(false);
  const records = executed.response.data!.dataset.records;
  for (const edge of records.edges) delete edge.cursor;
  expect(rendered.response.data!.dataset.records).toEqual(records);
  return records;
}

describe.each(['anonymous', 'steward', 'admin'])('a rendered records page answers as an executed one for %s', (caller) => {
  it('first pages, pages after and before a cursor, the last page and an empty one', async () => {
    const headers = callers[caller]!;
    for (const node of nodes) {
      const first = await renderedAndExecuted('first: 25', node, headers);
      expect(first.edges).toHaveLength(25);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const { endCursor } = first.pageInfo;
      const next = await renderedAndExecuted(`first: 10, after: "${endCursor}"`, node, headers);
      expect(next.pageInfo.hasPreviousPage).toBe(true);
      await renderedAndExecuted(`last: 7, before: "${endCursor}"`, node, headers);
      await renderedAndExecuted('last: 3', node, headers);
      await renderedAndExecuted('first: 5, orderBy: [{ field: "case_number", direction: DESC }]', node, headers);
      const none = await renderedAndExecuted('first: 5, filter: { field: "case_number", eq: "no such case" }', node, headers);
      expect(none.edges).toEqual([]);
      expect(none.pageInfo.startCursor).toBeNull();
    }
  });
});

it('redacts personal fields in rendered pages for those who may not see them', async () => {
  const query = page('first: 3', 'attributes redactedFields', false);
  const anonymous = await gateway().request(query);
  const steward = await gateway().request(query, undefined, callers.steward);
  const anonymousNode = anonymous.data!.dataset.records.edges[0].node;
  expect(anonymousNode.redactedFields).toContain('complainant_name');
  expect(anonymousNode.attributes.complainant_name).toBeNull();
  expect(steward.data!.dataset.records.edges[0].node.attributes.complainant_name).toEqual(expect.any(String));
});

it('executes the edges when the selection needs resolvers: attributes(only:), the Relay id, or edges under two aliases', async () => {
  for (const query of [
    page('first: 2', 'attributes(only: ["status"])', false),
    page('first: 2', 'id recordId', false),
    `{ dataset(identifier: "${DATASET}") { records(first: 2) { a: edges { node { recordId } } b: edges { node { recordId } } } } }`,
  ]) {
    const { response: result, statements } = await gateway().measure(query);
    expect(result.errors).toBeUndefined();
    expect(statements.some((text) => text.includes(' AS edges'))).toBe(false);
  }
});
