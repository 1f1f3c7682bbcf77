// DCAT-US rules as plain functions: each answers problems with the path it was given.
import { describe, expect, it } from 'vitest';
import {
  accessRightsProblems,
  calendarDayProblems,
  emailProblems,
  identifierProblems,
  periodicityProblems,
  termListProblems,
  urlProblems,
} from '../../src/catalog/dcat-rules.js';
import { metadataProblems } from '../../src/catalog/publishing.js';
import { distributionProblems } from '../../src/catalog/publishing-distributions.js';
import { fieldProblems } from '../../src/catalog/publishing-fields.js';

const paths = (problems: { path: (string | number)[] }[]) => problems.map((problem) => problem.path.join('.'));

describe('DCAT-US rules', () => {
  it('accepts identifier slugs and rejects anything else', () => {
    for (const good of ['street-trees', 'toaks-2024-budget', 'a']) expect(identifierProblems(good, ['identifier'])).toEqual([]);
    for (const bad of ['Street-Trees', 'street--trees', '-trees', 'trees-', 'street trees', 'straße', '']) {
      expect(paths(identifierProblems(bad, ['identifier'])), bad).toEqual(['identifier']);
    }
  });

  it('accepts ISO 8601 repeating durations and "irregular" as accrualPeriodicity', () => {
    for (const good of ['R/P1D', 'R/P1W', 'R/P1M', 'R/P3M', 'R/P1Y', 'R/P10Y', 'R/PT1H', 'R/P0.5M', 'irregular']) {
      expect(periodicityProblems(good, ['p']), good).toEqual([]);
    }
    for (const bad of ['P1D', 'R/P', 'R/PT', 'daily', 'R/1D', 'R/P1X', 'Irregular', '']) {
      expect(paths(periodicityProblems(bad, ['p'])), bad).toEqual(['p']);
    }
  });

  it('accepts only absolute http and https URLs', () => {
    expect(urlProblems('https://data.toaks.example/trees', ['u'])).toEqual([]);
    expect(urlProblems('http://example.org', ['u'])).toEqual([]);
    for (const bad of ['ftp://example.org/file', 'javascript:alert(1)', '/relative', 'example.org', 'mailto:a@b.org']) {
      expect(paths(urlProblems(bad, ['u'])), bad).toEqual(['u']);
    }
  });

  it('checks e-mail addresses', () => {
    expect(emailProblems('laura.chen@toaks.example', ['e'])).toEqual([]);
    for (const bad of ['laura', 'laura@', '@toaks.example', 'laura chen@toaks.example', 'laura@toaks']) {
      expect(paths(emailProblems(bad, ['e'])), bad).toEqual(['e']);
    }
  });

  it('requires rights (≤ 255 characters) unless the dataset is public', () => {
    expect(accessRightsProblems('PUBLIC', null, ['rights'])).toEqual([]);
    expect(paths(accessRightsProblems('RESTRICTED_PUBLIC', null, ['rights']))).toEqual(['rights']);
    expect(paths(accessRightsProblems('NON_PUBLIC', '  ', ['rights']))).toEqual(['rights']);
    expect(accessRightsProblems('NON_PUBLIC', 'x'.repeat(255), ['rights'])).toEqual([]);
    expect(accessRightsProblems('NON_PUBLIC', 'x'.repeat(256), ['rights'])[0]!.message).toMatch(/255/);
    expect(paths(accessRightsProblems('PUBLIC', 'x'.repeat(256), ['rights']))).toEqual(['rights']);
  });

  it('points at the entry of a keyword or theme list that is wrong', () => {
    expect(paths(termListProblems(['trees', '', 'Trees'], ['keywords']))).toEqual(['keywords.1', 'keywords.2']);
    expect(paths(termListProblems(Array.from({ length: 51 }, (_, i) => `k${i}`), ['keywords']))).toEqual(['keywords']);
  });

  it('accepts only calendar days that exist', () => {
    expect(calendarDayProblems('2024-02-29', ['issued'])).toEqual([]);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-01T00:00:00Z']) expect(paths(calendarDayProblems(bad, ['issued'])), bad).toEqual(['issued']);
  });

  it('reports every metadata problem at once, by field', () => {
    const problems = metadataProblems({
      title: ' ',
      description: null,
      accrualPeriodicity: 'weekly',
      landingPage: 'ftp://x',
      references: ['https://ok.example', 'nope'],
      keywords: ['a', 'A'],
    });
    expect(paths(problems).sort()).toEqual(['accrualPeriodicity', 'description', 'keywords.1', 'landingPage', 'references.1', 'title']);
  });

  it('requires a distribution to be a download with a media type or an API', () => {
    expect(distributionProblems({ format: 'CSV', downloadURL: 'https://x.example/a.csv', mediaType: 'text/csv' })).toEqual([]);
    expect(distributionProblems({ format: 'API', accessURL: 'https://x.example/api' })).toEqual([]);
    expect(paths(distributionProblems({ format: 'CSV' }))).toEqual(['downloadURL']);
    expect(paths(distributionProblems({ format: 'CSV', downloadURL: 'https://x.example/a.csv' }))).toEqual(['mediaType']);
    expect(paths(distributionProblems({ downloadURL: 'file:///etc/passwd', mediaType: 'text csv' })).sort()).toEqual(['downloadURL', 'format', 'mediaType']);
  });

  it('requires field names usable as attribute keys', () => {
    expect(fieldProblems({ name: 'owner_name' })).toEqual([]);
    for (const bad of ['Owner', '1st', 'owner-name', 'owner name', '']) expect(paths(fieldProblems({ name: bad })), bad).toEqual(['name']);
    expect(paths(fieldProblems({ type: null, pii: null }))).toEqual(['type', 'pii']);
  });
});
