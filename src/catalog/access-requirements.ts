// "Do I need an API key?": how a dataset can be used, derived from its access level and the rate tiers,
// and its update cadence in words. Pure functions; GraphQL exposes them on Dataset (access-types.ts).
import { AccessLevel } from '../generated/prisma/enums.js';
import { datasetReadScope } from '../access/visibility.js';

export interface RateTiers {
  anonymousPerMinute: number;
  partnerPerMinute: number;
}

export interface AccessRequirements {
  apiKeyRequired: boolean;
  howToGetAccess: string;
  /** Requests per minute the caller gets on the tier that opens the dataset; null when no tier does. */
  rateLimitPerMinute: number | null;
}

export function accessRequirements(dataset: { accessLevel: AccessLevel; identifier: string }, tiers: RateTiers): AccessRequirements {
  switch (dataset.accessLevel) {
    case AccessLevel.PUBLIC:
      return {
        apiKeyRequired: false,
        howToGetAccess: 'Open to everyone: no API key or sign-in needed.',
        rateLimitPerMinute: tiers.anonymousPerMinute,
      };
    case AccessLevel.RESTRICTED_PUBLIC:
      return {
        apiKeyRequired: true,
        howToGetAccess:
          `Ask the city for a partner API key with the scope ${datasetReadScope(dataset.identifier)} ` +
          '(see the rights statement), then send it as X-API-Key.',
        rateLimitPerMinute: tiers.partnerPerMinute,
      };
    case AccessLevel.NON_PUBLIC:
      return {
        apiKeyRequired: false,
        howToGetAccess: 'Not available through the API, with or without a key: file a public records request (California Public Records Act) with the City Clerk.',
        rateLimitPerMinute: null,
      };
  }
}

const CADENCES: Record<string, string> = {
  'R/P1D': 'daily',
  'R/P1W': 'weekly',
  'R/P1M': 'monthly',
  'R/P3M': 'quarterly',
  'R/P1Y': 'annually',
  irregular: 'irregularly',
};

/** accrualPeriodicity (ISO 8601 repeating duration) in words; null when absent or not one we can name. */
export function updateCadence(accrualPeriodicity: string | null | undefined): string | null {
  return (accrualPeriodicity && CADENCES[accrualPeriodicity.trim()]) || null;
}
