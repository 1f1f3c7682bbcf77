// Optimistic concurrency over real HTTP: twenty edits of one dataset version sent at once. Exactly one
// wins; every other one answers ConflictError with the version the winner produced, and leaves no trace.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

describe('concurrent edits of one dataset version', () => {
  it('let exactly one of 20 win; the others get ConflictError with the current version', async () => {
    const prisma = server().db.prisma;
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
    const headers = await server().staff('daniel.whitfield@toaks.example');
    const id = Buffer.from(`Dataset:${dataset.id}`).toString('base64');
    const auditsBefore = await prisma.auditEvent.count({ where: { targetId: dataset.id } });
    const changesBefore = await prisma.changeEvent.count({ where: { datasetId: dataset.id } });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        server().request(
          `mutation($id: ID!, $v: Int!, $title: String!) { updateDataset(id: $id, expectedVersion: $v, input: { title: $title }) {
            __typename ... on UpdateDatasetPayload { dataset { title version } } ... on ConflictError { code currentVersion }
          } }`,
          { id, v: dataset.version, title: `Street trees, edit ${index}` },
          headers,
        ),
      ),
    );

    expect(results.map((result) => result.errors)).toEqual(Array(20).fill(undefined));
    const answers = results.map((result) => result.data!.updateDataset);
    const winners = answers.filter((answer) => answer.__typename === 'UpdateDatasetPayload');
    const losers = answers.filter((answer) => answer.__typename === 'ConflictError');
    expect(winners).toHaveLength(1);
    expect(winners[0].dataset.version).toBe(dataset.version + 1);
    expect(losers).toEqual(Array(19).fill({ __typename: 'ConflictError', code: 'CONFLICT', currentVersion: dataset.version + 1 }));

    const after = await prisma.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
    expect({ title: after.title, version: after.version }).toEqual(winners[0].dataset);
    expect(await prisma.auditEvent.count({ where: { targetId: dataset.id } })).toBe(auditsBefore + 1);
    expect(await prisma.changeEvent.count({ where: { datasetId: dataset.id } })).toBe(changesBefore + 1);
  });
});
