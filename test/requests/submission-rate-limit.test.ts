// Public submissions have a per-address budget of their own, on top of the general request budgets.
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

// 6 a minute: 1 per 10-second window plus a burst of 1.
const gateway = useTestGateway({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6' });

const SUBMIT = `mutation { submitDataRequest(input: { kind: NEW_DATASET, subject: "Bike counts", description: "Please publish the bike counter data." }) { __typename } }`;

describe('submission rate limit', () => {
  it('refuses submissions over the address budget with RATE_LIMITED, without creating them, while other requests go on', async () => {
    const before = await gateway().db.prisma.dataRequest.count();
    const results = [];
    for (let attempt = 0; attempt < 3; attempt++) results.push(await gateway().request(SUBMIT));
    expect(results.slice(0, 2).map((result) => result.data?.submitDataRequest.__typename)).toEqual(['SubmitDataRequestPayload', 'SubmitDataRequestPayload']);
    expect(results[2]!.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await gateway().db.prisma.dataRequest.count()).toBe(before + 2);

    const query = await gateway().request('{ dataRequestStatistics { determined } }');
    expect(query.errors).toBeUndefined();
  });
});
