// CSV and GeoJSON exports parsed back and compared with the GraphQL answer for the same filter and order,
// for callers who may and may not see personal data; visibility, API keys and rate limits as for queries.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { startTestGateway, useTestGateway, type TestGateway } from '../support/gateway.js';
import { createTypedFixture, FIXTURE, STEWARD_EMAIL } from './typed-fixture.js';

const gateway = useTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000' });

beforeAll(async () => {
  await createTypedFixture(gateway().db);
});

const records = /* GraphQL */ `
  query($identifier: String!, $filter: RecordFilter, $orderBy: [RecordOrder!], $after: String) {
    dataset(identifier: $identifier) {
      fields { name }
      records(filter: $filter, orderBy: $orderBy, first: 100, after: $after) {
        edges { node { recordId attributes geometry redactedFields } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

async function viaGraphQL(identifier: string, filter: unknown, orderBy: unknown, headers: Record<string, string>) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await gateway().request(records, { identifier, filter, orderBy, after }, headers);
    expect(response.errors).toBeUndefined();
    nodes.push(...response.data!.dataset.records.edges.map((edge: any) => edge.node));
    if (!response.data!.dataset.records.pageInfo.hasNextPage) return nodes;
    after = response.data!.dataset.records.pageInfo.endCursor;
  }
}

async function download(path: string, headers: Record<string, string> = {}, target: TestGateway = gateway()) {
  const response = await target.yoga.fetch(`http://localhost${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const query = (filter?: unknown, orderBy?: unknown) =>
  new URLSearchParams({ ...(filter ? { filter: JSON.stringify(filter) } : {}), ...(orderBy ? { orderBy: JSON.stringify(orderBy) } : {}) }).toString();

const csvCell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

describe('record exports', () => {
  const cases = [
    ['the code compliance cases, anonymously (personal fields redacted)', 'toaks-code-compliance-cases', { field: 'violation_count', gte: 2 }, [{ field: 'opened_date', direction: 'DESC' }], undefined],
    ['the code compliance cases, as their steward (personal fields shown)', 'toaks-code-compliance-cases', { field: 'violation_count', gte: 2 }, [{ field: 'opened_date', direction: 'DESC' }], STEWARD_EMAIL],
    ['the typed fixture, every row', FIXTURE, undefined, undefined, undefined],
  ] as const;

  it.each(cases)('CSV of %s equals the GraphQL answer', async (_name, identifier, filter, orderBy, email) => {
    const headers = email ? await staffHeaders(email) : {};
    const expected = await viaGraphQL(identifier, filter, orderBy, headers);
    expect(expected.length).toBeGreaterThan(50);
    const { status, headers: responseHeaders, text } = await download(`/datasets/${identifier}/records.csv?${query(filter, orderBy)}`, headers);
    expect(status).toBe(200);
    expect(responseHeaders.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = parse(text) as string[][];
    const fieldNames = Object.keys(expected[0].attributes);
    expect(header).toEqual(['id', ...fieldNames, 'geometry']);
    // Object values (geometry) are JSON text in their cell: compared as JSON, the rest as text.
    const values = expected.map((node) => [node.recordId, ...fieldNames.map((name) => node.attributes[name]), node.geometry]);
    const cells = lines.map((line, row) => line.map((cell, i) => (values[row]?.[i] !== null && typeof values[row]?.[i] === 'object' ? JSON.parse(cell) : cell)));
    expect(cells).toEqual(values.map((line) => line.map((value) => (value !== null && typeof value === 'object' ? value : csvCell(value)))));
    expect(values.some((line) => line.some((value) => typeof value === 'boolean' || typeof value === 'number'))).toBe(true);
    const redacted = expected[0].redactedFields as string[];
    const personalNames = identifier === FIXTURE ? ['secret'] : ['complainant_name', 'complainant_phone'];
    const personal = header!.flatMap((name, i) => (personalNames.includes(name) ? [i] : []));
    if (email) {
      expect(redacted).toEqual([]);
      expect(lines.some((line) => personal.every((i) => line[i] !== ''))).toBe(true);
    } else {
      expect(redacted).toEqual(personalNames);
      expect(lines.every((line) => personal.every((i) => line[i] === ''))).toBe(true);
    }
  });

  it('GeoJSON is a valid RFC 7946 FeatureCollection equal to the GraphQL answer, personal fields redacted', async () => {
    const filter = { field: 'case_type', ne: 'Weed Abatement' };
    const expected = await viaGraphQL('toaks-code-compliance-cases', filter, undefined, {});
    const { status, headers, text } = await download(`/datasets/toaks-code-compliance-cases/records.geojson?${query(filter)}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/geo+json');
    const collection = JSON.parse(text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toEqual(expected.map((node) => ({ type: 'Feature', id: node.recordId, geometry: node.geometry, properties: node.attributes })));
    for (const feature of collection.features) {
      expect(feature.properties.complainant_name).toBeNull();
      expect(feature.geometry.type).toBe('Point');
      const [lon, lat] = feature.geometry.coordinates;
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    }
    const empty = JSON.parse((await download(`/datasets/${FIXTURE}/records.geojson?${query({ or: [] })}`)).text);
    expect(empty).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('withholds personal geometry in exports as in queries', async () => {
    const headers = await partnerHeaders(gateway().db.prisma, ['datasets:read:toaks-code-enforcement-complainants']);
    const { status, text } = await download('/datasets/toaks-code-enforcement-complainants/records.geojson', headers);
    expect(status).toBe(200);
    const features = JSON.parse(text).features;
    expect(features.length).toBeGreaterThan(100);
    expect(features.every((f: any) => f.geometry === null)).toBe(true);
    const clerk = JSON.parse((await download('/datasets/toaks-code-enforcement-complainants/records.geojson', await staffHeaders('clerk@toaks.example'))).text);
    expect(clerk.features.every((f: any) => f.geometry?.type === 'Point')).toBe(true);
  });

  it('answers an unknown and an invisible dataset with the same 404', async () => {
    const unknown = await download('/datasets/no-such-dataset/records.csv');
    const invisible = await download('/datasets/toaks-code-enforcement-complainants/records.csv');
    expect(unknown.status).toBe(404);
    expect(invisible.status).toBe(404);
    expect(invisible.text.replace('toaks-code-enforcement-complainants', 'X')).toBe(unknown.text.replace('no-such-dataset', 'X'));
  });

  it('refuses a bad filter with 400 and its problems, before any row is sent', async () => {
    const bad = await download(`/datasets/${FIXTURE}/records.csv?${query({ field: 'count', gt: 'x' })}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions.problems).toEqual([{ path: ['filter', 'gt'], message: 'count must be an integer (INTEGER field)' }]);
    const personal = await download(`/datasets/${FIXTURE}/records.csv?${query(undefined, [{ field: 'secret' }])}`);
    expect(personal.status).toBe(400);
    expect(JSON.parse(personal.text).errors[0].extensions.problems).toEqual([{ path: ['orderBy', 0, 'field'], message: 'unknown field "secret"' }]);
    const notJson = await download(`/datasets/${FIXTURE}/records.csv?filter=%7Bnope`);
    expect(notJson.status).toBe(400);
  });

  it('refuses bad credentials with 401', async () => {
    const response = await download(`/datasets/${FIXTURE}/records.csv`, { 'x-api-key': 'cod_nonsense' });
    expect(response.status).toBe(401);
  });

  it('points the dataset’s CSV and GeoJSON distributions at these exports', async () => {
    const response = await gateway().request(`{ dataset(identifier: "toaks-street-trees") { distributions { mediaType downloadURL } } }`);
    const urls = response.data!.dataset.distributions.filter((d: any) => d.downloadURL).map((d: any) => new URL(d.downloadURL).pathname);
    expect(urls).toEqual(['/datasets/toaks-street-trees/records.csv', '/datasets/toaks-street-trees/records.geojson']);
    for (const path of urls) expect((await download(path)).status).toBe(200);
  });
});

describe('record exports and rate limits', () => {
  let limited: TestGateway;
  beforeAll(async () => {
    limited = await startTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await limited?.yoga.dispose();
    await limited?.db.close();
  });

  it('charges every export to the caller’s budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await download('/datasets/toaks-streetlights/records.csv', {}, limited)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
