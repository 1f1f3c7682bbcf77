// What the hot public reads cost in SQL statements on the lean path, pinned so that it cannot regress.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const catalogList = /* GraphQL */ `
  query($first: Int!) {
    datasets(first: $first) {
      edges { node { title license { name } steward { name department { name } } publisher { name }
                     contactPoint { fn } distributions { format } fields { name type } recordCount } }
    }
  }
`;
const recordsPage = /* GraphQL */ `
  query($first: Int!) {
    dataset(identifier: "toaks-code-compliance-cases") { records(first: $first) { edges { node { recordId attributes redactedFields geometry } } } }
  }
`;
const oneDataset = '{ dataset(identifier: "toaks-street-trees") { title license { name } steward { name } } }';

describe('SQL statements per hot read', () => {
  it('a nested catalog list is one statement, whatever its size', async () => {
    for (const first of [2, 30]) {
      const { response, statements } = await gateway().measure(catalogList, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data!.datasets.edges.length).toBe(Math.min(first, 12)); // 12 public datasets
      expect(statements).toHaveLength(1);
    }
  });

  it('a records page is two statements (the page, and the redaction facts of its dataset), whatever its size', async () => {
    for (const first of [3, 100]) {
      const { response, statements } = await gateway().measure(recordsPage, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data!.dataset.records.edges).toHaveLength(first);
      expect(response.data!.dataset.records.edges[0].node.redactedFields.length).toBeGreaterThan(0);
      expect(statements).toHaveLength(2);
    }
  });

  it('a records page after a cursor (the deep page of the bench) is two statements too', async () => {
    const first = await gateway().measure(/* GraphQL */ `{ dataset(identifier: "toaks-code-compliance-cases") { records(first: 50) { pageInfo { endCursor } } } }`);
    const after = first.response.data!.dataset.records.pageInfo.endCursor;
    const { response, statements } = await gateway().measure(
      /* GraphQL */ `query($after: String!) { dataset(identifier: "toaks-code-compliance-cases") { records(first: 100, after: $after) { edges { node { recordId attributes geometry } } } } }`,
      { after },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.dataset.records.edges).toHaveLength(100);
    expect(response.data!.dataset.records.edges[0].node.recordId).toBeGreaterThan(0);
    expect(statements).toHaveLength(2);
  });

  it('one dataset with its license and steward is one statement', async () => {
    const { response, statements } = await gateway().measure(oneDataset);
    expect(response.data!.dataset.license.name).toEqual(expect.any(String));
    expect(statements).toHaveLength(1);
  });
});
