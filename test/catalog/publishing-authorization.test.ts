// Who may publish: a dataset's own steward (creating only in their own department) and admins. Everyone
// else is refused before their input is looked at: broken input from them answers FORBIDDEN or
// UNAUTHENTICATED, never a ValidationError that would show it was read.
import { describe, expect, it } from 'vitest';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const OWN_STEWARD = 'daniel.whitfield@toaks.example'; // toaks-street-trees, Public Works
const SAME_DEPARTMENT = 'angela.reyes@toaks.example'; // another Public Works steward
const OTHER_DEPARTMENT = 'maria.delgado@toaks.example'; // Community Development

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function streetTrees() {
  const dataset = await gateway().db.prisma.dataset.findUniqueOrThrow({
    where: { identifier: 'toaks-street-trees' },
    include: { distributions: true },
  });
  return { id: globalId('Dataset', dataset.id), distributionId: globalId('Distribution', dataset.distributions[0]!.id) };
}

// Each call is invalid in every way it can be (stale version, bad input), so only the authorization
// decision can explain a FORBIDDEN or UNAUTHENTICATED answer.
const invalidCalls: Record<string, { query: string; variables?: () => Promise<Record<string, unknown>> }> = {
  createDataset: { query: 'mutation { createDataset(input: { identifier: "Not A Slug", title: "", description: "", department: "public-works", accrualPeriodicity: "weekly" }) { __typename } }' },
  updateDataset: {
    query: 'mutation($id: ID!) { updateDataset(id: $id, expectedVersion: 999, input: { title: "", landingPage: "ftp://x" }) { __typename } }',
    variables: streetTrees,
  },
  setDatasetLicense: { query: 'mutation($id: ID!) { setDatasetLicense(id: $id, expectedVersion: 999, license: "no-such") { __typename } }', variables: streetTrees },
  changeAccessLevel: { query: 'mutation($id: ID!) { changeAccessLevel(id: $id, expectedVersion: 999, accessLevel: NON_PUBLIC) { __typename } }', variables: streetTrees },
  addDistribution: { query: 'mutation($id: ID!) { addDistribution(datasetId: $id, expectedVersion: 999, input: { downloadURL: "file:///etc" }) { __typename } }', variables: streetTrees },
  updateDistribution: {
    query: 'mutation($distributionId: ID!) { updateDistribution(id: $distributionId, expectedVersion: 999, input: { accessURL: "x" }) { __typename } }',
    variables: streetTrees,
  },
  removeDistribution: { query: 'mutation($distributionId: ID!) { removeDistribution(id: $distributionId, expectedVersion: 999) { __typename } }', variables: streetTrees },
  reorderDistributions: {
    query: 'mutation($id: ID!, $distributionId: ID!) { reorderDistributions(datasetId: $id, expectedVersion: 999, order: [$distributionId, $distributionId]) { __typename } }',
    variables: streetTrees,
  },
  declareField: { query: 'mutation($id: ID!) { declareField(datasetId: $id, expectedVersion: 999, input: { name: "Bad Name", type: TEXT }) { __typename } }', variables: streetTrees },
  updateField: { query: 'mutation($id: ID!) { updateField(datasetId: $id, expectedVersion: 999, name: "nope", input: { pii: null }) { __typename } }', variables: streetTrees },
  removeField: { query: 'mutation($id: ID!) { removeField(datasetId: $id, expectedVersion: 999, name: "condition") { __typename } }', variables: streetTrees },
  archiveDataset: { query: 'mutation($id: ID!) { archiveDataset(id: $id, expectedVersion: 999) { __typename } }', variables: streetTrees },
  restoreDataset: { query: 'mutation($id: ID!) { restoreDataset(id: $id, expectedVersion: 999) { __typename } }', variables: streetTrees },
};

const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.map((error) => error.extensions?.code);

describe('publishing authorization', () => {
  it.each(Object.keys(invalidCalls))('%s: anonymous callers are told to sign in', async (name) => {
    const call = invalidCalls[name]!;
    const result = await gateway().request(call.query, await call.variables?.());
    expect(codeOf(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();
  });

  it.each(Object.keys(invalidCalls))('%s: a steward of another department is forbidden before the input is examined', async (name) => {
    const call = invalidCalls[name]!;
    const result = await gateway().request(call.query, await call.variables?.(), await staffHeaders(OTHER_DEPARTMENT));
    expect(codeOf(result)).toEqual(['FORBIDDEN']);
  });

  it.each(Object.keys(invalidCalls).filter((name) => name !== 'createDataset'))(
    '%s: another steward of the same department is forbidden',
    async (name) => {
      const call = invalidCalls[name]!;
      const result = await gateway().request(call.query, await call.variables?.(), await staffHeaders(SAME_DEPARTMENT));
      expect(codeOf(result)).toEqual(['FORBIDDEN']);
    },
  );

  it('forbids staff who steward nothing (a records clerk) and partners', async () => {
    const call = invalidCalls.updateDataset!;
    const variables = await call.variables!();
    for (const headers of [await staffHeaders('clerk@toaks.example'), await partnerHeaders(gateway().db.prisma, ['subscribe'])]) {
      expect(codeOf(await gateway().request(call.query, variables, headers))).toEqual(['FORBIDDEN']);
    }
    expect(codeOf(await gateway().request(invalidCalls.createDataset!.query, {}, await staffHeaders('clerk@toaks.example')))).toEqual(['FORBIDDEN']);
  });

  it('forbids a steward to name another steward of a new dataset, before checking the address', async () => {
    const result = await gateway().request(
      'mutation { createDataset(input: { identifier: "x", title: "X", description: "X", stewardEmail: "not an address" }) { __typename } }',
      {},
      await staffHeaders(OWN_STEWARD),
    );
    expect(codeOf(result)).toEqual(['FORBIDDEN']);
  });

  it('lets the own steward through to the input checks', async () => {
    const call = invalidCalls.updateDataset!;
    const result = await gateway().request(
      call.query.replace('{ __typename }', '{ __typename ... on ValidationError { problems { path } } }'),
      await call.variables!(),
      await staffHeaders(OWN_STEWARD),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateDataset).toEqual({
      __typename: 'ValidationError',
      problems: [{ path: ['input', 'title'] }, { path: ['input', 'landingPage'] }],
    });
  });

  it('does not reveal a non-public dataset of another steward: it is not found', async () => {
    const hidden = await gateway().db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-code-enforcement-complainants' } });
    const result = await gateway().request(
      'mutation($id: ID!) { updateDataset(id: $id, expectedVersion: 1, input: { title: "x" }) { __typename } }',
      { id: globalId('Dataset', hidden.id) },
      await staffHeaders(OWN_STEWARD),
    );
    expect(result.data!.updateDataset).toEqual({ __typename: 'NotFoundError' });
  });
});
