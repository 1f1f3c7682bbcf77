// Harvesting DCAT-US 1.1 catalogs: the official examples from a file, a generated 2,000-entry catalog over
// HTTP through the admin mutation, and every way a source can fail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { runHarvestCommand } from '../../src/catalog/harvest/command.js';
import { importCatalog } from '../../src/catalog/harvest/import.js';
import { formatReport } from '../../src/catalog/harvest/report.js';
import { CatalogSourceError, readCatalog } from '../../src/catalog/harvest/source.js';
import { dcatCatalogValidator, dcatFolder } from '../support/dcat-schema.js';
import { CatalogServer, catalogOf, generatedEntry } from '../support/dcat-catalog.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const upstream = new CatalogServer();
const system = { kind: 'system', label: 'harvest test' } as const;
const limits = { maxBytes: 10_000_000, timeoutMs: 10_000 };
const config = loadConfig({ NODE_ENV: 'test' });
const bearer = async (email: string) => ({ authorization: `Bearer ${await signStaffToken(config.jwt, email)}` });

beforeAll(() => upstream.start());
afterAll(() => upstream.stop());

const harvestMutation = /* GraphQL */ `
  mutation($url: String!) {
    harvestCatalog(url: $url) {
      __typename
      ... on HarvestReport { source created updated unchanged archived invalid { index identifier problems { path message } } }
      ... on CatalogSourceError { reason code message }
      ... on ValidationError { problems { path message } }
      ... on ConflictError { message }
    }
  }
`;

async function harvestAsAdmin(url: string) {
  const response = await gateway().request(harvestMutation, { url }, await bearer('admin@toaks.example'));
  expect(response.errors).toBeUndefined();
  return response.data!.harvestCatalog;
}

describe('harvest of the DCAT-US examples', () => {
  const example = (name: string) => readCatalog(`${dcatFolder}examples/${name}`, limits, { allowFiles: true });

  it('creates datasets with their department, steward, license, distributions and provenance', async () => {
    const { prisma } = gateway().db;
    const progress: [number, number][] = [];
    const document = await example('catalog-sample-extended.json');
    const report = await importCatalog(prisma, system, document, { onProgress: (done, total) => progress.push([done, total]) });
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, archived: 0, invalid: [] });
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(formatReport(report, 1.5)).toMatch(/created +3\n {2}updated +0\n {2}unchanged +0\n {2}archived +0\n {2}invalid +0/);

    const widgets = await prisma.dataset.findUniqueOrThrow({
      where: { identifier: 'http://dx.doi.org/10.7927/H4PZ56R2' },
      include: { publisher: true, steward: true, license: true, distributions: { orderBy: { position: 'asc' } } },
    });
    expect(widgets.publisher).toMatchObject({ name: 'Widget Services', slug: 'widget-services' });
    expect(widgets.steward).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@agency.gov', departmentId: widgets.publisherId });
    expect(widgets.license.spdxId).toBe('CC0-1.0'); // http://…/zero/1.0/ matches the seeded https URL
    expect(widgets.distributions.map((d) => d.format)).toEqual(['CSV', 'Zipped CSV', 'JSON', 'API']);
    expect(widgets.distributions[3]!.accessURL).toBe('https://data.agency.gov/api/widgets-statistics/');
    expect(widgets).toMatchObject({
      accessLevel: 'PUBLIC',
      accrualPeriodicity: 'R/P1Y',
      keywords: ['widget', 'manufacturing', 'factory'],
      landingPage: 'http://agency.gov/widgets/data',
      harvestSource: document.source,
      upstreamModified: '2011-11-19T12:00:00Z',
      version: 1,
    });
    expect(document.source).toMatch(/^file:\/\/.*catalog-sample-extended\.json$/);
    expect(widgets.issued?.toISOString()).toBe('2011-11-22T00:00:00.000Z');
    expect(widgets.modified.toISOString()).toBe('2011-11-19T12:00:00.000Z');
    expect(widgets.harvestedAt).toBeInstanceOf(Date);
    const unknownLicense = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'http://dx.doi.org/10.7927/H4K64G12' }, include: { license: true } });
    expect(unknownLicense.license.specified).toBe(false);

    const audits = await prisma.auditEvent.findMany({ where: { actorType: 'system', action: { in: ['department.create', 'steward.create', 'dataset.harvest.create'] } } });
    expect(audits.filter((a) => a.action === 'dataset.harvest.create')).toHaveLength(3);
    expect(audits.filter((a) => a.action === 'department.create')).toHaveLength(2);
    expect(audits.filter((a) => a.action === 'steward.create')).toHaveLength(2);
    expect(await prisma.changeEvent.count({ where: { topic: 'dataset', datasetId: widgets.id, operation: 'CREATED' } })).toBe(1);
  });

  it('matches entries by identifier and stewards by e-mail, deriving formats that the entries leave out', async () => {
    const { prisma } = gateway().db;
    const report = await importCatalog(prisma, system, await example('catalog-sample.json'));
    expect(report).toMatchObject({ created: 1, updated: 2, unchanged: 0, archived: 0, invalid: [] });
    expect(await prisma.steward.count({ where: { email: 'jane.doe@agency.gov' } })).toBe(1);
    const created = await prisma.dataset.findUniqueOrThrow({
      where: { identifier: 'http://dx.doi.org/10.7927/H45X26V8' },
      include: { distributions: { orderBy: { position: 'asc' } } },
    });
    expect(created.distributions.map((d) => d.format)).toEqual(['CSV', 'ZIP', 'JSON', 'API']);
    const moved = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'http://dx.doi.org/10.7927/H4K64G12' } });
    expect(moved).toMatchObject({ version: 2, accrualPeriodicity: null });
    expect(moved.harvestSource).toMatch(/catalog-sample\.json$/);
  });

  it('publishes what it harvested as valid DCAT-US again in /data.json', async () => {
    const catalog = await (await gateway().yoga.fetch('http://localhost/data.json')).json();
    const validate = dcatCatalogValidator();
    expect(validate(catalog), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const widgets = catalog.dataset.find((entry: any) => entry.identifier === 'http://dx.doi.org/10.7927/H4PZ56R2');
    expect(widgets).toMatchObject({ license: 'https://creativecommons.org/publicdomain/zero/1.0/', issued: '2011-11-22', accrualPeriodicity: 'R/P1Y' });
    expect(widgets.distribution).toHaveLength(4);
  });
});

describe('harvest of a 2,000-entry catalog over HTTP (admin mutation)', () => {
  const entries = Array.from({ length: 2000 }, (_, n) => generatedEntry(n));
  const path = '/portal/data.json';
  const url = () => `${upstream.url}${path}`;

  it('creates every entry once, with audit and change events', async () => {
    const { prisma } = gateway().db;
    upstream.routes.set(path, catalogOf(entries));
    const started = performance.now();
    const report = await harvestAsAdmin(url());
    console.log(`[harvest] 2,000 entries on ${gateway().db.kind}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(report).toEqual({
      __typename: 'HarvestReport',
      source: url(),
      created: 2000,
      updated: 0,
      unchanged: 0,
      archived: 0,
      invalid: [],
    });
    expect(await prisma.dataset.count({ where: { harvestSource: url(), version: 1, archivedAt: null } })).toBe(2000);
    expect(await prisma.distribution.count({ where: { dataset: { harvestSource: url() } } })).toBe(4000);
    expect(await prisma.department.count({ where: { name: { startsWith: 'Upstream Department' } } })).toBe(20);
    expect(await prisma.steward.count({ where: { email: { endsWith: '@upstream.example' } } })).toBe(50);
    expect(await prisma.auditEvent.count({ where: { action: 'dataset.harvest.create', actorType: 'staff' } })).toBe(2000);
    const ids = (await prisma.dataset.findMany({ where: { harvestSource: url() }, select: { id: true } })).map((d) => d.id);
    expect(await prisma.changeEvent.count({ where: { topic: 'dataset', operation: 'CREATED', datasetId: { in: ids } } })).toBe(2000);
  });

  it('changes nothing when run again: every entry unchanged, no writes but the audit row of the run', async () => {
    const { result: report, statements } = await gateway().db.statements.measure(() => harvestAsAdmin(url()));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2000, archived: 0, invalid: [] });
    const writes = statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\s*INSERT INTO "public"\."AuditEvent"/);
    expect(await gateway().db.prisma.dataset.count({ where: { harvestSource: url(), version: { not: 1 } } })).toBe(0);
  });

  it('archives entries gone upstream, updates changed ones and skips invalid ones with reasons', async () => {
    const { prisma } = gateway().db;
    const [removed, broken, changed, kept] = [entries.slice(0, 10), entries.slice(10, 13), entries.slice(13, 18), entries.slice(18)];
    const [noEmail, badUrl, noRights] = broken.map((entry) => structuredClone(entry));
    noEmail!.contactPoint = { fn: 'Nobody' };
    badUrl!.distribution[0].downloadURL = 'not a url';
    Object.assign(noRights!, { accessLevel: 'non-public', rights: undefined });
    upstream.routes.set(path, catalogOf([noEmail, badUrl, noRights, ...changed.map((e) => ({ ...e, title: `${e.title} (revised)` })), ...kept]));

    const count = () =>
      Promise.all([
        prisma.auditEvent.count({ where: { action: 'dataset.harvest.archive' } }),
        prisma.auditEvent.count({ where: { action: 'dataset.harvest.update' } }),
        prisma.changeEvent.count({ where: { topic: 'dataset', operation: 'UPDATED' } }),
      ]);
    const before = await count();
    const report = await harvestAsAdmin(url());
    expect(report).toMatchObject({ created: 0, updated: 5, unchanged: kept.length, archived: 10 });
    const after = await count();
    expect(after.map((n, i) => n - before[i]!)).toEqual([10, 5, 15]);
    expect(report.invalid.map((entry: any) => [entry.index, entry.identifier, entry.problems.map((p: any) => p.path.join('.'))])).toEqual([
      [0, broken[0]!.identifier, ['dataset.0.contactPoint.hasEmail']],
      [1, broken[1]!.identifier, ['dataset.1.distribution.0.downloadURL']],
      [2, broken[2]!.identifier, ['dataset.2.rights']],
    ]);

    const byIdentifier = async (list: Record<string, any>[]) =>
      prisma.dataset.findMany({ where: { identifier: { in: list.map((e) => e.identifier) } }, orderBy: { identifier: 'asc' } });
    for (const dataset of await byIdentifier(removed)) expect(dataset).toMatchObject({ archivedAt: expect.any(Date), version: 2 });
    for (const dataset of await byIdentifier(broken)) expect(dataset).toMatchObject({ archivedAt: null, version: 1 });
    for (const dataset of await byIdentifier(changed)) expect(dataset).toMatchObject({ title: expect.stringMatching(/\(revised\)$/), version: 2 });

    // Archived datasets are gone for the public, and still there for admins.
    const lookup = 'query($i: String) { dataset(identifier: $i) { identifier } }';
    expect((await gateway().request(lookup, { i: removed[0]!.identifier })).data!.dataset).toBeNull();
    const admin = await gateway().request(lookup, { i: removed[0]!.identifier }, await bearer('admin@toaks.example'));
    expect(admin.data!.dataset).toEqual({ identifier: removed[0]!.identifier });
  });

  it('restores an archived entry that comes back upstream', async () => {
    upstream.routes.set(path, catalogOf(entries));
    const report = await harvestAsAdmin(url());
    // 10 restored and 5 revised back; the 3 entries that were invalid last time were left as they were.
    expect(report).toMatchObject({ created: 0, updated: 15, unchanged: 1985, archived: 0, invalid: [] });
    expect(await gateway().db.prisma.dataset.count({ where: { harvestSource: url(), archivedAt: null } })).toBe(2000);
  });
});

describe('harvest failures', () => {
  it('refuses a second harvest of a source while the first runs, as a ConflictError', async () => {
    const document = { source: 'https://concurrent.example/data.json', datasets: [generatedEntry(90_001), generatedEntry(90_002)] };
    const [first, second] = await Promise.allSettled([
      importCatalog(gateway().db.prisma, system, document),
      importCatalog(gateway().db.prisma, system, document),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { created: 2 } });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
    expect(await gateway().db.prisma.dataset.count({ where: { harvestSource: document.source } })).toBe(2);
  });

  it('checks authorization before input', async () => {
    const anonymous = await gateway().request(harvestMutation, { url: 'ftp://nowhere' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const steward = await gateway().request(harvestMutation, { url: 'ftp://nowhere' }, await bearer('maria.delgado@toaks.example'));
    expect(steward.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a URL that is not http(s) as a ValidationError', async () => {
    const result = await harvestAsAdmin('file:///etc/passwd');
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['url'] }] });
  });

  it.each([
    ['/failing', 503, 'HTTP_STATUS'],
    ['/not-json', '<html>portal</html>', 'NOT_JSON'],
    ['/not-dcat', { hello: 'world' }, 'NOT_DCAT'],
  ])('reports %s as a typed CatalogSourceError', async (route, body, reason) => {
    upstream.routes.set(route, body);
    const result = await harvestAsAdmin(`${upstream.url}${route}`);
    expect(result).toMatchObject({ __typename: 'CatalogSourceError', reason, code: 'CATALOG_SOURCE_FAILED' });
  });

  it('reports an unreachable source as a typed CatalogSourceError', async () => {
    const closed = new CatalogServer();
    await closed.start();
    await closed.stop();
    expect(await harvestAsAdmin(`${closed.url}/data.json`)).toMatchObject({ __typename: 'CatalogSourceError', reason: 'UNREACHABLE' });
  });

  it('caps the body size and times out a source that does not answer', async () => {
    upstream.routes.set('/large', catalogOf(Array.from({ length: 50 }, (_, n) => generatedEntry(n))));
    upstream.routes.set('/hang', 'hang');
    const reason = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: CatalogSourceError) => error.reason);
    expect(await reason(readCatalog(`${upstream.url}/large`, { maxBytes: 10_000, timeoutMs: 5_000 }))).toBe('TOO_LARGE');
    expect(await reason(readCatalog(`${upstream.url}/hang`, { maxBytes: 10_000, timeoutMs: 200 }))).toBe('TIMEOUT');
  });
});

describe('harvest command line', () => {
  const capture = (isTTY: boolean) => {
    const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    return { stream, text: () => text };
  };
  const catalogFile = (size: number) => {
    const file = join(mkdtempSync(join(tmpdir(), 'harvest-cli-')), 'data.json');
    writeFileSync(file, JSON.stringify(catalogOf(Array.from({ length: size }, (_, n) => ({ ...generatedEntry(n), identifier: `cli-${n}` })))));
    return file;
  };

  it('prints the report, with a progress bar on stderr only when it is a terminal', async () => {
    const file = catalogFile(30);
    const [stdout, stderr] = [capture(false), capture(true)];
    expect(await runHarvestCommand(gateway().db.prisma, system, file, limits, { stdout: stdout.stream, stderr: stderr.stream })).toBe(0);
    expect(stdout.text()).toMatch(/Harvested file:\/\/.*data\.json in [\d.]+ s\n {2}created +30\n/);
    expect(stderr.text()).toContain('30/30 datasets');

    const [quietOut, quietErr] = [capture(false), capture(false)];
    expect(await runHarvestCommand(gateway().db.prisma, system, file, limits, { stdout: quietOut.stream, stderr: quietErr.stream })).toBe(0);
    expect(quietOut.text()).toMatch(/unchanged +30\n/);
    expect(quietErr.text()).toBe('');
  });

  it('fails with a message and exit code 1 when the source cannot be read', async () => {
    const [stdout, stderr] = [capture(false), capture(false)];
    const code = await runHarvestCommand(gateway().db.prisma, system, '/no/such/data.json', limits, { stdout: stdout.stream, stderr: stderr.stream });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('harvest failed: /no/such/data.json cannot be read');
  });
});
