// Calendar facts over real HTTP: a dataset's issue date is a day, not a UTC midnight that a Pacific client
// would show as the previous day; a request is due at the end of its local due day.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CITY_ZONE } from '../../src/workflow/deadlines.js';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer();

describe('calendar facts', () => {
  it('gives a dataset issue date as the calendar day it was published', async () => {
    const result = await server().request('{ dataset(identifier: "toaks-code-compliance-cases") { issued } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.dataset.issued).toBe('2018-07-01');
  });

  it('makes every seeded request due at 23:59:59.999 Pacific time, 10 (or 24 when extended) local days after receipt', async () => {
    const result = await server().request(
      '{ dataRequests(first: 50) { edges { node { reference receivedAt extendedAt dueAt } } } }',
      {},
      await server().staff('clerk@toaks.example'),
    );
    expect(result.errors).toBeUndefined();
    const requests = result.data!.dataRequests.edges.map((edge: any) => edge.node);
    expect(requests.length).toBeGreaterThan(3);
    for (const request of requests) {
      const due = DateTime.fromISO(request.dueAt, { zone: CITY_ZONE });
      const received = DateTime.fromISO(request.receivedAt, { zone: CITY_ZONE });
      const days = request.extendedAt ? 24 : 10;
      expect({ reference: request.reference, due: due.toISO() }).toEqual({
        reference: request.reference,
        due: received.startOf('day').plus({ days }).endOf('day').toISO(),
      });
    }
  });
});
