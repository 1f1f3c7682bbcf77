// nodes(ids:) is capped and charged per id in query complexity.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const strict = useTestGateway({ MAX_COMPLEXITY: '50' });

const datasetIds = (count: number) =>
  Array.from({ length: count }, (_, i) => Buffer.from(`Dataset:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`).toString('base64'));
const nodes = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

describe('nodes(ids:)', () => {
  it('refuses more than 100 ids with a typed error naming the cap, before any lookup', async () => {
    const { response, statements } = await gateway().measure(nodes, { ids: datasetIds(101) });
    expect(response.errors![0]!.extensions!.code).toBe('VALIDATION_FAILED');
    expect(response.errors![0]!.message).toMatch(/at most 100 ids/i);
    expect(statements).toEqual([]);
    const accepted = await gateway().request(nodes, { ids: datasetIds(100) });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.nodes).toHaveLength(100);
  });

  it('costs its selection once per id', async () => {
    expect((await strict().request(nodes, { ids: datasetIds(10) })).errors).toBeUndefined();
    const costly = await strict().request(nodes, { ids: datasetIds(60) });
    expect(costly.errors![0]!.message).toMatch(/complexity/i);
  });
});
