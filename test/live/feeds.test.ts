// Atom feeds of catalog changes: all, per department, per dataset; public datasets only; archivals announced.
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const ADMIN = 'admin@toaks.example';

async function get(path: string) {
  const response = await gateway().yoga.fetch(`http://localhost${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function update(identifier: string, change: 'touch' | 'archive') {
  const { data } = await gateway().request(`query($i: String) { dataset(identifier: $i) { id version } }`, { i: identifier }, await staffHeaders(ADMIN));
  const mutation =
    change === 'archive'
      ? `mutation($id: ID!, $v: Int!) { archiveDataset(id: $id, expectedVersion: $v) { __typename } }`
      : `mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { description: "Feed test" }) { __typename } }`;
  const result = await gateway().request(mutation, { id: data!.dataset.id, v: data!.dataset.version }, await staffHeaders(ADMIN));
  expect(result.errors).toBeUndefined();
}

const entryTitles = (atom: string) => [...atom.matchAll(/<entry>[\s\S]*?<title[^>]*>(?:<!\[CDATA\[)?([^<\]]+)/g)].map((match) => match[1]);

describe('catalog change feeds', () => {
  it('lists public changes newest first, announces archivals, and leaves restricted datasets out', async () => {
    await update('toaks-street-trees', 'touch');
    await update('toaks-traffic-collisions', 'touch');
    await update('toaks-library-branches', 'archive');

    const all = await get('/feeds/catalog.atom');
    expect(all.status).toBe(200);
    expect(all.type).toContain('application/atom+xml');
    const titles = entryTitles(all.text);
    expect(titles[0]).toMatch(/: archived \(retired\)$/);
    expect(titles[1]).toMatch(/: metadata updated$/);
    expect(all.text).not.toContain('toaks-traffic-collisions');

    const library = await get('/feeds/catalog.atom?department=library-services');
    expect(entryTitles(library.text)).toHaveLength(1);
    expect(library.text).toContain('archived (retired)');

    const trees = await get('/datasets/toaks-street-trees/changes.atom');
    expect(entryTitles(trees.text)).toEqual([expect.stringMatching(/metadata updated$/)]);
    expect(trees.text).not.toContain('library');
  });

  it('answers 404 for a restricted dataset or an unknown department', async () => {
    expect((await get('/datasets/toaks-traffic-collisions/changes.atom')).status).toBe(404);
    expect((await get('/feeds/catalog.atom?department=nowhere')).status).toBe(404);
  });
});
