// The keyword filter: a dataset matches when one of its keywords is the term or contains it as a whole
// word, ignoring case, in the one SQL statement of the list.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const byKeyword = 'query($k: String) { datasets(first: 50, filter: { keyword: $k }) { edges { node { identifier } } } }';

async function identifiers(keyword: string): Promise<string[]> {
  const result = await gateway().request(byKeyword, { k: keyword });
  expect(result.errors).toBeUndefined();
  return result.data!.datasets.edges.map((edge: any) => edge.node.identifier);
}

describe('keyword filter', () => {
  it('matches a whole word inside a keyword ("trees" in "street trees")', async () => {
    expect(await identifiers('trees')).toContain('toaks-street-trees');
  });

  it('matches a whole keyword, ignoring case and surrounding space', async () => {
    expect(await identifiers('Street Trees')).toEqual(['toaks-street-trees']);
    expect(await identifiers('  urban   FOREST ')).toEqual(['toaks-street-trees']);
    expect(await identifiers('led')).toEqual(['toaks-streetlights']); // seeded as "LED"
  });

  it('does not match part of a word or words of different keywords', async () => {
    expect(await identifiers('tree')).toEqual([]);
    expect(await identifiers('trees urban')).toEqual([]);
  });

  it('follows keyword changes (the terms are computed by the database)', async () => {
    const { prisma } = gateway().db;
    await prisma.dataset.update({ where: { identifier: 'toaks-streetlights' }, data: { keywords: { push: 'Night Sky' } } });
    expect(await identifiers('sky')).toEqual(['toaks-streetlights']);
  });

  it('costs one SQL statement', async () => {
    const { response, statements } = await gateway().measure(byKeyword, { k: 'trees' });
    expect(response.data!.datasets.edges.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
  });
});
