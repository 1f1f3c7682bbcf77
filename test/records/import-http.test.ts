// importRecords as a real multipart request on a real port, and the upload size limit (IMPORT_MAX_BYTES),
// which is separate from (and larger than) the limit on ordinary bodies.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { uploadBody } from '../support/upload.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MAX_BODY_BYTES: '2000', IMPORT_MAX_BYTES: '20000' });
});
afterAll(() => server?.close());

const IMPORT = `mutation($id: ID!, $version: Int!, $file: File!) {
  importRecords(datasetId: $id, expectedVersion: $version, mode: APPEND, file: $file) {
    __typename ... on ImportRecordsPayload { importBatch { inserted dataset { version recordCount } } }
  }
}`;

async function send(rows: number) {
  const trees = await server.db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' }, include: { fields: true } });
  const { id: _id, keywordTerms: _t, identifier: _i, createdAt: _c, updatedAt: _u, fields: _f, ...metadata } = trees;
  const dataset = await server.db.prisma.dataset.create({
    data: { ...metadata, identifier: `http-import-${rows}`, version: 1, fields: { create: [{ name: 'note', type: 'TEXT' }] } } as never,
  });
  const content = `note\n${Array.from({ length: rows }, (_, i) => `row number ${i}`).join('\n')}\n`;
  const body = uploadBody(IMPORT, { id: Buffer.from(`Dataset:${dataset.id}`).toString('base64'), version: 1 }, { name: 'notes.csv', content, type: 'text/csv' });
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'x-graphql-csrf': '1', ...(await server.staff('daniel.whitfield@toaks.example')) },
    body,
  });
  return { response, dataset };
}

it('accepts a multipart upload over HTTP above MAX_BODY_BYTES (but within IMPORT_MAX_BYTES)', async () => {
  const { response } = await send(300); // ~4 KB: over the 2 KB body limit
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.importRecords).toEqual({ __typename: 'ImportRecordsPayload', importBatch: { inserted: 300, dataset: { version: 2, recordCount: 300 } } });
});

it('refuses an upload over IMPORT_MAX_BYTES with 413, writing nothing', async () => {
  const { response, dataset } = await send(3000); // ~40 KB
  expect(response.status).toBe(413);
  expect(await server.db.prisma.record.count({ where: { datasetId: dataset.id } })).toBe(0);
});
