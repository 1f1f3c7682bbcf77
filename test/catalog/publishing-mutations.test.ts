// Each publishing mutation, run by a dataset's steward (or an admin): what it changes, the version it
// bumps, and each error it answers as data (problems under their argument, conflicts with the version).
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { recordsHoldingField } from '../../src/catalog/publishing-fields.js';

const gateway = useTestGateway();
const STEWARD = 'daniel.whitfield@toaks.example'; // toaks-street-trees, Public Works
const ADMIN = 'admin@toaks.example';

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const prisma = () => gateway().db.prisma;

async function trees() {
  const dataset = await prisma().dataset.findUniqueOrThrow({
    where: { identifier: 'toaks-street-trees' },
    include: { distributions: { orderBy: { position: 'asc' } }, license: true },
  });
  return { ...dataset, gid: globalId('Dataset', dataset.id), distributionIds: dataset.distributions.map((d) => globalId('Distribution', d.id)) };
}

const RESULT = `__typename
  ... on Error { code message }
  ... on ConflictError { currentVersion }
  ... on NotFoundError { entity }`;
// Their unions have no ValidationError member: selecting it would be a GraphQL validation error.
const WITHOUT_INPUT_CHECKS = /\b(setDatasetLicense|removeDistribution|removeField|archiveDataset|restoreDataset)\(/;

async function run(query: string, variables: Record<string, unknown> = {}, as = STEWARD) {
  const selection = WITHOUT_INPUT_CHECKS.test(query) ? RESULT : `${RESULT} ... on ValidationError { problems { path message } }`;
  const result = await gateway().request(query.replace('RESULT', selection), variables, await staffHeaders(as));
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as Record<string, any>;
}

const problemPaths = (answer: Record<string, any>) => (answer.problems as { path: string[] }[]).map((problem) => problem.path.join('.'));

describe('createDataset', () => {
  it('creates a dataset stewarded by the caller in their department, without a license until one is chosen', async () => {
    const answer = await run(`mutation {
      createDataset(input: { identifier: "toaks-tree-planting-sites", title: " Tree planting sites ", description: "Where new trees go.",
        keywords: ["trees", "planting"], accrualPeriodicity: "R/P1M", landingPage: "https://www.toaks.example/trees" }) {
        ... on CreateDatasetPayload { dataset { identifier title version keywords accrualPeriodicity publisher { slug } steward { name } license { spdxId } accessLevel } }
        RESULT
      }
    }`);
    expect(answer).toEqual({
      __typename: 'CreateDatasetPayload',
      dataset: {
        identifier: 'toaks-tree-planting-sites',
        title: 'Tree planting sites',
        version: 1,
        keywords: ['trees', 'planting'],
        accrualPeriodicity: 'R/P1M',
        publisher: { slug: 'public-works' },
        steward: { name: 'Daniel Whitfield' },
        license: { spdxId: 'not-specified' },
        accessLevel: 'PUBLIC',
      },
    });
    const events = await prisma().changeEvent.findMany({ where: { topic: 'dataset', operation: 'CREATED', entityType: 'Dataset' } });
    expect(events.map((event) => (event.payload as { identifier: string }).identifier)).toContain('toaks-tree-planting-sites');
  });

  it('reports every DCAT-US problem under its input field', async () => {
    const answer = await run(`mutation {
      createDataset(input: { identifier: "Tree Sites", title: "T", description: "D", accessLevel: RESTRICTED_PUBLIC,
        accrualPeriodicity: "monthly", landingPage: "ftp://files.toaks.example", keywords: ["a", ""], issued: "2024-02-30" }) { RESULT }
    }`);
    expect(answer.__typename).toBe('ValidationError');
    expect(problemPaths(answer).sort()).toEqual(
      ['input.accrualPeriodicity', 'input.identifier', 'input.issued', 'input.keywords.1', 'input.landingPage', 'input.rights'].sort(),
    );
  });

  it('refuses an identifier in use, and an unknown license', async () => {
    const taken = await run('mutation { createDataset(input: { identifier: "toaks-street-trees", title: "T", description: "D" }) { RESULT } }');
    expect(taken).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/exists already/) });
    const license = await run('mutation { createDataset(input: { identifier: "toaks-new", title: "T", description: "D", license: "WTFPL" }) { RESULT } }');
    expect(license).toMatchObject({ __typename: 'NotFoundError', entity: 'License' });
  });

  it('lets an admin create for a steward named by e-mail, and checks that address', async () => {
    const missing = await run('mutation { createDataset(input: { identifier: "toaks-a", title: "T", description: "D" }) { RESULT } }', {}, ADMIN);
    expect(problemPaths(missing)).toEqual(['input.stewardEmail']);
    const malformed = await run('mutation { createDataset(input: { identifier: "toaks-a", title: "T", description: "D", stewardEmail: "laura" }) { RESULT } }', {}, ADMIN);
    expect(problemPaths(malformed)).toEqual(['input.stewardEmail']);
    const unknown = await run('mutation { createDataset(input: { identifier: "toaks-a", title: "T", description: "D", stewardEmail: "nobody@toaks.example" }) { RESULT } }', {}, ADMIN);
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', entity: 'Steward' });
    const created = await run(
      'mutation { createDataset(input: { identifier: "toaks-a", title: "T", description: "D", stewardEmail: "laura.chen@toaks.example", license: "CC-BY-4.0" }) { ... on CreateDatasetPayload { dataset { publisher { slug } license { spdxId } } } RESULT } }',
      {},
      ADMIN,
    );
    expect(created).toEqual({ __typename: 'CreateDatasetPayload', dataset: { publisher: { slug: 'parks-recreation' }, license: { spdxId: 'CC-BY-4.0' } } });
  });
});

describe('updateDataset', () => {
  it('changes only the fields given, clears optional ones given as null, and bumps version and modified', async () => {
    const before = await trees();
    const answer = await run(
      `mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { title: "Street trees (inventory)", landingPage: null, themes: ["Environment"] }) {
        ... on UpdateDatasetPayload { dataset { title description landingPage themes version modified } } RESULT } }`,
      { id: before.gid, v: before.version },
    );
    expect(answer.dataset).toEqual({
      title: 'Street trees (inventory)',
      description: before.description,
      landingPage: null,
      themes: ['Environment'],
      version: before.version + 1,
      modified: expect.any(String),
    });
    expect(new Date(answer.dataset.modified).getTime()).toBeGreaterThan(before.modified.getTime());
  });

  it('answers a stale version with ConflictError carrying the current version, and changes nothing', async () => {
    const before = await trees();
    const answer = await run('mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { title: "Stale" }) { RESULT } }', {
      id: before.gid,
      v: before.version - 1,
    });
    expect(answer).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentVersion: before.version });
    expect((await trees()).title).toBe(before.title);
  });

  it('refuses to clear required metadata', async () => {
    const before = await trees();
    const answer = await run('mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { title: null, keywords: null }) { RESULT } }', {
      id: before.gid,
      v: before.version,
    });
    expect(problemPaths(answer)).toEqual(['input.title', 'input.keywords']);
  });
});

describe('setDatasetLicense and changeAccessLevel', () => {
  it('sets a license by id, and answers an unknown one as not found', async () => {
    const before = await trees();
    const unknown = await run('mutation($id: ID!, $v: Int!) { setDatasetLicense(id: $id, expectedVersion: $v, license: "nope") { RESULT } }', { id: before.gid, v: before.version });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', entity: 'License' });
    const set = await run(
      'mutation($id: ID!, $v: Int!) { setDatasetLicense(id: $id, expectedVersion: $v, license: "ODbL-1.0") { ... on SetDatasetLicensePayload { dataset { license { spdxId } version } } RESULT } }',
      { id: before.gid, v: before.version },
    );
    expect(set.dataset).toEqual({ license: { spdxId: 'ODbL-1.0' }, version: before.version + 1 });
  });

  it('requires rights of at most 255 characters for restricted public and non-public', async () => {
    const before = await trees();
    const query = `mutation($id: ID!, $v: Int!, $level: AccessLevel!, $rights: String) { changeAccessLevel(id: $id, expectedVersion: $v, accessLevel: $level, rights: $rights) {
      ... on ChangeAccessLevelPayload { dataset { accessLevel rights version } } RESULT } }`;
    const missing = await run(query, { id: before.gid, v: before.version, level: 'NON_PUBLIC' });
    expect(problemPaths(missing)).toEqual(['rights']);
    const long = await run(query, { id: before.gid, v: before.version, level: 'RESTRICTED_PUBLIC', rights: 'x'.repeat(256) });
    expect(long.problems[0].message).toMatch(/255/);
    const restricted = await run(query, { id: before.gid, v: before.version, level: 'RESTRICTED_PUBLIC', rights: 'Staff only: ask the arborist.' });
    expect(restricted.dataset).toEqual({ accessLevel: 'RESTRICTED_PUBLIC', rights: 'Staff only: ask the arborist.', version: before.version + 1 });
    const open = await run(query, { id: before.gid, v: before.version + 1, level: 'PUBLIC' });
    expect(open.dataset).toEqual({ accessLevel: 'PUBLIC', rights: null, version: before.version + 2 });
  });
});

describe('distributions', () => {
  const payload = (name: string) => `... on ${name}Payload { dataset { version distributions { id format title accessURL downloadURL mediaType } } }`;

  it('adds one at the end, checking DCAT-US rules for downloads and APIs', async () => {
    const before = await trees();
    const invalid = await run(`mutation($id: ID!, $v: Int!) { addDistribution(datasetId: $id, expectedVersion: $v, input: { format: "CSV", downloadURL: "https://x.example/a.csv" }) { RESULT } }`, {
      id: before.gid,
      v: before.version,
    });
    expect(problemPaths(invalid)).toEqual(['input.mediaType']);
    const added = await run(
      `mutation($id: ID!, $v: Int!) { addDistribution(datasetId: $id, expectedVersion: $v, input: { format: "GeoJSON", downloadURL: "https://x.example/trees.geojson", mediaType: "application/geo+json" }) { ${payload('AddDistribution')} RESULT } }`,
      { id: before.gid, v: before.version },
    );
    expect(added.dataset.version).toBe(before.version + 1);
    expect(added.dataset.distributions.map((d: { format: string }) => d.format)).toEqual([...before.distributions.map((d) => d.format), 'GeoJSON']);
  });

  it('updates only the fields given, and checks the result as a whole', async () => {
    const before = await trees();
    const api = before.distributions.find((d) => d.accessURL && !d.downloadURL)!;
    const id = globalId('Distribution', api.id);
    const invalid = await run('mutation($id: ID!, $v: Int!) { updateDistribution(id: $id, expectedVersion: $v, input: { accessURL: null }) { RESULT } }', { id, v: before.version });
    expect(problemPaths(invalid)).toEqual(['input.downloadURL']);
    const updated = await run(`mutation($id: ID!, $v: Int!) { updateDistribution(id: $id, expectedVersion: $v, input: { title: "Trees API" }) { ${payload('UpdateDistribution')} RESULT } }`, {
      id,
      v: before.version,
    });
    expect(updated.dataset.distributions.find((d: { id: string }) => d.id === id)).toMatchObject({ title: 'Trees API', accessURL: api.accessURL, format: api.format });
  });

  it('reorders when given every distribution once', async () => {
    const before = await trees();
    const query = `mutation($id: ID!, $v: Int!, $order: [ID!]!) { reorderDistributions(datasetId: $id, expectedVersion: $v, order: $order) { ${payload('ReorderDistributions')} RESULT } }`;
    const twice = await run(query, { id: before.gid, v: before.version, order: [before.distributionIds[0], before.distributionIds[0]] });
    expect(problemPaths(twice)).toEqual(['order.1']);
    const partial = await run(query, { id: before.gid, v: before.version, order: before.distributionIds.slice(1) });
    expect(problemPaths(partial)).toEqual(['order']);
    const other = await prisma().distribution.findFirstOrThrow({ where: { dataset: { identifier: 'toaks-streetlights' } } });
    const foreign = await run(query, { id: before.gid, v: before.version, order: [globalId('Distribution', other.id)] });
    expect(foreign.problems[0]).toEqual({ path: ['order', '0'], message: 'is not a distribution of this dataset' });
    const reversed = [...before.distributionIds].reverse();
    const done = await run(query, { id: before.gid, v: before.version, order: reversed });
    expect(done.dataset.distributions.map((d: { id: string }) => d.id)).toEqual(reversed);
  });

  it('removes one', async () => {
    const before = await trees();
    const id = before.distributionIds[0];
    const removed = await run(`mutation($id: ID!, $v: Int!) { removeDistribution(id: $id, expectedVersion: $v) { ${payload('RemoveDistribution')} RESULT } }`, { id, v: before.version });
    expect(removed.dataset.distributions.map((d: { id: string }) => d.id)).toEqual(before.distributionIds.slice(1));
    const again = await run('mutation($id: ID!, $v: Int!) { removeDistribution(id: $id, expectedVersion: $v) { RESULT } }', { id, v: before.version + 1 });
    expect(again).toMatchObject({ __typename: 'NotFoundError', entity: 'Distribution' });
  });
});

describe('fields', () => {
  const FIELDS = 'dataset { version fields { name type nullable pii label } }';

  it('declares a field at the end, once', async () => {
    const before = await trees();
    const query = `mutation($id: ID!, $v: Int!, $name: String!) { declareField(datasetId: $id, expectedVersion: $v, input: { name: $name, type: TEXT, nullable: false, pii: true }) {
      ... on DeclareFieldPayload { ${FIELDS} } RESULT } }`;
    const bad = await run(query, { id: before.gid, v: before.version, name: 'Owner Name' });
    expect(problemPaths(bad)).toEqual(['input.name']);
    const declared = await run(query, { id: before.gid, v: before.version, name: 'owner_name' });
    expect(declared.dataset.fields.at(-1)).toEqual({ name: 'owner_name', type: 'TEXT', nullable: false, pii: true, label: null });
    const twice = await run(query, { id: before.gid, v: before.version + 1, name: 'owner_name' });
    expect(twice).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/already declares/) });
  });

  it('updates a declared field, and answers an unknown one as not found', async () => {
    const before = await trees();
    const query = `mutation($id: ID!, $v: Int!, $name: String!) { updateField(datasetId: $id, expectedVersion: $v, name: $name, input: { pii: true, label: "Street address" }) {
      ... on UpdateFieldPayload { ${FIELDS} } RESULT } }`;
    const unknown = await run(query, { id: before.gid, v: before.version, name: 'nope' });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', entity: 'DatasetField' });
    const updated = await run(query, { id: before.gid, v: before.version, name: 'address' });
    expect(updated.dataset.fields.find((f: { name: string }) => f.name === 'address')).toMatchObject({ pii: true, label: 'Street address', type: 'TEXT' });
  });

  it('removes a field that holds values only when told to, and then removes the values too', async () => {
    const before = await trees();
    expect(await recordsHoldingField(prisma(), before.id, 'condition')).toBeGreaterThan(0);
    const query = `mutation($id: ID!, $v: Int!, $drop: Boolean) { removeField(datasetId: $id, expectedVersion: $v, name: "condition", dropValues: $drop) {
      ... on RemoveFieldPayload { ${FIELDS} } RESULT } }`;
    const refused = await run(query, { id: before.gid, v: before.version });
    expect(refused).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/hold values.*dropValues/) });
    expect(await recordsHoldingField(prisma(), before.id, 'condition')).toBeGreaterThan(0);

    const removed = await run(query, { id: before.gid, v: before.version, drop: true });
    expect(removed.dataset.fields.map((f: { name: string }) => f.name)).not.toContain('condition');
    expect(await recordsHoldingField(prisma(), before.id, 'condition')).toBe(0);
    expect(await recordsHoldingField(prisma(), before.id, 'tree_id')).toBeGreaterThan(0);
  });
});
