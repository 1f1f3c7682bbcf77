// How a dataset can be used: pure rules, and the same answers through GraphQL.
import { describe, expect, it } from 'vitest';
import { accessRequirements, updateCadence } from '../../src/catalog/access-requirements.js';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { AccessLevel } from '../../src/generated/prisma/enums.js';
import { LICENSE_NOT_SPECIFIED_NOTICE } from '../../src/catalog/service.js';
import { useTestGateway } from '../support/gateway.js';

const tiers = { anonymousPerMinute: 300, partnerPerMinute: 1200 };

describe('access requirements', () => {
  it('needs no key for public datasets, at the anonymous rate', () => {
    expect(accessRequirements({ accessLevel: AccessLevel.PUBLIC, identifier: 'trees' }, tiers)).toMatchObject({
      apiKeyRequired: false,
      rateLimitPerMinute: 300,
    });
  });

  it('needs a partner key with the dataset read scope for restricted public datasets, at the partner rate', () => {
    const access = accessRequirements({ accessLevel: AccessLevel.RESTRICTED_PUBLIC, identifier: 'collisions' }, tiers);
    expect(access).toMatchObject({ apiKeyRequired: true, rateLimitPerMinute: 1200 });
    expect(access.howToGetAccess).toContain('datasets:read:collisions');
  });

  it('sends non-public datasets to a records request: no key opens them, no rate applies', () => {
    const access = accessRequirements({ accessLevel: AccessLevel.NON_PUBLIC, identifier: 'complainants' }, tiers);
    expect(access).toMatchObject({ apiKeyRequired: false, rateLimitPerMinute: null });
    expect(access.howToGetAccess).toMatch(/public records request/i);
  });
});

describe('update cadence', () => {
  it.each([
    ['R/P1D', 'daily'],
    ['R/P1W', 'weekly'],
    ['R/P1M', 'monthly'],
    ['R/P3M', 'quarterly'],
    ['R/P1Y', 'annually'],
    ['irregular', 'irregularly'],
    ['R/PT1S', null],
    ['', null],
    [null, null],
  ])('reads %s as %s', (periodicity, words) => {
    expect(updateCadence(periodicity)).toBe(words);
  });
});

describe('access, cadence and license notice through GraphQL', () => {
  const gateway = useTestGateway({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '321', RATE_LIMIT_PARTNER_PER_MINUTE: '1234' });
  const query = /* GraphQL */ `
    query($identifier: String!) {
      dataset(identifier: $identifier) {
        accessLevel accrualPeriodicity updateCadence licenseNotice
        access { apiKeyRequired howToGetAccess rateLimitPerMinute }
      }
    }
  `;

  it('answers from the access level, the configured rate tiers and the license', async () => {
    const { prisma } = gateway().db;
    const monthly = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: AccessLevel.PUBLIC, accrualPeriodicity: 'R/P1M' } });
    const anonymous = await gateway().request(query, { identifier: monthly.identifier });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.dataset).toMatchObject({ updateCadence: 'monthly', access: { apiKeyRequired: false, rateLimitPerMinute: 321 } });
    expect(anonymous.data!.dataset.licenseNotice).toMatch(/^Reusable under /);

    const unlicensed = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: AccessLevel.PUBLIC, license: { specified: false } } });
    const notice = await gateway().request(query, { identifier: unlicensed.identifier });
    expect(notice.data!.dataset.licenseNotice).toBe(LICENSE_NOT_SPECIFIED_NOTICE);

    const restricted = await prisma.dataset.findFirstOrThrow({ where: { accessLevel: AccessLevel.RESTRICTED_PUBLIC } });
    const token = await signStaffToken(loadConfig({ NODE_ENV: 'test' }).jwt, 'clerk@toaks.example');
    const staff = await gateway().request(query, { identifier: restricted.identifier }, { authorization: `Bearer ${token}` });
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.dataset.access).toEqual({
      apiKeyRequired: true,
      howToGetAccess: expect.stringContaining(`datasets:read:${restricted.identifier}`),
      rateLimitPerMinute: 1234,
    });
  });
});
