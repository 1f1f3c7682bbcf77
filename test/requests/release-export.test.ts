// A fulfilment that releases a filtered dataset export: the requester's download (reference + token) holds
// exactly the filtered rows with personal fields withheld, even from a non-public dataset; a bad filter
// writes nothing; a wrong token, a withdrawn or denied request get the 404 of an unknown reference.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const PUBLIC_BASE_URL = 'https://data.toaks.example';
const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000', PUBLIC_BASE_URL });
const CLERK = 'clerk@toaks.example';

const SUBMIT = `mutation($input: SubmitDataRequestInput!) { submitDataRequest(input: $input) { ... on SubmitDataRequestPayload { reference trackingToken } } }`;
const DETERMINE = /* GraphQL */ `
  mutation($input: DetermineDataRequestInput!) {
    determineDataRequest(input: $input) {
      __typename
      ... on Error { message }
      ... on ValidationError { problems { path message } }
      ... on DetermineDataRequestPayload { dataRequest { status version } }
    }
  }
`;
const WITHDRAW = `mutation($input: WithdrawDataRequestInput!) { withdrawDataRequest(input: $input) { __typename } }`;
const TRACK = `query($reference: String!, $token: String!) { trackDataRequest(reference: $reference, token: $token) { status exportUrl timeline { message } } }`;

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function datasetOf(identifier: string) {
  return gateway().db.prisma.dataset.findUniqueOrThrow({ where: { identifier }, include: { fields: { orderBy: { position: 'asc' } } } });
}

async function freshRequest(datasetId?: string) {
  const { data } = await gateway().request(SUBMIT, {
    input: {
      kind: 'SPECIAL_EXTRACT',
      subject: 'Permits of one kind',
      description: 'Every permit of one kind.',
      requesterEmail: 'resident@example.com',
      ...(datasetId ? { datasetId: globalId('Dataset', datasetId) } : {}),
    },
  });
  const { reference, trackingToken } = data!.submitDataRequest;
  const row = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { reference } });
  return { id: globalId('DataRequest', row.id), rowId: row.id, reference, token: trackingToken as string };
}

async function determine(input: Record<string, unknown>) {
  const result = await gateway().request(DETERMINE, { input }, await staffHeaders(CLERK));
  expect(result.errors).toBeUndefined();
  return result.data!.determineDataRequest;
}

async function download(path: string, headers: Record<string, string> = {}) {
  const response = await gateway().yoga.fetch(`http://localhost${path}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The dataset's records whose `field` equals `value`, straight from the table. */
async function storedRows(datasetId: string, field: string, value: string) {
  const rows = await gateway().db.prisma.record.findMany({ where: { datasetId }, orderBy: { id: 'asc' } });
  return rows.filter((row) => (row.attributes as Record<string, unknown>)[field] === value);
}

describe('fulfilment with a filtered export', () => {
  it('the requester downloads exactly the filtered rows as CSV, personal fields empty; timeline and mail give the URL, never the token', async () => {
    const permits = await datasetOf('toaks-building-permits');
    const request = await freshRequest(permits.id);
    const filter = { field: 'permit_type', eq: 'Solar PV System' };
    const result = await determine({
      id: request.id,
      expectedVersion: 1,
      outcome: 'FULFILLED',
      outcomeNote: 'The solar permits are released.',
      export: { filter, format: 'CSV' },
    });
    expect(result).toMatchObject({ __typename: 'DetermineDataRequestPayload', dataRequest: { status: 'FULFILLED', version: 2 } });

    const url = `/data-requests/${request.reference}/export.csv`;
    const { status, type, text } = await download(`${url}?token=${encodeURIComponent(request.token)}`);
    expect(status).toBe(200);
    expect(type).toContain('text/csv');
    const [header, ...lines] = parse(text) as string[][];
    const names = permits.fields.map((field) => field.name);
    expect(header).toEqual(['id', ...names, 'geometry']);
    const expected = await storedRows(permits.id, 'permit_type', 'Solar PV System');
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(await gateway().db.prisma.record.count({ where: { datasetId: permits.id } }));
    const pii = new Set(permits.fields.filter((field) => field.pii).map((field) => field.name));
    expect(pii.size).toBe(2);
    const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    expect(lines.map((line) => line.slice(0, -1))).toEqual(
      expected.map((row) => [String(row.id), ...names.map((name) => (pii.has(name) ? '' : cell((row.attributes as Record<string, unknown>)[name])))]),
    );
    // The header works too.
    expect((await download(url, { 'x-tracking-token': request.token })).text).toBe(text);

    const publicUrl = `${PUBLIC_BASE_URL}${url}`;
    const tracked = await gateway().request(TRACK, { reference: request.reference, token: request.token });
    expect(tracked.data!.trackDataRequest.exportUrl).toBe(publicUrl);
    expect(tracked.data!.trackDataRequest.timeline.some((entry: { message: string | null }) => entry.message?.includes(publicUrl))).toBe(true);
    const mail = await gateway().db.prisma.notification.findFirstOrThrow({ where: { subjectId: request.rowId, title: { contains: 'released' } } });
    expect(mail.body).toContain(publicUrl);
    expect(mail.body).not.toContain(request.token);
    const release = await gateway().db.prisma.dataRequestExport.findUniqueOrThrow({ where: { requestId: request.rowId } });
    expect(release).toMatchObject({ datasetId: permits.id, filter, format: 'CSV' });
    expect(await gateway().db.prisma.auditEvent.count({ where: { action: 'dataRequest.determine', targetId: request.rowId } })).toBe(1);
  });

  it('a non-public dataset is released to the requester as valid GeoJSON: only the filtered rows, personal fields and location withheld', async () => {
    const complainants = await datasetOf('toaks-code-enforcement-complainants');
    expect(complainants.accessLevel).toBe('NON_PUBLIC');
    const request = await freshRequest();
    const result = await determine({
      id: request.id,
      expectedVersion: 1,
      outcome: 'PARTIALLY_FULFILLED',
      outcomeNote: 'How complainants relate to the property, without who they are.',
      legalBasis: 'Gov. Code §7927.705 (complainant identities)',
      export: { datasetId: globalId('Dataset', complainants.id), filter: { field: 'relationship', eq: 'Tenant' }, orderBy: [{ field: 'received_at', direction: 'DESC' }], format: 'GEOJSON' },
    });
    expect(result.__typename).toBe('DetermineDataRequestPayload');
    // The dataset itself stays hidden from the public.
    expect((await download('/datasets/toaks-code-enforcement-complainants/records.geojson')).status).toBe(404);

    const { status, type, text } = await download(`/data-requests/${request.reference}/export.geojson?token=${encodeURIComponent(request.token)}`);
    expect(status).toBe(200);
    expect(type).toBe('application/geo+json');
    const collection = JSON.parse(text);
    expect(collection.type).toBe('FeatureCollection');
    const expected = await storedRows(complainants.id, 'relationship', 'Tenant');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(await gateway().db.prisma.record.count({ where: { datasetId: complainants.id } }));
    expect(collection.features.map((feature: { id: unknown }) => String(feature.id)).sort()).toEqual(expected.map((row) => String(row.id)).sort());
    const received = collection.features.map((feature: any) => feature.properties.received_at);
    expect(received).toEqual([...received].sort().reverse());
    for (const feature of collection.features) {
      expect(feature).toMatchObject({ type: 'Feature', geometry: null });
      expect(feature.properties).toMatchObject({ relationship: 'Tenant', complainant_name: null, complainant_email: null, complainant_phone: null });
    }
    // The other format is not what was released.
    expect((await download(`/data-requests/${request.reference}/export.csv?token=${encodeURIComponent(request.token)}`)).status).toBe(404);
  });

  it('an invalid filter or order is a ValidationError under input.export and nothing is written', async () => {
    const permits = await datasetOf('toaks-building-permits');
    const request = await freshRequest(permits.id);
    const result = await determine({
      id: request.id,
      expectedVersion: 1,
      outcome: 'FULFILLED',
      outcomeNote: 'Released.',
      export: { filter: { or: [{ field: 'valuation', gt: 'lots' }, { field: 'applicant_name', eq: 'Jane' }] }, orderBy: [{ field: 'nope' }], format: 'CSV' },
    });
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems).toEqual([
      { path: ['input', 'export', 'filter', 'or', '0', 'gt'], message: expect.stringContaining('valuation') },
      { path: ['input', 'export', 'filter', 'or', '1', 'field'], message: 'unknown field "applicant_name"' },
      { path: ['input', 'export', 'orderBy', '0', 'field'], message: 'unknown field "nope"' },
    ]);
    const { prisma } = gateway().db;
    expect(await prisma.dataRequest.findUniqueOrThrow({ where: { id: request.rowId } })).toMatchObject({ status: 'RECEIVED', version: 1, determinedAt: null });
    expect(await prisma.dataRequestExport.count({ where: { requestId: request.rowId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'dataRequest.determine', targetId: request.rowId } })).toBe(0);
    expect(await prisma.notification.count({ where: { subjectId: request.rowId, title: { contains: 'released' } } })).toBe(0);

    const noDataset = await freshRequest();
    const missing = await determine({ id: noDataset.id, expectedVersion: 1, outcome: 'FULFILLED', outcomeNote: 'Released.', export: { format: 'CSV' } });
    expect(missing.problems).toEqual([{ path: ['input', 'export', 'datasetId'], message: 'is required: the request names no dataset' }]);
    const denied = await determine({ id: request.id, expectedVersion: 1, outcome: 'DENIED', outcomeNote: 'No.', legalBasis: 'Exempt', export: { format: 'CSV' } });
    expect(denied.problems).toEqual([{ path: ['input', 'export'], message: 'a denial releases nothing' }]);
  });

  it('a wrong token, an unknown reference and a withdrawn request get the same 404', async () => {
    const permits = await datasetOf('toaks-building-permits');
    const request = await freshRequest(permits.id);
    await determine({ id: request.id, expectedVersion: 1, outcome: 'FULFILLED', outcomeNote: 'Released.', export: { filter: { field: 'permit_type', eq: 'Re-roof' }, format: 'CSV' } });
    expect((await download(`/data-requests/${request.reference}/export.csv?token=${encodeURIComponent(request.token)}`)).status).toBe(200);

    const wrong = await download(`/data-requests/${request.reference}/export.csv?token=not-the-token`);
    const none = await download(`/data-requests/${request.reference}/export.csv`);
    const unknown = await download(`/data-requests/PRR-1999-0001/export.csv?token=${encodeURIComponent(request.token)}`);
    expect([wrong.status, none.status, unknown.status]).toEqual([404, 404, 404]);
    const message = (text: string) => JSON.parse(text).errors[0].extensions.code;
    expect(message(wrong.text)).toBe(message(unknown.text));
    expect(wrong.text.replace(request.reference, 'REF')).toBe(unknown.text.replace('PRR-1999-0001', 'REF'));

    // A request still open has nothing released; once withdrawn it never will.
    const open = await freshRequest(permits.id);
    expect((await download(`/data-requests/${open.reference}/export.csv?token=${encodeURIComponent(open.token)}`)).status).toBe(404);
    const withdrawn = await gateway().request(WITHDRAW, { input: { reference: open.reference, token: open.token, expectedVersion: 1 } });
    expect(withdrawn.data!.withdrawDataRequest.__typename).toBe('WithdrawDataRequestPayload');
    expect((await download(`/data-requests/${open.reference}/export.csv?token=${encodeURIComponent(open.token)}`)).status).toBe(404);
    const openTracked = await gateway().request(TRACK, { reference: open.reference, token: open.token });
    expect(openTracked.data!.trackDataRequest).toMatchObject({ status: 'WITHDRAWN', exportUrl: null });
  });
});
