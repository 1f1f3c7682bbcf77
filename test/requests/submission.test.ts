// Public submission: sequential references without gaps under concurrency, a token shown once that opens
// only its own request, idempotent retries, and checked input with field paths.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

// Many submissions from one address: the per-address submission budget is not under test here.
const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6000' });

const SUBMIT = /* GraphQL */ `
  mutation($input: SubmitDataRequestInput!) {
    submitDataRequest(input: $input) {
      __typename
      ... on SubmitDataRequestPayload { reference trackingToken replayed }
      ... on ValidationError { problems { path message } }
    }
  }
`;
const TRACK = /* GraphQL */ `
  query($reference: String!, $token: String!) {
    trackDataRequest(reference: $reference, token: $token) { reference status dueAt daysLeft version timeline { kind } }
  }
`;

const valid = (extra: Record<string, unknown> = {}) => ({
  kind: 'SPECIAL_EXTRACT',
  subject: 'Pothole repairs by month',
  description: 'Monthly counts of pothole repairs per council district since 2020.',
  requesterEmail: 'someone@example.com',
  ...extra,
});

const submit = async (input: Record<string, unknown>) => (await gateway().request(SUBMIT, { input })).data!.submitDataRequest;
const number = (reference: string) => Number(reference.split('-')[2]);

describe('submitDataRequest', () => {
  it('answers anonymous callers with a reference and a token that opens that request, due in 10 days', async () => {
    const submitted = await submit(valid());
    expect(submitted.reference).toMatch(/^PRR-\d{4}-\d{4}$/);
    expect(submitted.trackingToken).toMatch(/^trk_[\w-]{32}$/);
    const tracked = await gateway().request(TRACK, { reference: submitted.reference, token: submitted.trackingToken });
    expect(tracked.data!.trackDataRequest).toMatchObject({ status: 'RECEIVED', daysLeft: 10, version: 1, timeline: [{ kind: 'SUBMITTED' }] });

    const other = await submit(valid());
    const crossed = await gateway().request(TRACK, { reference: other.reference, token: submitted.trackingToken });
    expect(crossed.data).toEqual({ trackDataRequest: null });
  });

  it('numbers concurrent submissions consecutively, without gaps or duplicates, continuing the seeded numbers', async () => {
    const { prisma } = gateway().db;
    const before = await prisma.dataRequest.findMany({ select: { reference: true } });
    const highest = Math.max(...before.map((request) => number(request.reference)));
    const results = await Promise.all(Array.from({ length: 12 }, () => submit(valid())));
    const numbers = results.map((result) => number(result.reference)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, index) => highest + 1 + index));
  });

  it('returns the first request for a retry with the same idempotency key, also when retries race', async () => {
    const first = await submit(valid({ idempotencyKey: 'retry-key-0001' }));
    const again = await submit(valid({ idempotencyKey: 'retry-key-0001' }));
    expect(again).toEqual({ __typename: 'SubmitDataRequestPayload', reference: first.reference, trackingToken: null, replayed: true });

    const racing = await Promise.all(Array.from({ length: 5 }, () => submit(valid({ idempotencyKey: 'retry-key-0002' }))));
    expect(new Set(racing.map((result) => result.reference)).size).toBe(1);
    expect(racing.filter((result) => result.trackingToken !== null)).toHaveLength(1);
    expect(await gateway().db.prisma.dataRequest.count({ where: { idempotencyKey: 'retry-key-0002' } })).toBe(1);
  });

  it('queues the acknowledgement and writes the audit entry and change event with the request', async () => {
    const submitted = await submit(valid());
    const { prisma } = gateway().db;
    const request = await prisma.dataRequest.findUniqueOrThrow({ where: { reference: submitted.reference } });
    const [notification] = await prisma.notification.findMany({ where: { subjectId: request.id } });
    expect(notification).toMatchObject({ recipient: 'someone@example.com', status: 'PENDING' });
    expect(notification!.body).toContain(submitted.reference);
    expect(await prisma.auditEvent.count({ where: { action: 'dataRequest.submit', targetId: request.id } })).toBe(1);
    const changes = await prisma.changeEvent.findMany({ where: { topic: 'dataRequest', entityId: request.id } });
    expect(changes.map((change) => change.operation)).toEqual(['CREATED']);
    expect(JSON.stringify(changes[0]!.payload)).not.toContain('someone@example.com');
  });

  it('takes the idempotency key from the Idempotency-Key header too', async () => {
    const headers = { 'idempotency-key': 'header-key-0001' };
    const first = (await gateway().request(SUBMIT, { input: valid() }, headers)).data!.submitDataRequest;
    const retry = (await gateway().request(SUBMIT, { input: valid() }, headers)).data!.submitDataRequest;
    expect(first.replayed).toBe(false);
    expect(retry).toMatchObject({ reference: first.reference, trackingToken: null, replayed: true });
  });

  it('accepts a dataset the caller can see, and answers for one they cannot as if it did not exist', async () => {
    const { prisma } = gateway().db;
    const open = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: 'PUBLIC' } });
    const hidden = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: 'NON_PUBLIC' } });
    const datasetId = (id: string) => Buffer.from(`Dataset:${id}`).toString('base64');
    expect((await submit(valid({ datasetId: datasetId(open.id) }))).__typename).toBe('SubmitDataRequestPayload');
    const refused = await submit(valid({ datasetId: datasetId(hidden.id) }));
    expect(refused.problems).toEqual([{ path: ['input', 'datasetId'], message: 'is not a dataset you can see' }]);
  });

  it('reports every bad field under input, and creates nothing', async () => {
    const count = await gateway().db.prisma.dataRequest.count();
    const result = await submit(valid({ subject: ' ', description: 'short', requesterPhone: 'call me', idempotencyKey: 'x' }));
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems.map((problem: { path: string[] }) => problem.path.join('.')).sort()).toEqual([
      'input.description',
      'input.idempotencyKey',
      'input.requesterPhone',
      'input.subject',
    ]);
    expect(await gateway().db.prisma.dataRequest.count()).toBe(count);
  });
});
