// The one redaction rule, called directly (no server): who sees personal fields.
import { describe, expect, it } from 'vitest';
import { canSeePersonalData, redactAttributes } from '../../src/records/redaction.js';
import type { Viewer } from '../../src/access/viewer.js';

const dataset = {
  stewardId: 'steward-1',
  fields: [
    { name: 'case_number', pii: false },
    { name: 'complainant_name', pii: true },
  ],
};
const attributes = { case_number: 'CE-1', complainant_name: 'Pat Doe' };
const staff = (roles: string[], stewardId: string | null = null): Viewer => ({
  kind: 'staff', staffId: 's', email: 'e', name: 'n', roles: new Set(roles as never[]), stewardId,
});

describe('redactAttributes', () => {
  it.each([
    ['anonymous', { kind: 'anonymous' } as Viewer, false],
    ['partner', { kind: 'partner', apiKeyId: 'k', prefix: 'p', organization: 'o', scopes: new Set(['rate:high']) } as Viewer, false],
    ['other steward', staff(['STEWARD'], 'steward-2'), false],
    ['compliance officer', staff(['COMPLIANCE_OFFICER']), false],
    ['own steward', staff(['STEWARD'], 'steward-1'), true],
    ['records clerk', staff(['RECORDS_CLERK']), true],
    ['admin', staff(['ADMIN']), true],
  ])('%s sees personal data: %s', (_name, viewer, allowed) => {
    expect(canSeePersonalData(viewer, dataset)).toBe(allowed);
    const result = redactAttributes(viewer, dataset, attributes);
    expect(result.attributes.case_number).toBe('CE-1');
    expect(result.attributes.complainant_name).toBe(allowed ? 'Pat Doe' : null);
    expect(result.redactedFields).toEqual(allowed ? [] : ['complainant_name']);
    expect(attributes.complainant_name).toBe('Pat Doe'); // the input is never mutated
  });
});
