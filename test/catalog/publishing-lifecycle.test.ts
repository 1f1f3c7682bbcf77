// Archiving takes a dataset off every path but the admins' (nothing is deleted; restoring brings it back),
// and each publishing step lands with its AuditEvent and ChangeEvent, or not at all.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/generated/prisma/client.js';
import type { StaffViewer } from '../../src/access/viewer.js';
import { ChangeOperation } from '../../src/generated/prisma/enums.js';
import { publish } from '../../src/catalog/publishing.js';
import { ConflictError } from '../../src/errors.js';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const prisma = () => gateway().db.prisma;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const IDENTIFIER = 'toaks-code-compliance-cases'; // public, stewarded by Kevin Ostrowski
const LOOKUPS = `query($id: ID!) {
  datasets(first: 100) { edges { node { identifier } } }
  dataset(identifier: "${IDENTIFIER}") { identifier archivedAt }
  node(id: $id) { id }
  departments { slug datasets(first: 100) { totalCount edges { node { identifier } } } }
}`;

async function callerHeaders() {
  return {
    anonymous: {},
    partner: await partnerHeaders(prisma(), [`datasets:read:${IDENTIFIER}`]),
    steward: await staffHeaders('kevin.ostrowski@toaks.example'),
    clerk: await staffHeaders('clerk@toaks.example'),
    compliance: await staffHeaders('compliance@toaks.example'),
    admin: await staffHeaders('admin@toaks.example'),
  };
}

/** Where the dataset shows up for a caller: each lookup path that found it. */
async function foundBy(id: string, headers: Record<string, string>) {
  const { data, errors } = await gateway().request(LOOKUPS, { id }, headers);
  expect(errors).toBeUndefined();
  const listed = (connection: { edges: { node: { identifier: string } }[] }) => connection.edges.some((edge) => edge.node.identifier === IDENTIFIER);
  return {
    datasets: listed(data!.datasets),
    dataset: data!.dataset !== null,
    node: data!.node !== null,
    department: data!.departments.some((department: { datasets: { edges: { node: { identifier: string } }[] } }) => listed(department.datasets)),
  };
}

const everywhere = { datasets: true, dataset: true, node: true, department: true };
const nowhere = { datasets: false, dataset: false, node: false, department: false };

async function toggle(mutation: 'archiveDataset' | 'restoreDataset', dataset: { id: string }) {
  const { version } = await prisma().dataset.findUniqueOrThrow({ where: { id: dataset.id } });
  const result = await gateway().request(
    `mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, expectedVersion: $v) { __typename ... on Error { message } ... on ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Payload { dataset { archivedAt version } } } }`,
    { id: globalId('Dataset', dataset.id), v: version },
    await staffHeaders('admin@toaks.example'),
  );
  expect(result.errors).toBeUndefined();
  return result.data![mutation];
}

describe('archiveDataset and restoreDataset', () => {
  it('take a dataset off every lookup path for everyone but admins, and bring it back', async () => {
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { identifier: IDENTIFIER } });
    const id = globalId('Dataset', dataset.id);
    const callers = await callerHeaders();
    for (const headers of Object.values(callers)) expect(await foundBy(id, headers)).toEqual(everywhere);

    const archived = await toggle('archiveDataset', dataset);
    expect(archived.dataset).toEqual({ archivedAt: expect.any(String), version: dataset.version + 1 });
    for (const [caller, headers] of Object.entries(callers)) {
      expect(await foundBy(id, headers), caller).toEqual(caller === 'admin' ? everywhere : nowhere);
    }
    expect(await prisma().dataset.count({ where: { id: dataset.id } })).toBe(1);
    expect(await toggle('archiveDataset', dataset)).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/already archived/) });

    const restored = await toggle('restoreDataset', dataset);
    expect(restored.dataset).toEqual({ archivedAt: null, version: dataset.version + 2 });
    for (const headers of Object.values(callers)) expect(await foundBy(id, headers)).toEqual(everywhere);
  });

  it('freezes an archived dataset for its steward: it is no longer found to edit', async () => {
    const dataset = await prisma().dataset.update({ where: { identifier: 'toaks-streetlights' }, data: { archivedAt: new Date() } });
    const result = await gateway().request(
      'mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { title: "x" }) { __typename } }',
      { id: globalId('Dataset', dataset.id), v: dataset.version },
      await staffHeaders('marcus.bell@toaks.example'),
    );
    expect(result.data!.updateDataset).toEqual({ __typename: 'NotFoundError' });
  });
});

describe('a publishing step and its records', () => {
  async function admin(): Promise<StaffViewer> {
    const row = await prisma().staffUser.findUniqueOrThrow({ where: { email: 'admin@toaks.example' } });
    return { kind: 'staff', staffId: row.id, email: row.email, name: row.name, roles: new Set(row.roles), stewardId: null };
  }

  async function state(dataset: Dataset) {
    const [row, audits, changes] = await Promise.all([
      prisma().dataset.findUniqueOrThrow({ where: { id: dataset.id } }),
      prisma().auditEvent.findMany({ where: { targetId: dataset.id } }),
      prisma().changeEvent.findMany({ where: { datasetId: dataset.id } }),
    ]);
    return { title: row.title, version: row.version, audits: audits.map((a) => a.action), changes: changes.map((c) => [c.operation, c.payload]) };
  }

  const step = (dataset: Dataset, before: unknown) => async () => ({
    action: 'dataset.update',
    entityType: 'Dataset',
    entityId: dataset.id,
    operation: ChangeOperation.UPDATED,
    before,
  });

  it('writes the change, one AuditEvent and one ChangeEvent with the new version', async () => {
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-pavement-condition' } });
    const initial = await state(dataset);
    await publish(prisma(), await admin(), dataset, dataset.version, { title: 'Pavement' }, step(dataset, { title: dataset.title }));
    expect(await state(dataset)).toEqual({
      title: 'Pavement',
      version: dataset.version + 1,
      audits: [...initial.audits, 'dataset.update'],
      changes: [...initial.changes, ['UPDATED', { action: 'dataset.update', identifier: dataset.identifier, version: dataset.version + 1 }]],
    });
  });

  it('lets only one of two steps that loaded the same version claim it', async () => {
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-pavement-condition' } });
    const viewer = await admin();
    // Both pass the early version check on the same loaded row; the conditional update decides.
    const outcomes = await Promise.allSettled(
      ['First', 'Second'].map((title) => publish(prisma(), viewer, dataset, dataset.version, { title }, step(dataset, {}))),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(ConflictError);
    expect(failure.reason.currentVersion).toBe(dataset.version + 1);
    expect((await state(dataset)).version).toBe(dataset.version + 1);
  });

  it('leaves neither record nor the change when the last write (the audit entry) fails', async () => {
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-pavement-condition' } });
    const initial = await state(dataset);
    // A snapshot that cannot be serialized: the AuditEvent, written after the ChangeEvent, fails.
    const unserializable = { toJSON: () => { throw new Error('audit write failed'); } };
    await expect(publish(prisma(), await admin(), dataset, dataset.version, { title: 'Lost' }, step(dataset, unserializable))).rejects.toThrow('audit write failed');
    expect(await state(dataset)).toEqual(initial);
  });

  it('leaves neither when a step fails after claiming the version', async () => {
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-pavement-condition' } });
    const initial = await state(dataset);
    const failing = async () => {
      throw new Error('step failed');
    };
    await expect(publish(prisma(), await admin(), dataset, dataset.version, { title: 'Lost' }, failing)).rejects.toThrow('step failed');
    expect(await state(dataset)).toEqual(initial);
  });
});
