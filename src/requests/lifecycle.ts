// The data-request lifecycle (California Public Records Act) and its rules.
import { DataRequestStatus as Status } from '../generated/prisma/enums.js';
import { Lifecycle } from '../workflow/transitions.js';

const DETERMINATIONS = [Status.FULFILLED, Status.PARTIALLY_FULFILLED, Status.DENIED] as const;

export const dataRequestLifecycle = new Lifecycle<Status>('DataRequest', {
  RECEIVED: [Status.IN_REVIEW, Status.NEEDS_CLARIFICATION, Status.EXTENDED, ...DETERMINATIONS, Status.WITHDRAWN],
  // Answering the clarification puts the request back in review.
  NEEDS_CLARIFICATION: [Status.IN_REVIEW, Status.WITHDRAWN],
  IN_REVIEW: [Status.NEEDS_CLARIFICATION, Status.EXTENDED, Status.AWAITING_PAYMENT, ...DETERMINATIONS, Status.WITHDRAWN],
  EXTENDED: [Status.NEEDS_CLARIFICATION, Status.AWAITING_PAYMENT, ...DETERMINATIONS, Status.WITHDRAWN],
  // Back in review once the payment is recorded, or the requester declines the estimate.
  AWAITING_PAYMENT: [Status.IN_REVIEW, Status.WITHDRAWN],
  FULFILLED: [],
  // Withholding may be appealed once; overturning reopens the request for review.
  PARTIALLY_FULFILLED: [Status.UNDER_APPEAL],
  DENIED: [Status.UNDER_APPEAL],
  UNDER_APPEAL: [Status.APPEAL_UPHELD, Status.IN_REVIEW],
  APPEAL_UPHELD: [],
  WITHDRAWN: [],
});

/** A determination is what the 10-day deadline asks for (§7922.535). */
export const isDetermination = (status: Status) => (DETERMINATIONS as readonly Status[]).includes(status);

/** Withholding anything (all or part) must state its legal basis. */
export const requiresLegalBasis = (status: Status) => status === Status.DENIED || status === Status.PARTIALLY_FULFILLED;

/** Statuses still waiting for a determination (their deadline runs); an appealable determination is one. */
export const OPEN_STATUSES: Status[] = (Object.values(Status) as Status[]).filter(
  (status) => !dataRequestLifecycle.finalStatuses.includes(status) && !isDetermination(status) && status !== Status.UNDER_APPEAL,
);

/**
 * The "unusual circumstances" that alone justify an extension (Gov. Code §7922.535(c)).
 */
export const UNUSUAL_CIRCUMSTANCES = {
  FIELD_FACILITIES: 'The records must be searched for and collected at field facilities or other establishments separate from the office processing the request.',
  VOLUMINOUS_RECORDS: 'A voluminous amount of separate and distinct records must be searched for, collected and examined.',
  CONSULTATION: 'Another agency with a substantial interest, or two or more components of the city, must be consulted.',
  DATA_EXTRACTION: 'Data must be compiled, or a program or report written, to extract the records.',
} as const;

export type UnusualCircumstance = keyof typeof UNUSUAL_CIRCUMSTANCES;

/** Response period and the one extension allowed (§7922.535). */
export const RESPONSE_DAYS = 10;
export const MAX_EXTENSION_DAYS = 14;
