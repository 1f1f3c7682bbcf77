// DCAT-US 1.1 rules for dataset metadata, as plain checks that return problems with field paths
// (relative to the object checked; the GraphQL layer prefixes the argument name).
import type { FieldProblem } from '../errors.js';

type Path = (string | number)[];

export const IDENTIFIER_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_RIGHTS_LENGTH = 255;
const MAX_LIST_ITEMS = 50;
const MAX_LIST_ITEM_LENGTH = 100;

/**
 * DCAT-US accrualPeriodicity: "irregular" or an ISO 8601 repeating duration (R/P1D, R/PT1H, R/P3M, R/P1Y…),
 * the same pattern the DCAT-US 1.1 schema uses.
 */
const PERIODICITY_PATTERN =
  /^R\/P(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;

export function isAccrualPeriodicity(value: string): boolean {
  return value === 'irregular' || (PERIODICITY_PATTERN.test(value) && /\d/.test(value) && !value.endsWith('T'));
}

export function periodicityProblems(value: string, path: Path): FieldProblem[] {
  return isAccrualPeriodicity(value)
    ? []
    : [{ path, message: 'must be an ISO 8601 repeating duration such as R/P1D, R/P1W, R/P1M, R/P3M or R/P1Y, or "irregular"' }];
}

export function identifierProblems(value: string, path: Path): FieldProblem[] {
  if (value.length > 100) return [{ path, message: 'must be at most 100 characters' }];
  return IDENTIFIER_PATTERN.test(value) ? [] : [{ path, message: 'must be a lower-case slug: letters, digits and single hyphens (e.g. "street-trees")' }];
}

export function urlProblems(value: string, path: Path): FieldProblem[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ path, message: 'must be an absolute http or https URL' }];
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? [] : [{ path, message: 'must be an http or https URL' }];
}

// Practical address shape (one @, a dotted domain, no spaces); the mail server has the final word.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblems(value: string, path: Path): FieldProblem[] {
  return EMAIL_PATTERN.test(value) && value.length <= 254 ? [] : [{ path, message: 'must be an e-mail address' }];
}

export function textProblems(value: string, path: Path, maxLength: number): FieldProblem[] {
  if (!value.trim()) return [{ path, message: 'must not be empty' }];
  return value.length > maxLength ? [{ path, message: `must be at most ${maxLength} characters` }] : [];
}

export function rightsProblems(value: string, path: Path): FieldProblem[] {
  return textProblems(value, path, MAX_RIGHTS_LENGTH);
}

/** Keywords and themes: non-empty, short, distinct entries. */
export function termListProblems(values: readonly string[], path: Path): FieldProblem[] {
  if (values.length > MAX_LIST_ITEMS) return [{ path, message: `must have at most ${MAX_LIST_ITEMS} entries` }];
  const problems = values.flatMap((value, index) => textProblems(value, [...path, index], MAX_LIST_ITEM_LENGTH));
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = value.trim().toLowerCase();
    if (seen.has(key)) problems.push({ path: [...path, index], message: 'is listed twice' });
    seen.add(key);
  });
  return problems;
}

/** A calendar day, YYYY-MM-DD, that exists. */
export function calendarDayProblems(value: string, path: Path): FieldProblem[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  return day && day.toISOString().slice(0, 10) === value ? [] : [{ path, message: 'must be a calendar day, YYYY-MM-DD' }];
}

/** Non-public access levels must say why and how to get access (DCAT-US `rights`). */
export function accessRightsProblems(accessLevel: string, rights: string | null | undefined, path: Path): FieldProblem[] {
  if (accessLevel === 'PUBLIC') return rights ? rightsProblems(rights, path) : [];
  if (!rights?.trim()) return [{ path, message: 'is required when the access level is restricted public or non-public' }];
  return rightsProblems(rights, path);
}
