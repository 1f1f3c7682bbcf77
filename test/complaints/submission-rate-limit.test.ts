// Complaints share the per-address submission budget with data requests.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

// 6 a minute: 1 per 10-second window plus a burst of 1.
const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6' });

const COMPLAINT = 'mutation { submitComplaint(input: { category: ACCESS_PROBLEM, summary: "API down", description: "The API answers 500 to everything." }) { __typename } }';
const REQUEST = 'mutation { submitDataRequest(input: { kind: NEW_DATASET, subject: "Bike counts", description: "Please publish the bike counter data." }) { __typename } }';

describe('complaint submission limit', () => {
  it('refuses a complaint over the address budget, counting data requests from the same address, without creating it', async () => {
    const before = await gateway().db.prisma.complaint.count();
    const first = await gateway().request(COMPLAINT);
    const second = await gateway().request(REQUEST);
    const third = await gateway().request(COMPLAINT);
    expect([first.data?.submitComplaint.__typename, second.data?.submitDataRequest.__typename]).toEqual(['SubmitComplaintPayload', 'SubmitDataRequestPayload']);
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await gateway().db.prisma.complaint.count()).toBe(before + 1);
  });
});
