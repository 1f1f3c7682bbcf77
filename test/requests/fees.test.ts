// Fee estimates: billable line items only, the requester accepts or declines, staff record the payment.
import { describe, expect, it } from 'vitest';
import type { GraphQLEnumType } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });
const globalId = (id: string) => Buffer.from(`DataRequest:${id}`).toString('base64');

const SUBMIT = `mutation($input: SubmitDataRequestInput!) { submitDataRequest(input: $input) { ... on SubmitDataRequestPayload { reference trackingToken } } }`;
const DATA = 'dataRequest { status version feeCents feeItems { kind description amountCents } feeAcceptedAt feePaidAt }';
const ESTIMATE = `mutation($input: EstimateDataRequestFeesInput!) { estimateDataRequestFees(input: $input) {
  __typename ... on EstimateDataRequestFeesPayload { ${DATA} } ... on ValidationError { problems { path } } } }`;
const PAY = `mutation($input: RecordDataRequestPaymentInput!) { recordDataRequestPayment(input: $input) { __typename ... on RecordDataRequestPaymentPayload { ${DATA} } } }`;
const ANSWER = `mutation($input: AnswerDataRequestFeeEstimateInput!) { answerDataRequestFeeEstimate(input: $input) {
  __typename ... on AnswerDataRequestFeeEstimatePayload { ${DATA} } ... on Error { message } } }`;

const ITEMS = [
  { kind: 'PROGRAMMING', description: 'Query to extract removal history', amountCents: 4000 },
  { kind: 'DUPLICATION', description: 'USB drive', amountCents: 500 },
];

async function requestUnderReview() {
  const { data } = await gateway().request(SUBMIT, {
    input: { kind: 'SPECIAL_EXTRACT', subject: 'Tree removals', description: 'Street tree removals since 2015.', requesterEmail: 'fees@example.com' },
  });
  const { reference, trackingToken } = data!.submitDataRequest;
  const row = await gateway().db.prisma.dataRequest.findUniqueOrThrow({ where: { reference } });
  await gateway().db.prisma.dataRequest.update({ where: { id: row.id }, data: { status: 'IN_REVIEW', version: 2 } });
  return { id: globalId(row.id), rowId: row.id, reference, token: trackingToken as string };
}

async function asClerk(query: string, input: Record<string, unknown>) {
  const result = await gateway().request(query, { input }, await staffHeaders('clerk@toaks.example'));
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as Record<string, any>;
}

describe('fees', () => {
  it('offers no billable kind for redaction', () => {
    const kinds = (schema.getType('FeeItemKind') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(kinds.sort()).toEqual(['DUPLICATION', 'EXTRACTION', 'PROGRAMMING']);
  });

  it('estimates from line items, then the requester accepts and staff record the payment', async () => {
    const request = await requestUnderReview();
    const empty = await asClerk(ESTIMATE, { id: request.id, expectedVersion: 2, items: [] });
    expect(empty.problems).toEqual([{ path: ['input', 'items'] }]);

    const estimated = await asClerk(ESTIMATE, { id: request.id, expectedVersion: 2, items: ITEMS });
    expect(estimated.dataRequest).toMatchObject({ status: 'AWAITING_PAYMENT', feeCents: 4500, feeItems: ITEMS, version: 3 });
    const mail = await gateway().db.prisma.notification.findFirstOrThrow({ where: { subjectId: request.rowId, title: { contains: 'fee estimate' } } });
    expect(mail.body).toContain('$45.00');

    const requester = { reference: request.reference, token: request.token };
    const accepted = await gateway().request(ANSWER, { input: { ...requester, expectedVersion: 3, accept: true } });
    expect(accepted.data!.answerDataRequestFeeEstimate.dataRequest).toMatchObject({ status: 'AWAITING_PAYMENT', feeAcceptedAt: expect.any(String) });
    const twice = await gateway().request(ANSWER, { input: { ...requester, expectedVersion: 4, accept: true } });
    expect(twice.data!.answerDataRequestFeeEstimate.__typename).toBe('ConflictError');

    const paid = await asClerk(PAY, { id: request.id, expectedVersion: 4 });
    expect(paid.dataRequest).toMatchObject({ status: 'IN_REVIEW', feePaidAt: expect.any(String) });
  });

  it('a declined estimate puts the request back in review without the fee', async () => {
    const request = await requestUnderReview();
    await asClerk(ESTIMATE, { id: request.id, expectedVersion: 2, items: ITEMS });
    const declined = await gateway().request(ANSWER, { input: { reference: request.reference, token: request.token, expectedVersion: 3, accept: false } });
    expect(declined.data!.answerDataRequestFeeEstimate.dataRequest).toMatchObject({ status: 'IN_REVIEW', feeCents: null, feeItems: null });
  });
});
