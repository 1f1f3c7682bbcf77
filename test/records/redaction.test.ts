// The one redaction rule, called directly (no server): who sees personal fields and personal geometry, and
// that only declared fields ever come out.
import { describe, expect, it } from 'vitest';
import { seesPersonalData } from '../../src/access/policy.js';
import { redactRecord } from '../../src/records/redaction.js';
import type { Viewer } from '../../src/access/viewer.js';

const dataset = {
  stewardId: 'steward-1',
  geometryPii: false,
  fields: [
    { name: 'case_number', pii: false },
    { name: 'complainant_name', pii: true },
  ],
};
const point = { type: 'Point', coordinates: [-118.84, 34.17] };
const record = { attributes: { case_number: 'CE-1', complainant_name: 'Pat Doe' }, geometry: point };
const staff = (roles: string[], stewardId: string | null = null): Viewer => ({
  kind: 'staff', staffId: 's', email: 'e', name: 'n', roles: new Set(roles as never[]), stewardId,
});

const viewers: [string, Viewer, boolean][] = [
  ['anonymous', { kind: 'anonymous' }, false],
  ['partner', { kind: 'partner', apiKeyId: 'k', prefix: 'p', organization: 'o', scopes: new Set(['rate:high']) }, false],
  ['other steward', staff(['STEWARD'], 'steward-2'), false],
  ['compliance officer', staff(['COMPLIANCE_OFFICER']), false],
  ['own steward', staff(['STEWARD'], 'steward-1'), true],
  ['records clerk', staff(['RECORDS_CLERK']), true],
  ['admin', staff(['ADMIN']), true],
];

describe('redactRecord', () => {
  it.each(viewers)('%s sees personal fields: %s', (_name, viewer, allowed) => {
    expect(seesPersonalData(viewer, dataset)).toBe(allowed);
    const result = redactRecord(viewer, dataset, record);
    expect(result.attributes.case_number).toBe('CE-1');
    expect(result.attributes.complainant_name).toBe(allowed ? 'Pat Doe' : null);
    expect(result.redactedFields).toEqual(allowed ? [] : ['complainant_name']);
    expect(result.geometry).toEqual(point); // this dataset's geometry is not personal
    expect(record.attributes.complainant_name).toBe('Pat Doe'); // the input is never mutated
  });

  it.each(viewers)('%s sees geometry declared personal: %s', (_name, viewer, allowed) => {
    const result = redactRecord(viewer, { ...dataset, geometryPii: true }, record);
    expect(result.geometry).toEqual(allowed ? point : null);
    expect(result.redactedFields).toEqual(allowed ? [] : ['complainant_name', 'geometry']);
  });

  it.each(viewers)('%s never gets undeclared keys', (_name, viewer) => {
    const stray = { attributes: { ...record.attributes, complainant_address: '1 Main St' }, geometry: null };
    const result = redactRecord(viewer, dataset, stray);
    expect(Object.keys(result.attributes).sort()).toEqual(['case_number', 'complainant_name']);
  });

  it('gives a declared field that a row lacks as null', () => {
    expect(redactRecord(staff(['ADMIN']), dataset, { attributes: { case_number: 'CE-2' }, geometry: null }).attributes).toEqual({
      case_number: 'CE-2',
      complainant_name: null,
    });
  });
});
