// Complaint intake and lifecycle through the API: routing on submission, the transition table, stale
// versions and races, the reopen window, and what the reporter (token holder) may and may not see.
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';
import { act, ADMIN, COMPLIANCE, datasetId, fresh, staffId, submit, TREES_STEWARD } from './support.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });

const TRACK = /* GraphQL */ `
  query($reference: String!, $token: String!) {
    trackComplaint(reference: $reference, token: $token) {
      reference status reopenCount reporterEmail assignee { name } slaDueAt slaBreached hoursSinceReceived
      enforcementTaken enforcementActions { kind } timeline { kind internal message }
    }
  }
`;

async function toInProgress(complaint: { id: string }, as = TREES_STEWARD) {
  const g = gateway();
  const triaged = await act(g, 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId: await staffId(g, as), priority: 'HIGH' }, as);
  expect(triaged.payload).toMatchObject({ __typename: 'TriageComplaintPayload', complaint: { status: 'TRIAGED', priority: 'HIGH', version: 2 } });
  const started = await act(g, 'startComplaintWork', { id: complaint.id, expectedVersion: 2 }, as);
  expect(started.payload).toMatchObject({ complaint: { status: 'IN_PROGRESS', version: 3 } });
}

describe('submission', () => {
  it('takes an anonymous report with a CMP reference and a token, routed by the table, with its change event and audit entry', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const record = await gateway().db.prisma.record.findFirstOrThrow({ where: { datasetId: trees.id } });
    const complaint = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId, recordIds: [record.id] });
    expect(complaint.reference).toMatch(/^CMP-\d{4}-\d{4}$/);
    expect(complaint.token).toMatch(/^trk_/);
    expect(complaint.row).toMatchObject({ routedTo: ['STEWARD'], priority: 'NORMAL', recordIds: [record.id], status: 'RECEIVED', version: 1 });
    expect(complaint.row.slaDueAt!.getTime() - complaint.row.createdAt.getTime()).toBe(72 * 3600_000);
    const change = await gateway().db.prisma.changeEvent.findFirstOrThrow({ where: { entityId: complaint.row.id } });
    expect(change).toMatchObject({ topic: 'complaint', entityType: 'Complaint', operation: 'CREATED', datasetId: trees.id });
    expect(change.payload).toEqual({ action: 'complaint.submit', reference: complaint.reference, status: 'RECEIVED', version: 1 });
    expect(await gateway().db.prisma.auditEvent.count({ where: { action: 'complaint.submit', targetId: complaint.row.id } })).toBe(1);
  });

  it('answers a dataset the reporter cannot see exactly like a missing one, and refuses records of another dataset', async () => {
    const hidden = await datasetId(gateway(), 'toaks-code-enforcement-complainants'); // non-public
    const missing = Buffer.from('Dataset:00000000-0000-4000-8000-000000000000').toString('base64');
    const [invisible, unknown] = [await submit(gateway(), { category: 'DATASET_ERROR', datasetId: hidden.globalId }), await submit(gateway(), { category: 'DATASET_ERROR', datasetId: missing })];
    expect(invisible).toEqual(unknown);
    expect(invisible.problems).toEqual([{ path: ['input', 'datasetId'], message: 'is not a dataset you can see' }]);

    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const other = await gateway().db.prisma.record.findFirstOrThrow({ where: { datasetId: { not: trees.id } } });
    const wrongRecord = await submit(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId, recordIds: [other.id] });
    expect(wrongRecord.problems).toEqual([{ path: ['input', 'recordIds', '0'], message: 'is not a record of this dataset' }]);
  });

  it('returns the first submission for a retried idempotency key, without a second token', async () => {
    const input = { category: 'ACCESS_PROBLEM', idempotencyKey: 'retry-complaint-0001' };
    const first = await submit(gateway(), input);
    const again = await submit(gateway(), input);
    expect(again).toMatchObject({ reference: first.reference, trackingToken: null, replayed: true });
    expect(await gateway().db.prisma.complaint.count({ where: { idempotencyKey: 'retry-complaint-0001' } })).toBe(1);
  });
});

describe('lifecycle', () => {
  it('goes RECEIVED → TRIAGED → IN_PROGRESS → RESOLVED; skipping a step is an invalid transition naming the allowed ones', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const complaint = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId });
    const early = await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 1, resolution: 'Fixed.' }, TREES_STEWARD);
    expect(early.payload).toMatchObject({ __typename: 'InvalidTransitionError', from: 'RECEIVED', to: 'RESOLVED', allowed: ['TRIAGED', 'DISMISSED'] });
    await toInProgress(complaint);
    const resolved = await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 3, resolution: 'Species corrected.' }, TREES_STEWARD);
    expect(resolved.payload).toMatchObject({ complaint: { status: 'RESOLVED', resolution: 'Species corrected.', version: 4 } });
    const dismissed = await act(gateway(), 'dismissComplaint', { id: complaint.id, expectedVersion: 4, reason: 'late' }, TREES_STEWARD);
    expect(dismissed.payload).toMatchObject({ __typename: 'InvalidTransitionError', from: 'RESOLVED', allowed: ['IN_PROGRESS'] });
  });

  it('refuses a stale version with a ConflictError, and of two concurrent transitions on one version exactly one wins', async () => {
    const complaint = await fresh(gateway(), { category: 'ACCESS_PROBLEM' });
    const assigneeId = await staffId(gateway(), ADMIN);
    const stale = await act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 7, assigneeId, priority: 'LOW' }, ADMIN);
    expect(stale.payload).toMatchObject({ __typename: 'ConflictError' });

    const results = await Promise.all([
      act(gateway(), 'triageComplaint', { id: complaint.id, expectedVersion: 1, assigneeId, priority: 'LOW' }, ADMIN),
      act(gateway(), 'dismissComplaint', { id: complaint.id, expectedVersion: 1, reason: 'Duplicate report.' }, COMPLIANCE),
    ]);
    const kinds = results.map((result) => result.payload!.__typename).sort();
    expect(kinds).toEqual(['ConflictError', expect.stringMatching(/^(Triage|Dismiss)ComplaintPayload$/)].sort());
    const row = await gateway().db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.row.id } });
    expect(row.version).toBe(2);
    expect(await gateway().db.prisma.complaintEvent.count({ where: { complaintId: row.id, kind: 'STATUS_CHANGE' } })).toBe(1);
  });

  it('lets the reporter reopen within 30 days of the resolution (back to IN_PROGRESS, reopenCount grows), not a minute later', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const complaints = [await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId }), await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId })];
    for (const complaint of complaints) {
      await toInProgress(complaint);
      await act(gateway(), 'resolveComplaint', { id: complaint.id, expectedVersion: 3, resolution: 'Corrected.' }, TREES_STEWARD);
    }
    const day = 24 * 3600_000;
    const [inside, outside] = complaints;
    await gateway().db.prisma.complaint.update({ where: { id: inside!.row.id }, data: { resolvedAt: new Date(Date.now() - 30 * day + 60_000) } });
    await gateway().db.prisma.complaint.update({ where: { id: outside!.row.id }, data: { resolvedAt: new Date(Date.now() - 30 * day - 60_000) } });

    const reopen = (complaint: typeof inside) =>
      act(gateway(), 'reopenComplaint', { reference: complaint!.reference, token: complaint!.token, expectedVersion: 4, reason: 'Still wrong on the map.' });
    expect((await reopen(inside)).payload).toMatchObject({ complaint: { status: 'IN_PROGRESS', reopenCount: 1, version: 5 } });
    const late = await reopen(outside);
    expect(late.payload).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('30 days') });
    expect((await gateway().db.prisma.complaint.findUniqueOrThrow({ where: { id: outside!.row.id } })).status).toBe('RESOLVED');
  });
});

describe('the reporter', () => {
  it('follows only their own complaint: another reference with their token is null, and a wrong token cannot act', async () => {
    const mine = await fresh(gateway(), { category: 'LICENSE_QUESTION' });
    const theirs = await fresh(gateway(), { category: 'LICENSE_QUESTION' });
    const crossed = await gateway().request(TRACK, { reference: theirs.reference, token: mine.token });
    expect(crossed.data!.trackComplaint).toBeNull();
    const reply = await act(gateway(), 'replyToComplaint', { reference: theirs.reference, token: mine.token, expectedVersion: 1, message: 'Hello' });
    expect(reply.payload).toMatchObject({ __typename: 'NotFoundError' });
    // Proving one token in a request does not open another complaint through node(id:).
    const node = await gateway().request(
      `query($ref: String!, $token: String!, $other: ID!) { trackComplaint(reference: $ref, token: $token) { reference } node(id: $other) { id } }`,
      { ref: mine.reference, token: mine.token, other: theirs.id },
    );
    expect(node.data).toEqual({ trackComplaint: { reference: mine.reference }, node: null });
  });

  it('sees the public timeline, answers a question, and never sees staff data or internal notes', async () => {
    const trees = await datasetId(gateway(), 'toaks-street-trees');
    const complaint = await fresh(gateway(), { category: 'DATASET_ERROR', datasetId: trees.globalId, reporterEmail: 'reporter@example.com' });
    await toInProgress(complaint);
    await act(gateway(), 'addComplaintNote', { id: complaint.id, expectedVersion: 3, message: 'Crew 3 suspects the import.' }, TREES_STEWARD);
    const asked = await act(gateway(), 'askComplaintReporter', { id: complaint.id, expectedVersion: 4, message: 'Which block is it on?' }, TREES_STEWARD);
    expect(asked.payload).toMatchObject({ complaint: { version: 5 } });
    const replied = await act(gateway(), 'replyToComplaint', { reference: complaint.reference, token: complaint.token, expectedVersion: 5, message: 'The 400 block.' });
    expect(replied.payload).toMatchObject({ __typename: 'ReplyToComplaintPayload' });

    const tracked = (await gateway().request(TRACK, { reference: complaint.reference, token: complaint.token })).data!.trackComplaint;
    expect(tracked).toMatchObject({ reporterEmail: 'reporter@example.com', assignee: null, slaDueAt: null, slaBreached: null, hoursSinceReceived: null, enforcementActions: null });
    expect(tracked.timeline.some((event: { internal: boolean }) => event.internal)).toBe(false);
    expect(JSON.stringify(tracked)).not.toContain('Crew 3');
    expect(tracked.timeline.map((event: { kind: string }) => event.kind)).toEqual(
      ['SUBMITTED', 'STATUS_CHANGE', 'STATUS_CHANGE', 'MESSAGE_TO_SUBMITTER', 'MESSAGE_FROM_SUBMITTER'],
    );
    const notifications = await gateway().db.prisma.notification.findMany({ where: { subjectId: complaint.row.id }, orderBy: { createdAt: 'asc' } });
    expect(notifications.map((message) => message.title)).toEqual([
      `We received your report ${complaint.reference}`,
      `Your report ${complaint.reference} is being worked on`,
      `Your report ${complaint.reference}: a question`,
    ]);

    const staffView = await gateway().request(TRACK, { reference: complaint.reference, token: complaint.token }, await staffHeaders(TREES_STEWARD));
    expect(staffView.data!.trackComplaint.timeline.filter((event: { internal: boolean }) => event.internal).length).toBeGreaterThan(0);
    expect(staffView.data!.trackComplaint.assignee).toEqual({ name: expect.any(String) });
  });
});
