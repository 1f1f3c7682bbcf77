// Appeals of a denial or partial release: within the window only, decided by someone other than the
// determiner, with their own outcome and timeline entries.
import { describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000', APPEAL_WINDOW_DAYS: '30' });
const CLERK = 'clerk@toaks.example';
const ADMIN = 'admin@toaks.example';

const SUBMIT = `mutation($input: SubmitDataRequestInput!) { submitDataRequest(input: $input) { ... on SubmitDataRequestPayload { reference trackingToken } } }`;
const DENY = `mutation($input: DetermineDataRequestInput!) { determineDataRequest(input: $input) { __typename } }`;
const APPEAL = `mutation($input: AppealDataRequestInput!) {
  appealDataRequest(input: $input) { __typename ... on Error { message } ... on AppealDataRequestPayload { dataRequest { status version } } }
}`;
const DECIDE = `mutation($input: DecideDataRequestAppealInput!) {
  decideDataRequestAppeal(input: $input) { __typename ... on Error { message } ... on DecideDataRequestAppealPayload { dataRequest { status version } } }
}`;
const TRACK = `query($reference: String!, $token: String!) { trackDataRequest(reference: $reference, token: $token) { status timeline { kind toStatus message } } }`;

/** A request the clerk denied (version 2). */
async function deniedRequest() {
  const { data } = await gateway().request(SUBMIT, {
    input: { kind: 'SPECIAL_EXTRACT', subject: 'Police overtime', description: 'Overtime hours by officer.', requesterEmail: 'reporter@example.com' },
  });
  const { reference, trackingToken: token } = data!.submitDataRequest;
  const row = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { reference } });
  const id = Buffer.from(`DataRequest:${row.id}`).toString('base64');
  const denied = await gateway().request(
    DENY,
    { input: { id, expectedVersion: 1, outcome: 'DENIED', outcomeNote: 'Personnel records.', legalBasis: 'Gov. Code §7927.700' } },
    await staffHeaders(CLERK),
  );
  expect(denied.data!.determineDataRequest.__typename).toBe('DetermineDataRequestPayload');
  return { id, rowId: row.id as string, reference: reference as string, token: token as string };
}

async function appeal(request: { reference: string; token: string }, expectedVersion = 2) {
  const result = await gateway().request(APPEAL, { input: { reference: request.reference, token: request.token, expectedVersion, reason: 'Aggregate hours are not personnel records.' } });
  expect(result.errors).toBeUndefined();
  return result.data!.appealDataRequest;
}

async function decide(email: string, id: string, outcome: 'UPHELD' | 'OVERTURNED', expectedVersion = 3) {
  return gateway().request(DECIDE, { input: { id, expectedVersion, outcome, note: 'Reviewed the exemption.' } }, await staffHeaders(email));
}

describe('appeals', () => {
  it('the requester appeals a denial within the window; it is audited, evented and on the public timeline', async () => {
    const request = await deniedRequest();
    expect(await appeal(request)).toMatchObject({ dataRequest: { status: 'UNDER_APPEAL', version: 3 } });
    const { prisma } = gateway().db;
    expect(await prisma.auditEvent.count({ where: { action: 'dataRequest.appeal', targetId: request.rowId } })).toBe(1);
    expect(await prisma.changeEvent.count({ where: { topic: 'dataRequest', entityId: request.rowId, payload: { path: ['action'], equals: 'dataRequest.appeal' } } })).toBe(1);
    const { data } = await gateway().request(TRACK, { reference: request.reference, token: request.token });
    expect(data!.trackDataRequest.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'STATUS_CHANGE', toStatus: 'UNDER_APPEAL' }),
        expect.objectContaining({ kind: 'MESSAGE_FROM_SUBMITTER', message: 'Aggregate hours are not personnel records.' }),
      ]),
    );
  });

  it('refuses an appeal after the window with a typed error, changing nothing', async () => {
    const request = await deniedRequest();
    const { prisma } = gateway().db;
    await prisma.dataRequest.update({ where: { id: request.rowId }, data: { determinedAt: new Date(Date.now() - 31 * 86_400_000) } });
    const late = await appeal(request);
    expect(late).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('appeal window closed') });
    expect((await prisma.dataRequest.findUniqueOrThrow({ where: { id: request.rowId } })).status).toBe('DENIED');
  });

  it('is not decided by the staff member who made the determination', async () => {
    const request = await deniedRequest();
    await appeal(request);
    const same = await decide(CLERK, request.id, 'UPHELD');
    expect(same.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const status = (await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.rowId } })).status;
    expect(status).toBe('UNDER_APPEAL');
  });

  it('another staff member upholds it: final, and the requester is told', async () => {
    const request = await deniedRequest();
    await appeal(request);
    const upheld = await decide(ADMIN, request.id, 'UPHELD');
    expect(upheld.data!.decideDataRequestAppeal).toMatchObject({ dataRequest: { status: 'APPEAL_UPHELD', version: 4 } });
    const { prisma } = gateway().db;
    expect(await prisma.auditEvent.count({ where: { action: 'dataRequest.decideAppeal', targetId: request.rowId } })).toBe(1);
    const mail = await prisma.notification.findFirstOrThrow({ where: { subjectId: request.rowId, title: { contains: 'appeal' } } });
    expect(mail).toMatchObject({ recipient: 'reporter@example.com', body: 'Reviewed the exemption.' });
    const again = await appeal(request, 4);
    expect(again).toMatchObject({ __typename: 'InvalidTransitionError' });
  });

  it('overturning reopens the request for review', async () => {
    const request = await deniedRequest();
    await appeal(request);
    const overturned = await decide(ADMIN, request.id, 'OVERTURNED');
    expect(overturned.data!.decideDataRequestAppeal).toMatchObject({ dataRequest: { status: 'IN_REVIEW', version: 4 } });
    const row = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.rowId } });
    expect(row).toMatchObject({ determinedAt: null, closedAt: null });
    const { data } = await gateway().request(TRACK, { reference: request.reference, token: request.token });
    expect(data!.trackDataRequest.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'STATUS_CHANGE', toStatus: 'IN_REVIEW', message: expect.stringContaining('Appeal granted') })]),
    );
  });
});
