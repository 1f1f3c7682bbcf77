// GET /data.json over real HTTP: valid DCAT-US 1.1, only what the public may know of, cacheable.
import { describe, expect, it } from 'vitest';
import { AccessLevel } from '../../src/generated/prisma/enums.js';
import { dcatCatalogValidator } from '../support/dcat-schema.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();
const getDataJson = (headers: Record<string, string> = {}) => fetch(`${server().url}/data.json`, { headers });
const measured = <T>(work: () => Promise<T>) => server().db.statements.measure(work);

describe('GET /data.json', () => {
  it('validates against the DCAT-US 1.1 catalog schema', async () => {
    const response = await getDataJson();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const catalog = await response.json();
    const validate = dcatCatalogValidator();
    expect(validate(catalog), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The validator is not vacuous: a DCAT-US violation fails it.
    expect(validate({ ...catalog, dataset: [{ ...catalog.dataset[0], accessLevel: 'secret' }] })).toBe(false);
    expect(catalog.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema');
    expect(catalog.dataset.length).toBeGreaterThan(5);
  });

  it('lists public and restricted datasets (with rights), never non-public ones or steward addresses', async () => {
    const { prisma } = server().db;
    const datasets = await prisma.dataset.findMany({ include: { publisher: true, steward: true, license: true, distributions: true } });
    const { dataset: entries } = await (await getDataJson()).json();
    const byIdentifier = new Map(entries.map((entry: any) => [entry.identifier, entry]));
    expect(entries).toHaveLength(datasets.filter((d) => d.accessLevel !== AccessLevel.NON_PUBLIC).length);
    for (const dataset of datasets) {
      const entry: any = byIdentifier.get(dataset.identifier);
      if (dataset.accessLevel === AccessLevel.NON_PUBLIC) {
        expect(entry).toBeUndefined();
        continue;
      }
      expect(entry.publisher.name).toBe(dataset.publisher.name);
      expect(entry.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: dataset.steward.name, hasEmail: `mailto:${dataset.publisher.email}` });
      expect(entry.modified).toBe(dataset.modified.toISOString().replace('.000Z', 'Z'));
      expect(entry.distribution).toHaveLength(dataset.distributions.length);
      expect(entry.keyword).toEqual(dataset.keywords);
      expect(entry.accrualPeriodicity).toBe(dataset.accrualPeriodicity);
      if (dataset.license.specified) expect(entry.license).toBe(dataset.license.url);
      else expect(entry).not.toHaveProperty('license');
      if (dataset.accessLevel === AccessLevel.RESTRICTED_PUBLIC) {
        expect(entry.accessLevel).toBe('restricted public');
        expect(entry.rights).toBe(dataset.rights);
      }
    }
    const stewards = await prisma.steward.findMany();
    const text = JSON.stringify(entries);
    for (const steward of stewards) expect(text).not.toContain(steward.email);
    expect(entries.some((entry: any) => entry.accessLevel === 'restricted public')).toBe(true);
    expect(entries.some((entry: any) => !('license' in entry))).toBe(true);
  });

  it('answers a conditional request with 304 after one SQL statement, and a new ETag once the catalog changes', async () => {
    const first = await measured(() => getDataJson());
    expect(first.statements.length).toBeLessThanOrEqual(2);
    const etag = first.result.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.result.headers.get('cache-control')).toContain('public');

    const again = await measured(() => getDataJson({ 'if-none-match': etag }));
    expect(again.result.status).toBe(304);
    expect(again.statements).toHaveLength(1);

    const { prisma } = server().db;
    const target = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: AccessLevel.PUBLIC }, orderBy: { identifier: 'asc' } });
    await prisma.dataset.update({ where: { id: target.id }, data: { title: `${target.title} (revised)` } });
    const changed = await getDataJson({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const entry = (await changed.json()).dataset.find((e: any) => e.identifier === target.identifier);
    expect(entry.title).toBe(`${target.title} (revised)`);
  });

  it('answers HEAD with the same validators and no body', async () => {
    const head = await fetch(`${server().url}/data.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe((await getDataJson()).headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('omits archived datasets', async () => {
    const { prisma } = server().db;
    const target = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: AccessLevel.PUBLIC }, orderBy: { identifier: 'desc' } });
    await prisma.dataset.update({ where: { id: target.id }, data: { archivedAt: new Date() } });
    const { dataset: entries } = await (await getDataJson()).json();
    expect(entries.map((entry: any) => entry.identifier)).not.toContain(target.identifier);
    await prisma.dataset.update({ where: { id: target.id }, data: { archivedAt: null } });
  });
});
