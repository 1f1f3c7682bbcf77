// Catalog search (full text, prefixes, relevance) and facet counts: what they find, in which order, for
// whom, and what they cost in SQL statements.
import { beforeAll, describe, expect, it } from 'vitest';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

// Many requests per test: the per-address budgets must not get in the way.
const gateway = useTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000' });

const search = /* GraphQL */ `
  query($filter: DatasetFilter, $orderBy: DatasetOrder, $first: Int, $after: String) {
    datasets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount edges { node { identifier } } pageInfo { hasNextPage endCursor }
    }
  }
`;
const facets = /* GraphQL */ `
  query($filter: DatasetFilter) {
    datasetFacets(filter: $filter, limit: 100) {
      total
      departments { value label count } licenses { value label count } accessLevels { value count }
      themes { value label count } keywords { value label count } formats { value label count }
    }
  }
`;

let headers: Record<string, Record<string, string>>;
beforeAll(async () => {
  const { prisma } = gateway().db;
  headers = {
    anonymous: {},
    partner: await partnerHeaders(prisma, ['datasets:read:toaks-traffic-collisions']),
    steward: await staffHeaders('kevin.ostrowski@toaks.example'),
    admin: await staffHeaders('admin@toaks.example'),
  };
});

async function found(filter: Record<string, unknown>, caller = 'anonymous', orderBy = 'RELEVANCE'): Promise<string[]> {
  const result = await gateway().request(search, { filter, orderBy, first: 100 }, headers[caller]);
  expect(result.errors).toBeUndefined();
  const identifiers = result.data!.datasets.edges.map((edge: any) => edge.node.identifier);
  expect(result.data!.datasets.totalCount).toBe(identifiers.length);
  return identifiers;
}

/** Three datasets that mention one rare word in the title, a keyword or the description only. */
async function addWeightedDatasets(word: string) {
  const { prisma } = gateway().db;
  const template = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
  const base = {
    keywords: [] as string[], themes: [], references: [], modified: new Date('2026-01-01T00:00:00Z'),
    publisherId: template.publisherId, stewardId: template.stewardId, licenseId: template.licenseId,
  };
  await prisma.dataset.createMany({
    data: [
      { ...base, identifier: `${word}-in-description`, title: 'Aaa first by title', description: `Mentions ${word} once.` },
      { ...base, identifier: `${word}-in-keywords`, title: 'Bbb second by title', description: 'Nothing here.', keywords: [word] },
      { ...base, identifier: `${word}-in-title`, title: `Ccc ${word} register`, description: 'Nothing here.' },
    ],
  });
}

describe('full-text search', () => {
  it('matches words by prefix and by their English forms', async () => {
    expect(await found({ search: 'perm' })).toEqual(['toaks-building-permits']);
    expect(await found({ search: 'permit' })).toEqual(['toaks-building-permits']);
    expect(await found({ search: 'Inspection' })).toContain('toaks-building-permits'); // keyword "inspections"
    expect(await found({ search: 'playgr' })).toEqual(['toaks-parks-facilities']);
  });

  it('understands web-search syntax: phrases, or, -exclusions', async () => {
    expect(await found({ search: '"street trees"' })).toEqual(['toaks-street-trees']);
    expect(await found({ search: 'trees' })).toContain('toaks-street-trees');
    expect(await found({ search: 'trees -oak' })).not.toContain('toaks-street-trees');
    const either = await found({ search: 'playgrounds or arborist' }, 'anonymous', 'TITLE_ASC');
    expect(either).toEqual(['toaks-parks-facilities', 'toaks-street-trees']);
  });

  it('treats punctuation and operators in the text as words, never as errors', async () => {
    for (const text of ["o'brien's", '100%_', '& | ! :* ( )', '\\', '""', '-']) {
      const result = await gateway().request(search, { filter: { search: text }, first: 5 });
      expect(result.errors).toBeUndefined();
    }
    // A blank search filters nothing.
    expect(await found({ search: '   ' })).toEqual(await found({}));
  });

  it('orders by relevance: title above keywords above description, ties by title', async () => {
    await addWeightedDatasets('zephyrine');
    expect(await found({ search: 'zephyr' })).toEqual(['zephyrine-in-title', 'zephyrine-in-keywords', 'zephyrine-in-description']);
    // By title, the same three come in the opposite order: the order above is the ranking's, not the title's.
    expect(await found({ search: 'zephyr' }, 'anonymous', 'TITLE_ASC')).toEqual(['zephyrine-in-description', 'zephyrine-in-keywords', 'zephyrine-in-title']);
    const { prisma } = gateway().db;
    await prisma.dataset.update({ where: { identifier: 'zephyrine-in-keywords' }, data: { keywords: [], description: 'Mentions zephyrine once.' } });
    // Equal ranks: by title, and stable across pages.
    expect(await found({ search: 'zephyrine' })).toEqual(['zephyrine-in-title', 'zephyrine-in-description', 'zephyrine-in-keywords']);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await gateway().request(search, { filter: { search: 'zephyrine' }, orderBy: 'RELEVANCE', first: 1, after });
      paged.push(...result.data.datasets.edges.map((edge: any) => edge.node.identifier));
      after = result.data.datasets.pageInfo.hasNextPage ? result.data.datasets.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(['zephyrine-in-title', 'zephyrine-in-description', 'zephyrine-in-keywords']);
  });

  it('follows edits: the search document is kept by the database', async () => {
    const { prisma } = gateway().db;
    await prisma.dataset.update({ where: { identifier: 'toaks-streetlights' }, data: { description: 'Includes quasarlamp fixtures.' } });
    expect(await found({ search: 'quasarl' })).toEqual(['toaks-streetlights']);
  });

  it('answers each search by its own words when the same statements run again and again (prepared, then generic plans)', async () => {
    const expected: [string, string[]][] = [
      ['perm', ['toaks-building-permits']],
      ['playgr', ['toaks-parks-facilities']],
      ['"street trees"', ['toaks-street-trees']],
    ];
    // PostgreSQL plans a prepared statement for its values five times, then may keep one plan for any value.
    for (let round = 0; round < 8; round++) {
      for (const [text, identifiers] of expected) {
        expect(await found({ search: text })).toEqual(identifiers);
        expect(await facetTotal({ search: text }, 'anonymous')).toBe(identifiers.length);
      }
    }
    expect(await found({ search: 'collisi' })).toEqual([]);
    expect(await found({ search: 'collisi' }, 'partner')).toEqual(['toaks-traffic-collisions']);
  });

  it('never finds what the caller may not see', async () => {
    expect(await found({ search: 'collisi' })).toEqual([]);
    expect(await found({ search: 'collisi' }, 'partner')).toEqual(['toaks-traffic-collisions']);
    expect(await found({ search: 'complainant contacts' })).toEqual([]);
    expect(await found({ search: 'complainant contacts' }, 'steward')).toEqual(['toaks-code-enforcement-complainants']);
    const { prisma } = gateway().db;
    await prisma.dataset.update({ where: { identifier: 'toaks-library-branches' }, data: { archivedAt: new Date() } });
    try {
      expect(await found({ search: 'library' })).toEqual([]);
      expect(await found({ search: 'library' }, 'steward')).toEqual([]);
      expect(await facetTotal({ search: 'library' }, 'steward')).toBe(0);
    } finally {
      await prisma.dataset.update({ where: { identifier: 'toaks-library-branches' }, data: { archivedAt: null } });
    }
  });
});

describe('new filters', () => {
  it('by distribution format (ignoring case), steward and modified range', async () => {
    const geo = await found({ format: 'geojson' }, 'anonymous', 'TITLE_ASC');
    expect(geo.length).toBeGreaterThan(0);
    expect(geo).toEqual(await found({ format: 'GeoJSON' }, 'anonymous', 'TITLE_ASC'));
    expect(geo.length).toBeLessThan(await found({ format: 'CSV' }, 'anonymous', 'TITLE_ASC').then((all) => all.length));

    const { prisma } = gateway().db;
    const steward = await prisma.steward.findUniqueOrThrow({ where: { email: 'daniel.whitfield@toaks.example' }, include: { datasets: true } });
    const stewardId = Buffer.from(`Steward:${steward.id}`).toString('base64');
    expect((await found({ steward: stewardId }, 'anonymous', 'TITLE_ASC')).sort()).toEqual(
      steward.datasets.filter((d) => d.accessLevel === 'PUBLIC' && !d.archivedAt).map((d) => d.identifier).sort(),
    );

    const dates = (await prisma.dataset.findMany({ where: { accessLevel: 'PUBLIC' }, select: { modified: true } })).map((d) => d.modified.getTime()).sort();
    const middle = new Date(dates[Math.floor(dates.length / 2)]!);
    const from = await found({ modifiedFrom: middle.toISOString() }, 'anonymous', 'TITLE_ASC');
    const to = await found({ modifiedTo: middle.toISOString() }, 'anonymous', 'TITLE_ASC');
    expect(from.length).toBe(dates.filter((d) => d >= middle.getTime()).length);
    expect(to.length).toBe(dates.filter((d) => d <= middle.getTime()).length);
    expect(await found({ modifiedFrom: middle.toISOString(), modifiedTo: middle.toISOString() }, 'anonymous', 'TITLE_ASC')).toEqual(
      from.filter((id) => to.includes(id)),
    );
  });
});

async function facetTotal(filter: Record<string, unknown>, caller: string): Promise<number> {
  const result = await gateway().request(facets, { filter }, headers[caller]);
  expect(result.errors).toBeUndefined();
  return result.data!.datasetFacets.total;
}

/** The filter that selecting a facet's value gives: that facet set to the value, the others kept. */
const facetFilter: Record<string, string> = {
  departments: 'department', licenses: 'license', accessLevels: 'accessLevel', themes: 'theme', keywords: 'keyword', formats: 'format',
};

describe('facets', () => {
  it.each([
    ['anonymous', {}],
    ['anonymous', { theme: 'Transportation', format: 'geojson' }],
    ['admin', { department: 'public-works', search: 'street' }],
    ['steward', { accessLevel: 'NON_PUBLIC', keyword: 'code enforcement' }],
    ['partner', { theme: 'Public Safety', license: 'CC-BY-4.0' }],
  ])('each count is what selecting that value gives, with the other filters applied (%s, %j)', async (caller, filter) => {
    const result = await gateway().request(facets, { filter }, headers[caller]);
    expect(result.errors).toBeUndefined();
    const counts = result.data!.datasetFacets;
    expect(counts.total).toBe((await found(filter, caller)).length);
    let checked = 0;
    for (const [field, key] of Object.entries(facetFilter)) {
      expect(counts[field].length).toBeGreaterThan(0);
      for (const { value, count } of counts[field]) {
        expect((await found({ ...filter, [key]: value }, caller)).length, `${field} ${value}`).toBe(count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('leaves a facet\'s own filter out of its counts, and applies it to the others', async () => {
    const all = (await gateway().request(facets, { filter: {} })).data!.datasetFacets;
    const works = (await gateway().request(facets, { filter: { department: 'public-works' } })).data!.datasetFacets;
    expect(works.departments).toEqual(all.departments); // every department stays on offer
    expect(works.total).toBe(all.departments.find((d: any) => d.value === 'public-works').count);
    expect(works.total).toBeLessThan(all.total);
    expect(works.themes.reduce((sum: number, t: any) => sum + t.count, 0)).toBeLessThan(all.themes.reduce((sum: number, t: any) => sum + t.count, 0));
  });

  it('counts only what the caller may see', async () => {
    const levels = async (caller: string) =>
      Object.fromEntries((await gateway().request(facets, {}, headers[caller])).data!.datasetFacets.accessLevels.map((l: any) => [l.value, l.count]));
    const PUBLIC = await gateway().db.prisma.dataset.count({ where: { accessLevel: 'PUBLIC', archivedAt: null } });
    expect(PUBLIC).toBeGreaterThanOrEqual(12);
    expect(await levels('anonymous')).toEqual({ PUBLIC });
    expect(await levels('partner')).toEqual({ PUBLIC, RESTRICTED_PUBLIC: 1 });
    expect(await levels('steward')).toEqual({ PUBLIC, RESTRICTED_PUBLIC: 1, NON_PUBLIC: 1 });
    const anonymous = (await gateway().request(facets, { filter: { search: 'collisions' } })).data!.datasetFacets;
    expect(anonymous.total).toBe(0);
    expect(anonymous.keywords).toEqual([]);
    expect(anonymous.themes).toEqual([]);
  });

  it('refuses a limit above the maximum, stating it', async () => {
    const result = await gateway().request('{ datasetFacets(limit: 101) { total } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/100/);
  });
});

describe('SQL statements', () => {
  const page = /* GraphQL */ `
    query($filter: DatasetFilter) {
      datasets(first: 20, filter: $filter, orderBy: RELEVANCE) { totalCount edges { node { title license { name } distributions { format } } } }
      datasetFacets(filter: $filter) { total departments { value count } licenses { value count } accessLevels { value count }
                                       themes { value count } keywords { value count } formats { value count } }
    }
  `;

  it('search results and facets in one request cost one statement (the count is the facets\' total), however many datasets there are', async () => {
    const filter = { search: 'data', theme: 'Transportation', format: 'csv' };
    const before = await gateway().measure(page, { filter });
    expect(before.response.errors).toBeUndefined();
    expect(before.statements).toHaveLength(1);

    const { prisma } = gateway().db;
    const template = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-pavement-condition' } });
    for (let i = 0; i < 40; i++) {
      await prisma.dataset.create({
        data: {
          identifier: `bulk-transport-data-${i}`, title: `Transport data ${i}`, description: 'More data.', keywords: [`kw ${i}`],
          themes: ['Transportation'], references: [], modified: new Date(), publisherId: template.publisherId,
          stewardId: template.stewardId, licenseId: template.licenseId,
          distributions: { create: [{ format: 'CSV', position: 0 }] },
        },
      });
    }
    const after = await gateway().measure(page, { filter });
    expect(after.response.data!.datasetFacets.total).toBe(before.response.data!.datasetFacets.total + 40);
    expect(after.response.data!.datasets.totalCount).toBe(after.response.data!.datasetFacets.total);
    expect(after.statements).toHaveLength(1);
  });

  it('the page and the facets read together answer as each read alone', async () => {
    const onlyList = page.replace(/datasetFacets\([^)]*\) \{[^]*\}\s*\}\s*$/, '}');
    const onlyFacets = page.replace(/datasets\(first[^\n]*\n/, '');
    expect(onlyList).not.toContain('datasetFacets');
    expect(onlyFacets).not.toContain('edges');
    for (const filter of [{ search: 'street tree' }, { search: 'data', format: 'csv' }, {}, { theme: 'Transportation', accessLevel: 'PUBLIC' }]) {
      for (const caller of ['anonymous', 'admin']) {
        const together = await gateway().measure(page, { filter }, headers[caller]);
        expect(together.response.errors).toBeUndefined();
        // A staff caller's token costs its own statements (the account); the catalog's part is one.
        expect(together.statements.filter((text: string) => text.includes('"Dataset"'))).toHaveLength(1);
        if (caller === 'anonymous') expect(together.statements).toHaveLength(1);
        const list = await gateway().request(onlyList, { filter }, headers[caller]);
        const facetsAlone = await gateway().request(onlyFacets, { filter }, headers[caller]);
        expect(together.response.data!.datasets.edges.length).toBeGreaterThan(0);
        expect(together.response.data!.datasets).toEqual(list.data!.datasets);
        expect(together.response.data!.datasetFacets).toEqual(facetsAlone.data!.datasetFacets);
      }
    }
  });

  it('a count of another filter than the facets\' is its own statement', async () => {
    const query = `query($a: DatasetFilter, $b: DatasetFilter) {
      datasets(first: 5, filter: $a, orderBy: RELEVANCE) { totalCount edges { node { identifier } } }
      datasetFacets(filter: $b) { total }
    }`;
    const { response, statements } = await gateway().measure(query, { a: { search: 'street' }, b: { search: 'code' } });
    expect(statements).toHaveLength(3);
    expect(response.data!.datasets.totalCount).toBe((await found({ search: 'street' })).length);
    expect(response.data!.datasetFacets.total).toBe((await found({ search: 'code' })).length);
    expect(response.data!.datasets.totalCount).not.toBe(response.data!.datasetFacets.total);
  });
});
