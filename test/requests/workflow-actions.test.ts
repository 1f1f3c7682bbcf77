// The staff and requester actions: transitions through the table, expectedVersion races, legal basis,
// the single extension, and the audit entry, change event and notification written with each change.
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

// Many submissions from one address: the per-address submission budget is not under test here.
const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });
const CLERK = 'clerk@toaks.example';

const SELECTIONS: Record<string, string> = {
  InvalidTransitionError: '... on InvalidTransitionError { from to allowed }',
  ValidationError: '... on ValidationError { problems { path message } }',
};
/** The mutation with `__typename`, the message of any error, and the details of the errors it can return. */
const action = (name: string, inputType: string, errors = ['InvalidTransitionError', 'ValidationError']) => /* GraphQL */ `
  mutation($input: ${inputType}!) {
    ${name}(input: $input) {
      __typename
      ... on Error { message }
      ${errors.map((error) => SELECTIONS[error]).join('\n')}
      ... on ${name[0]!.toUpperCase()}${name.slice(1)}Payload { dataRequest { status version dueAt } }
    }
  }
`;
const ACKNOWLEDGE = action('acknowledgeDataRequest', 'AcknowledgeDataRequestInput', ['InvalidTransitionError']);
const EXTEND = action('extendDataRequest', 'ExtendDataRequestInput');
const DETERMINE = action('determineDataRequest', 'DetermineDataRequestInput');
const CLARIFY = action('requestDataRequestClarification', 'RequestDataRequestClarificationInput');
const NOTE = action('addDataRequestNote', 'AddDataRequestNoteInput', ['ValidationError']);
const ANSWER = action('answerDataRequestClarification', 'AnswerDataRequestClarificationInput');
const WITHDRAW = action('withdrawDataRequest', 'WithdrawDataRequestInput');
const SUBMIT = `mutation($input: SubmitDataRequestInput!) { submitDataRequest(input: $input) { ... on SubmitDataRequestPayload { reference trackingToken } } }`;
const TRACK = `query($reference: String!, $token: String!) { trackDataRequest(reference: $reference, token: $token) { status timeline { kind internal message } } }`;

const globalId = (id: string) => Buffer.from(`DataRequest:${id}`).toString('base64');

async function freshRequest() {
  const { data } = await gateway().request(SUBMIT, {
    input: { kind: 'SPECIAL_EXTRACT', subject: 'Crossing guard schedules', description: 'Schedules of crossing guards at every school.', requesterEmail: 'parent@example.com' },
  });
  const { reference, trackingToken } = data!.submitDataRequest;
  const row = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { reference } });
  return { id: globalId(row.id), rowId: row.id, reference, token: trackingToken as string };
}

async function asClerk(query: string, input: Record<string, unknown>) {
  const result = await gateway().request(query, { input }, await staffHeaders(CLERK));
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as Record<string, any>;
}

describe('staff actions', () => {
  it('acknowledge moves RECEIVED to IN_REVIEW once; a second try is an invalid transition naming the allowed ones', async () => {
    const request = await freshRequest();
    const first = await asClerk(ACKNOWLEDGE, { id: request.id, expectedVersion: 1 });
    expect(first.dataRequest).toMatchObject({ status: 'IN_REVIEW', version: 2 });
    const again = await asClerk(ACKNOWLEDGE, { id: request.id, expectedVersion: 2 });
    expect(again).toMatchObject({
      __typename: 'InvalidTransitionError',
      from: 'IN_REVIEW',
      to: 'IN_REVIEW',
      allowed: ['NEEDS_CLARIFICATION', 'EXTENDED', 'AWAITING_PAYMENT', 'FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN'],
    });
  });

  it('of 20 clerks acting on the same version at once, exactly one wins; the others get a ConflictError', async () => {
    const request = await freshRequest();
    const headers = await staffHeaders(CLERK);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        gateway().request(NOTE, { input: { id: request.id, expectedVersion: 1, message: `Note ${index}` } }, headers),
      ),
    );
    const types = results.map((result) => result.data!.addDataRequestNote.__typename);
    expect(types.filter((type) => type === "AddDataRequestNotePayload")).toHaveLength(1);
    expect(types.filter((type) => type === 'ConflictError')).toHaveLength(19);
    const { prisma } = gateway().db;
    expect(await prisma.dataRequestEvent.count({ where: { requestId: request.rowId, kind: 'INTERNAL_NOTE' } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'dataRequest.addInternalNote', targetId: request.rowId } })).toBe(1);
  });

  it('extends once, by at most 14 days, moving the due date; a second extension is refused', async () => {
    const request = await freshRequest();
    const tooLong = await asClerk(EXTEND, { id: request.id, expectedVersion: 1, reason: 'DATA_EXTRACTION', days: 15 });
    expect(tooLong.problems).toEqual([{ path: ['input', 'days'], message: expect.any(String) }]);

    const before = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.rowId } });
    const extended = await asClerk(EXTEND, { id: request.id, expectedVersion: 1, reason: 'DATA_EXTRACTION', days: 14 });
    expect(extended.dataRequest.status).toBe('EXTENDED');
    const days = (new Date(extended.dataRequest.dueAt).getTime() - before.dueAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(14);

    await asClerk(CLARIFY, { id: request.id, expectedVersion: 2, message: 'Which schools?' });
    await gateway().request(ANSWER, { input: { reference: request.reference, token: request.token, expectedVersion: 3, message: 'All of them.' } });
    const second = await asClerk(EXTEND, { id: request.id, expectedVersion: 4, reason: 'CONSULTATION', days: 3 });
    expect(second).toMatchObject({ __typename: 'ConflictError' });
  });

  it('requires a legal basis to deny or partially fulfil, and closes the request when determined', async () => {
    const request = await freshRequest();
    const missing = await asClerk(DETERMINE, { id: request.id, expectedVersion: 1, outcome: 'DENIED', outcomeNote: 'Exempt.' });
    expect(missing.problems).toEqual([{ path: ['input', 'legalBasis'], message: 'is required when the outcome is DENIED' }]);
    const denied = await asClerk(DETERMINE, { id: request.id, expectedVersion: 1, outcome: 'DENIED', outcomeNote: 'Exempt.', legalBasis: 'Gov. Code §7927.700' });
    expect(denied.dataRequest.status).toBe('DENIED');
    const reopened = await asClerk(ACKNOWLEDGE, { id: request.id, expectedVersion: 2 });
    expect(reopened).toMatchObject({ __typename: 'InvalidTransitionError', from: 'DENIED', allowed: ['UNDER_APPEAL'] });
  });

  it('writes the audit entry, the ChangeEvent and the requester notification with each change, and nothing on failure', async () => {
    const request = await freshRequest();
    const { prisma } = gateway().db;
    const counts = async () => ({
      audit: await prisma.auditEvent.count({ where: { targetId: request.rowId } }),
      changes: await prisma.changeEvent.count({ where: { topic: 'dataRequest', entityId: request.rowId } }),
      mail: await prisma.notification.count({ where: { subjectId: request.rowId } }),
    });
    const start = await counts();
    await asClerk(CLARIFY, { id: request.id, expectedVersion: 1, message: 'Which school year?' });
    expect(await counts()).toEqual({ audit: start.audit + 1, changes: start.changes + 1, mail: start.mail + 1 });
    const stale = await asClerk(CLARIFY, { id: request.id, expectedVersion: 1, message: 'Again?' });
    expect(stale.__typename).toBe('ConflictError');
    expect(await counts()).toEqual({ audit: start.audit + 1, changes: start.changes + 1, mail: start.mail + 1 });
    const mail = await prisma.notification.findFirstOrThrow({ where: { subjectId: request.rowId, title: { contains: 'clarify' } } });
    expect(mail).toMatchObject({ recipient: 'parent@example.com', body: 'Which school year?' });
  });

  it('are for records staff only, checked before the input', async () => {
    const request = await freshRequest();
    const anonymous = await gateway().request(ACKNOWLEDGE, { input: { id: request.id, expectedVersion: 1 } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const compliance = await gateway().request(EXTEND, { input: { id: request.id, expectedVersion: 1, reason: 'CONSULTATION', days: 99 } }, await staffHeaders('compliance@toaks.example'));
    expect(compliance.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('requester actions (reference + token)', () => {
  it('answer a clarification and see the public timeline without internal notes', async () => {
    const request = await freshRequest();
    await asClerk(NOTE, { id: request.id, expectedVersion: 1, message: 'Staff-only remark' });
    await asClerk(CLARIFY, { id: request.id, expectedVersion: 2, message: 'Which schools?' });
    const answered = await gateway().request(ANSWER, { input: { reference: request.reference, token: request.token, expectedVersion: 3, message: 'Conejo Elementary.' } });
    expect(answered.data!.answerDataRequestClarification.dataRequest.status).toBe('IN_REVIEW');
    const tracked = await gateway().request(TRACK, { reference: request.reference, token: request.token });
    const timeline = tracked.data!.trackDataRequest.timeline;
    expect(timeline.map((event: { kind: string }) => event.kind)).toEqual(['SUBMITTED', 'STATUS_CHANGE', 'STATUS_CHANGE', 'MESSAGE_FROM_SUBMITTER']);
    expect(JSON.stringify(timeline)).not.toContain('Staff-only remark');
  });

  it('withdraw with the right token only; a wrong token answers like an unknown reference', async () => {
    const request = await freshRequest();
    const other = await freshRequest();
    const crossed = await gateway().request(WITHDRAW, { input: { reference: request.reference, token: other.token, expectedVersion: 1 } });
    const unknown = await gateway().request(WITHDRAW, { input: { reference: 'PRR-1999-0001', token: other.token, expectedVersion: 1 } });
    expect(crossed.data!.withdrawDataRequest.__typename).toBe('NotFoundError');
    expect(unknown.data!.withdrawDataRequest.__typename).toBe('NotFoundError');
    const withdrawn = await gateway().request(WITHDRAW, { input: { reference: request.reference, token: request.token, expectedVersion: 1 } });
    expect(withdrawn.data!.withdrawDataRequest.dataRequest.status).toBe('WITHDRAWN');
  });
});
