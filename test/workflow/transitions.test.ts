// The data-request lifecycle is one table: every pair of statuses is either allowed or refused with an
// error naming the current status and the allowed ones.
import { describe, expect, it } from 'vitest';
import { DataRequestStatus } from '../../src/generated/prisma/enums.js';
import { InvalidTransitionError } from '../../src/errors.js';
import { dataRequestLifecycle, OPEN_STATUSES, requiresLegalBasis } from '../../src/requests/lifecycle.js';

const ALLOWED: Record<DataRequestStatus, DataRequestStatus[]> = {
  RECEIVED: ['IN_REVIEW', 'NEEDS_CLARIFICATION', 'EXTENDED', 'FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN'],
  NEEDS_CLARIFICATION: ['IN_REVIEW', 'WITHDRAWN'],
  IN_REVIEW: ['NEEDS_CLARIFICATION', 'EXTENDED', 'AWAITING_PAYMENT', 'FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN'],
  EXTENDED: ['NEEDS_CLARIFICATION', 'AWAITING_PAYMENT', 'FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN'],
  AWAITING_PAYMENT: ['IN_REVIEW', 'WITHDRAWN'],
  FULFILLED: [],
  PARTIALLY_FULFILLED: ['UNDER_APPEAL'],
  DENIED: ['UNDER_APPEAL'],
  UNDER_APPEAL: ['APPEAL_UPHELD', 'IN_REVIEW'],
  APPEAL_UPHELD: [],
  WITHDRAWN: [],
};

const statuses = Object.values(DataRequestStatus) as DataRequestStatus[];
const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

describe('data-request lifecycle', () => {
  it.each(pairs.filter(([, , allowed]) => allowed))('allows %s → %s', (from, to) => {
    expect(() => dataRequestLifecycle.assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([, , allowed]) => !allowed))('refuses %s → %s, naming the allowed statuses', (from, to) => {
    let error: unknown;
    try {
      dataRequestLifecycle.assertTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).details()).toEqual({ from, to, allowed: ALLOWED[from] });
    expect((error as Error).message).toContain(`from ${from} to ${to}`);
  });

  it('keeps release, withdrawal and an upheld appeal final; appealable determinations and appeals out of the deadline queue', () => {
    expect(dataRequestLifecycle.finalStatuses.sort()).toEqual(['APPEAL_UPHELD', 'FULFILLED', 'WITHDRAWN']);
    expect(OPEN_STATUSES.sort()).toEqual(['AWAITING_PAYMENT', 'EXTENDED', 'IN_REVIEW', 'NEEDS_CLARIFICATION', 'RECEIVED']);
  });

  it('asks a legal basis of whatever withholds records', () => {
    expect(statuses.filter(requiresLegalBasis).sort()).toEqual(['DENIED', 'PARTIALLY_FULFILLED']);
  });
});
