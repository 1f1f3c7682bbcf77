// Routing as data (the table admins change), the exposed-personal-data path that flags a dataset for staff,
// dataset links (open complaint count, complaints, the fix), and enforcement with its appeal.
import { describe, expect, it } from 'vitest';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { act, ADMIN, COMPLIANCE, datasetId, fresh, globalId, staffId, TREES_STEWARD } from './support.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000', ENFORCEMENT_APPEAL_WINDOW_DAYS: '10' });

const DATASET = /* GraphQL */ `
  query($identifier: String!) {
    dataset(identifier: $identifier) { openComplaintCount underReview complaints { reference category priority routedTo } }
  }
`;
const SET_ROUTE = /* GraphQL */ `
  mutation($input: SetComplaintRouteInput!) {
    setComplaintRoute(input: $input) {
      __typename
      ... on Error { message }
      ... on SetComplaintRoutePayload { route { category routedTo priority version } }
    }
  }
`;

describe('routing table', () => {
  it('is changed by admins only, and new complaints follow the changed table while earlier ones keep their routing', async () => {
    const before = await fresh(gateway(), { category: 'ACCESS_PROBLEM' });
    expect(before.row).toMatchObject({ routedTo: ['IT'], priority: 'NORMAL' });

    const input = { category: 'ACCESS_PROBLEM', routedTo: ['IT', 'CODE_COMPLIANCE'], priority: 'HIGH', flagsDatasetForReview: false, expectedVersion: 1 };
    const byCompliance = await gateway().request(SET_ROUTE, { input }, await staffHeaders(COMPLIANCE));
    expect(byCompliance.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const changed = await gateway().request(SET_ROUTE, { input }, await staffHeaders(ADMIN));
    expect(changed.data!.setComplaintRoute).toMatchObject({ route: { routedTo: ['IT', 'CODE_COMPLIANCE'], priority: 'HIGH', version: 2 } });
    const stale = await gateway().request(SET_ROUTE, { input }, await staffHeaders(ADMIN));
    expect(stale.data!.setComplaintRoute.__typename).toBe('ConflictError');

    const after = await fresh(gateway(), { category: 'ACCESS_PROBLEM' });
    expect(after.row).toMatchObject({ routedTo: ['IT', 'CODE_COMPLIANCE'], priority: 'HIGH' });
    expect(after.row.slaDueAt!.getTime() - after.row.createdAt.getTime()).toBe(24 * 3600_000);
    expect((await gateway().db.prisma.complaint.findUniqueOrThrow({ where: { id: before.row.id } })).routedTo).toEqual(['IT']);
    expect(await gateway().db.prisma.auditEvent.count({ where: { action: 'complaintRoute.set', targetId: 'ACCESS_PROBLEM' } })).toBe(1);
  });
});

describe('exposed personal data', () => {
  it('goes to IT and the steward as URGENT and flags the dataset under review for staff at once, never for the public', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const publicBefore = (await gateway().request(DATASET, { identifier: 'toaks-street-trees' })).data!.dataset;
    expect(publicBefore).toMatchObject({ underReview: null, complaints: null });
    const complaint = await fresh(gateway(), { category: 'EXPOSED_PERSONAL_DATA', datasetId: trees.globalId, summary: 'Owner phone numbers in the CSV' });
    expect(complaint.row).toMatchObject({ routedTo: ['IT', 'STEWARD'], priority: 'URGENT', flagsDatasetForReview: true });

    for (const staff of [TREES_STEWARD, COMPLIANCE, ADMIN]) {
      const seen = (await gateway().request(DATASET, { identifier: 'toaks-street-trees' }, await staffHeaders(staff))).data!.dataset;
      expect(seen.underReview).toBe(true);
      expect(seen.complaints[0]).toEqual({ reference: complaint.reference, category: 'EXPOSED_PERSONAL_DATA', priority: 'URGENT', routedTo: ['IT', 'STEWARD'] });
    }
    const otherSteward = (await gateway().request(DATASET, { identifier: 'toaks-street-trees' }, await staffHeaders('rebecca.hall@toaks.example'))).data!.dataset;
    expect(otherSteward).toMatchObject({ underReview: null, complaints: null });
    const publicView = (await gateway().request(DATASET, { identifier: 'toaks-street-trees' })).data!.dataset;
    expect(publicView).toEqual({ openComplaintCount: publicBefore.openComplaintCount + 1, underReview: null, complaints: null });

    // Resolving the complaint clears the flag and the open count.
    await act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId: await staffId(gateway(), ADMIN), priority: 'URGENT' }, ADMIN);
    await act(gateway(), 'startComplaintWork', { id: complaint.id, expectedVersion: 2 }, ADMIN);
    await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 3, resolution: 'Column removed from the export.' }, ADMIN);
    const cleared = (await gateway().request(DATASET, { identifier: 'toaks-street-trees' }, await staffHeaders(TREES_STEWARD))).data!.dataset;
    expect(cleared).toMatchObject({ underReview: false, openComplaintCount: publicBefore.openComplaintCount });
  });
});

describe('Dataset.complaints', () => {
  it("lists for a steward only the complaints routed to them, and mutation results carry the complaint's dataset", async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const misuse = await fresh(gateway(), { category: 'DATA_MISUSE', datasetId: trees.globalId, summary: 'Tree data resold' });
    const error = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId, summary: 'Wrong species' });
    const query = 'query { dataset(identifier: "toaks-street-trees") { complaints { reference } } }';
    const steward = await gateway().request(query, {}, await staffHeaders(TREES_STEWARD));
    expect(steward.errors).toBeUndefined();
    const seen = steward.data!.dataset.complaints.map((complaint: { reference: string }) => complaint.reference);
    expect(seen).toContain(error.reference);
    expect(seen).not.toContain(misuse.reference);
    const officer = await gateway().request(query, {}, await staffHeaders(COMPLIANCE));
    expect(officer.data!.dataset.complaints.map((complaint: { reference: string }) => complaint.reference)).toContain(misuse.reference);

    const triaged = await gateway().request(
      `mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { ... on TriageComplaintPayload { complaint { dataset { identifier title } assignee { name } } } } }`,
      { input: { id: error.id, expectedVersion: 1, assigneeId: await staffId(gateway(), TREES_STEWARD), priority: 'LOW' } },
      await staffHeaders(TREES_STEWARD),
    );
    expect(triaged.errors).toBeUndefined();
    expect(triaged.data!.triageComplaint.complaint).toEqual({ dataset: { identifier: 'toaks-street-trees', title: trees.dataset.title }, assignee: { name: expect.any(String) } });
  });
});

describe('resolution by the fix', () => {
  it("links an edit of the complaint's own dataset, and refuses a change of another dataset", async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const complaint = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId });
    await act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId: await staffId(gateway(), TREES_STEWARD), priority: 'NORMAL' }, TREES_STEWARD);
    await act(gateway(), 'startComplaintWork', { id: complaint.id, expectedVersion: 2 }, TREES_STEWARD);

    const edit = await gateway().request(
      'mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { description: "Street trees, species corrected." }) { __typename } }',
      { id: trees.globalId, v: trees.dataset.version },
      await staffHeaders(TREES_STEWARD),
    );
    expect(edit.data!.updateDataset.__typename).toBe('UpdateDatasetPayload');
    const fix = await gateway().db.prisma.changeEvent.findFirstOrThrow({ where: { datasetId: trees.id, topic: 'dataset' }, orderBy: { sequence: 'desc' } });
    const elsewhere = await gateway().db.prisma.changeEvent.create({
      data: { topic: 'dataset', datasetId: (await datasetId(gateway(), 'toaks-building-permits')).id, entityType: 'Dataset', entityId: 'x', operation: 'UPDATED', payload: {} },
    });

    const wrong = await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 3, resolution: 'Fixed.', fixedByChangeSequence: String(elsewhere.sequence) }, TREES_STEWARD);
    expect(wrong.payload).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['input', 'fixedByChangeSequence'] }] });
    const right = await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 3, resolution: 'Fixed by the edit.', fixedByChangeSequence: String(fix.sequence) }, TREES_STEWARD);
    expect(right.payload).toMatchObject({ complaint: { status: 'RESOLVED' } });
    const tracked = await gateway().request(
      'query($r: String!, $t: String!) { trackComplaint(reference: $r, token: $t) { fixedBy { sequence topic } } }',
      { r: complaint.reference, t: complaint.token },
    );
    expect(tracked.data!.trackComplaint.fixedBy).toEqual({ sequence: String(fix.sequence), topic: 'dataset' });
  });
});

const APPEAL = /* GraphQL */ `
  mutation($input: AppealEnforcementActionInput!) {
    appealEnforcementAction(input: $input) { __typename ... on Error { message } ... on AppealEnforcementActionPayload { appeal { appealedAt } } }
  }
`;
const ENFORCEMENT = 'query($id: ID!) { node(id: $id) { ... on Complaint { version enforcementTaken enforcementActions { id kind legalBasis liftedAt appealOutcome } } } }';

async function misuseInProgress() {
  const complaint = await fresh(gateway(), { category: 'DATA_MISUSE', summary: 'Scraped permits resold', reporterEmail: 'neighbor@example.com' });
  await act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId: await staffId(gateway(), COMPLIANCE), priority: 'HIGH' }, COMPLIANCE);
  await act(gateway(), 'startComplaintWork', { id: complaint.id, expectedVersion: 2 }, COMPLIANCE);
  return complaint;
}

describe('enforcement', () => {
  it('suspends a partner key in the same step, tells the reporter only that action was taken, and the partner appeals to another staff member', async () => {
    const headers = await partnerHeaders(gateway().db.prisma, ['subscribe']);
    const key = await gateway().db.prisma.apiKey.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    await gateway().db.prisma.apiKey.update({ where: { id: key.id }, data: { ownerEmail: 'partner@example.com' } });
    expect((await gateway().request('{ datasets(first: 1) { totalCount } }', {}, headers)).errors).toBeUndefined();

    const complaint = await misuseInProgress();
    const input = { id: complaint.id, expectedVersion: 3, kind: 'API_KEY_SUSPENSION', legalBasis: 'TOMC §1-12.04 (misuse of city data)', note: 'Resale of scraped permit data.', apiKeyId: key.id };
    const bySteward = await act(gateway(), 'recordEnforcementAction', input, TREES_STEWARD);
    expect(bySteward.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const recorded = await act(gateway(), 'recordEnforcementAction', input, COMPLIANCE);
    expect(recorded.payload).toMatchObject({ __typename: 'RecordEnforcementActionPayload', complaint: { version: 4 } });

    const refused = await gateway().request('{ datasets(first: 1) { totalCount } }', {}, headers);
    expect(refused.errors?.[0]?.message).toMatch(/suspended/);
    expect(await gateway().db.prisma.auditEvent.count({ where: { action: 'apiKey.suspend', targetId: key.id } })).toBe(1);

    const reporterView = await gateway().request(
      'query($r: String!, $t: String!) { trackComplaint(reference: $r, token: $t) { enforcementTaken enforcementActions { kind } timeline { message internal } } }',
      { r: complaint.reference, t: complaint.token },
    );
    const tracked = reporterView.data!.trackComplaint;
    expect(tracked).toMatchObject({ enforcementTaken: true, enforcementActions: null });
    expect(JSON.stringify(tracked)).not.toMatch(/TOMC|Resale|SUSPENSION/);
    expect(tracked.timeline.at(-1)).toEqual({ message: 'Action was taken on your report under the municipal code.', internal: false });

    const staffView = (await gateway().request(ENFORCEMENT, { id: complaint.id }, await staffHeaders(COMPLIANCE))).data!.node;
    const [action] = staffView.enforcementActions;
    expect(action).toMatchObject({ kind: 'API_KEY_SUSPENSION', legalBasis: 'TOMC §1-12.04 (misuse of city data)', liftedAt: null });
    const partnerMail = await gateway().db.prisma.notification.findFirstOrThrow({ where: { subjectId: action.id } });
    expect(partnerMail).toMatchObject({ recipient: 'partner@example.com' });
    expect(partnerMail.body).toContain(action.id);

    const wrongKey = await gateway().request(APPEAL, { input: { actionId: action.id, apiKey: 'cod_0000000000_not-the-key-at-all-000', reason: 'Not us.' } });
    expect(wrongKey.data!.appealEnforcementAction.__typename).toBe('NotFoundError');
    const appealed = await gateway().request(APPEAL, { input: { actionId: action.id, apiKey: headers['x-api-key'], reason: 'We licensed that data from a reseller.' } });
    expect(appealed.data!.appealEnforcementAction).toMatchObject({ __typename: 'AppealEnforcementActionPayload', appeal: { appealedAt: expect.any(String) } });
    const twice = await gateway().request(APPEAL, { input: { actionId: action.id, apiKey: headers['x-api-key'], reason: 'Again.' } });
    expect(twice.data!.appealEnforcementAction.__typename).toBe('ConflictError');

    const version = (await gateway().request(ENFORCEMENT, { id: complaint.id }, await staffHeaders(COMPLIANCE))).data!.node.version;
    const decision = { id: complaint.id, expectedVersion: version, actionId: action.id, outcome: 'OVERTURNED', note: 'The reseller licence checks out.' };
    const sameOfficer = await act(gateway(), 'decideEnforcementAppeal', decision, COMPLIANCE);
    expect(sameOfficer.errors?.[0]?.message).toMatch(/other than the one/);
    const decided = await act(gateway(), 'decideEnforcementAppeal', decision, ADMIN);
    expect(decided.payload).toMatchObject({ __typename: 'DecideEnforcementAppealPayload' });
    expect((await gateway().request('{ datasets(first: 1) { totalCount } }', {}, headers)).errors).toBeUndefined();
    const final = (await gateway().request(ENFORCEMENT, { id: complaint.id }, await staffHeaders(ADMIN))).data!.node.enforcementActions[0];
    expect(final).toMatchObject({ appealOutcome: 'OVERTURNED', liftedAt: expect.any(String) });
  });

  it('restricts the dataset in the same step and lifting restores its access level; appeals close after the window', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const complaint = await fresh(gateway(), { category: 'DATA_MISUSE', datasetId: trees.globalId });
    await act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId: await staffId(gateway(), COMPLIANCE), priority: 'NORMAL' }, COMPLIANCE);
    const restricted = await act(gateway(), 'recordEnforcementAction', {
      id: complaint.id, expectedVersion: 2, kind: 'DATASET_RESTRICTION', legalBasis: 'Administrative order 2026-14', note: 'Pending review of reuse.', restrictTo: 'NON_PUBLIC',
    }, COMPLIANCE);
    expect(restricted.payload).toMatchObject({ complaint: { version: 3 } });
    expect((await gateway().db.prisma.dataset.findUniqueOrThrow({ where: { id: trees.id } })).accessLevel).toBe('NON_PUBLIC');
    expect((await gateway().request('{ dataset(identifier: "toaks-street-trees") { title } }')).data!.dataset).toBeNull();

    const action = await gateway().db.prisma.enforcementAction.findFirstOrThrow({ where: { complaintId: complaint.row.id } });
    const lifted = await act(gateway(), 'liftEnforcementAction', { id: complaint.id, expectedVersion: 3, actionId: action.id, reason: 'Review done.' }, COMPLIANCE);
    expect(lifted.payload).toMatchObject({ complaint: { version: 4 } });
    expect((await gateway().db.prisma.dataset.findUniqueOrThrow({ where: { id: trees.id } })).accessLevel).toBe('PUBLIC');
    const again = await act(gateway(), 'liftEnforcementAction', { id: complaint.id, expectedVersion: 4, actionId: action.id, reason: 'Again.' }, COMPLIANCE);
    expect(again.payload).toMatchObject({ __typename: 'ConflictError' });

    // The appeal window (10 days here) for a key suspension, at its edges.
    const headers = await partnerHeaders(gateway().db.prisma, []);
    const key = await gateway().db.prisma.apiKey.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const misuse = await misuseInProgress();
    await act(gateway(), 'recordEnforcementAction', { id: misuse.id, expectedVersion: 3, kind: 'WARNING', legalBasis: 'TOMC §1-12.02', note: 'First warning.', apiKeyId: key.id }, COMPLIANCE);
    const warning = await gateway().db.prisma.enforcementAction.findFirstOrThrow({ where: { complaintId: misuse.row.id } });
    const day = 24 * 3600_000;
    await gateway().db.prisma.enforcementAction.update({ where: { id: warning.id }, data: { takenAt: new Date(Date.now() - 10 * day - 60_000) } });
    const late = await gateway().request(APPEAL, { input: { actionId: warning.id, apiKey: headers['x-api-key'], reason: 'Late.' } });
    expect(late.data!.appealEnforcementAction).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('10 days') });
    await gateway().db.prisma.enforcementAction.update({ where: { id: warning.id }, data: { takenAt: new Date(Date.now() - 10 * day + 60_000) } });
    const inTime = await gateway().request(APPEAL, { input: { actionId: warning.id, apiKey: headers['x-api-key'], reason: 'In time.' } });
    expect(inTime.data!.appealEnforcementAction.__typename).toBe('AppealEnforcementActionPayload');
  });

  it('is recorded on misuse complaints only', async () => {
    const complaint = await fresh(gateway(), { category: 'ACCESS_PROBLEM' });
    const result = await act(gateway(), 'recordEnforcementAction', { id: complaint.id, expectedVersion: 1, kind: 'WARNING', legalBasis: 'x', note: 'y' }, COMPLIANCE);
    expect(result.payload).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('misuse') });
    expect(globalId('Complaint', complaint.row.id)).toBe(complaint.id);
  });
});
