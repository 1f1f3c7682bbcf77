// Reading upstream entries: what is valid, what is skipped and why, and how references are matched.
import { describe, expect, it } from 'vitest';
import { distributionFormat, readEntries } from '../../src/catalog/harvest/entry.js';
import { licenseUrlKey, slugify } from '../../src/catalog/harvest/references.js';
import { generatedEntry } from '../support/dcat-catalog.js';

describe('upstream entries', () => {
  it('normalises a valid entry into catalog terms', () => {
    const { entries, invalid } = readEntries([{ ...generatedEntry(7), contactPoint: { fn: 'Ann', hasEmail: 'mailto:Ann@Example.ORG' } }]);
    expect(invalid).toEqual([]);
    expect(entries[0]).toMatchObject({
      identifier: 'upstream-00007',
      accessLevel: 'RESTRICTED_PUBLIC',
      rights: 'Shared with partners under a data use agreement.',
      contact: { name: 'Ann', email: 'ann@example.org' },
      upstreamModified: generatedEntry(7).modified,
      distributions: [{ format: 'CSV', mediaType: 'text/csv' }, { format: 'API', accessURL: 'https://upstream.example/api/upstream-00007' }],
    });
  });

  it('skips invalid entries with every problem as a path into the catalog', () => {
    const entry = generatedEntry(1);
    const { entries, invalid } = readEntries([
      'not an object',
      { ...entry, title: '', modified: 'last tuesday', accrualPeriodicity: 'daily' },
      { ...entry, distribution: [{ downloadURL: 'https://x.example/a.csv' }, { title: 'nothing to fetch' }] },
      { ...entry, rights: 'x'.repeat(256) },
      entry,
      { ...entry, title: 'same identifier again' },
    ]);
    expect(entries.map((e) => e.identifier)).toEqual([entry.identifier]);
    const paths = invalid.map((i) => [i.index, i.problems.map((p) => p.path.join('.')).sort()]);
    expect(paths).toEqual([
      [0, ['dataset.0']],
      [1, ['dataset.1.accrualPeriodicity', 'dataset.1.modified', 'dataset.1.title']],
      [2, ['dataset.2.distribution.0.mediaType', 'dataset.2.distribution.1.downloadURL']],
      [3, ['dataset.3.rights']],
      [5, ['dataset.5.identifier']],
    ]);
    expect(invalid[4]!.problems[0]!.message).toContain('earlier');
  });

  it('derives a distribution format when upstream leaves it out', () => {
    expect(distributionFormat({ mediaType: 'application/geo+json' })).toBe('GeoJSON');
    expect(distributionFormat({ mediaType: 'application/vnd.ms-excel' })).toBe('MS-EXCEL');
    expect(distributionFormat({ mediaType: 'text/csv' })).toBe('CSV');
    expect(distributionFormat({ format: 'Zipped CSV', mediaType: 'application/zip' })).toBe('Zipped CSV');
    expect(distributionFormat({})).toBe('API');
  });
});

describe('reference matching', () => {
  it('matches license URLs whatever the scheme, www, trailing slash or legalcode suffix', () => {
    const key = licenseUrlKey('https://creativecommons.org/licenses/by/4.0/');
    for (const url of ['http://creativecommons.org/licenses/by/4.0', 'https://www.creativecommons.org/licenses/by/4.0/legalcode', 'HTTPS://creativecommons.org/licenses/by/4.0/#x']) {
      expect(licenseUrlKey(url)).toBe(key);
    }
    expect(licenseUrlKey('https://creativecommons.org/licenses/by/3.0/')).not.toBe(key);
  });

  it('makes department slugs from names', () => {
    expect(slugify('Community Development — Building & Safety')).toBe('community-development-building-safety');
    expect(slugify('Café Société')).toBe('cafe-societe');
    expect(slugify('***')).toBe('department');
  });
});
