// The one records filter compiler: a filter input (GraphQL `RecordFilter`, or the same JSON in an export
// URL) and the dataset's declared fields in, a parameterised SQL condition over the record table `r` out.
// Pages, counts, aggregates and exports all call it. Every value is checked against its field's type and
// bound as a parameter; every problem is reported with its path (e.g. filter.or.1.gt).
import { FieldType } from '../../generated/prisma/enums.js';
import { ValidationError, type FieldProblem } from '../../errors.js';
import { comparable, fieldExpression, sqlType, typedValue, type DeclaredField } from '../../db/record-fields.js';
import { geoCondition, type BoundingBox, type Near } from './geo.js';
import { seesGeometry, usableField, type Path, type RecordScope, SqlParams } from './scope.js';

export interface RecordFilterInput {
  field?: string | null;
  eq?: unknown;
  ne?: unknown;
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  in?: unknown[] | null;
  notIn?: unknown[] | null;
  contains?: string | null;
  startsWith?: string | null;
  isNull?: boolean | null;
  and?: RecordFilterInput[] | null;
  or?: RecordFilterInput[] | null;
  not?: RecordFilterInput | null;
  withinBox?: BoundingBox | null;
  near?: Near | null;
}

const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'startsWith', 'isNull'] as const;
type Comparison = (typeof COMPARISONS)[number];
const KEYS = new Set<string>(['field', ...COMPARISONS, 'and', 'or', 'not', 'withinBox', 'near']);
const ORDERED: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const MAX_LIST = 1000;
const MAX_DEPTH = 10;

/** LIKE pattern characters matched literally. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The SQL condition of `filter` (TRUE when absent). Throws a ValidationError listing every problem.
 * Null semantics: comparisons never match a missing/null value except `ne` and `notIn` (a null value is
 * different from any value) and `isNull: true`; `not` is the exact complement of its filter.
 */
export function compileRecordFilter(filter: RecordFilterInput | null | undefined, scope: RecordScope, sql: SqlParams, path: Path = ['filter']): string {
  if (filter == null) return 'TRUE';
  const problems: FieldProblem[] = [];
  const condition = node(filter, scope, sql, path, problems, 0);
  if (problems.length > 0) throw new ValidationError(problems);
  return condition;
}

function node(filter: RecordFilterInput, scope: RecordScope, sql: SqlParams, path: Path, problems: FieldProblem[], depth: number): string {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    problems.push({ path, message: 'must be a filter object' });
    return 'FALSE';
  }
  if (depth > MAX_DEPTH) {
    problems.push({ path, message: `filters nest at most ${MAX_DEPTH} levels deep` });
    return 'FALSE';
  }
  const parts: string[] = [];
  for (const key of Object.keys(filter)) if (!KEYS.has(key)) problems.push({ path: [...path, key], message: 'is not a filter key' });
  const used = COMPARISONS.filter((name) => filter[name] !== undefined && filter[name] !== null);
  if (filter.field != null || used.length > 0) {
    const field = usableField(scope, filter.field, [...path, 'field'], problems);
    if (used.length === 0) problems.push({ path, message: `give a comparison for field "${filter.field}" (${COMPARISONS.join(', ')})` });
    if (field) for (const name of used) parts.push(comparison(field, name, filter[name], sql, [...path, name], problems));
  }
  const list = (name: 'and' | 'or') => {
    const value = filter[name];
    if (value == null) return undefined;
    if (!Array.isArray(value)) {
      problems.push({ path: [...path, name], message: 'must be a list of filters' });
      return undefined;
    }
    return value.map((child, i) => `(${node(child, scope, sql, [...path, name, i], problems, depth + 1)})`);
  };
  const all = list('and');
  if (all) parts.push(all.length ? all.join(' AND ') : 'TRUE');
  const any = list('or');
  if (any) parts.push(any.length ? `(${any.join(' OR ')})` : 'FALSE');
  if (filter.not != null) parts.push(`((${node(filter.not, scope, sql, [...path, 'not'], problems, depth + 1)}) IS NOT TRUE)`);
  if (filter.withinBox != null || filter.near != null) {
    if (!seesGeometry(scope)) problems.push({ path, message: 'this dataset’s locations are personal: you may not filter by them' });
    else parts.push(...geoCondition(filter.withinBox, filter.near, sql, path, problems));
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function comparison(field: DeclaredField, name: Comparison, value: unknown, sql: SqlParams, path: Path, problems: FieldProblem[]): string {
  const expression = fieldExpression(field);
  const type = sqlType(field.type);
  const bound = (raw: unknown, at: Path = path): string | undefined => {
    const checked = typedValue(field.type, raw);
    if ('problem' in checked) {
      problems.push({ path: at, message: `${field.name} ${checked.problem}` });
      return undefined;
    }
    return sql.bind(checked.bound, type);
  };
  const refuse = (message: string) => {
    problems.push({ path, message: `${name} ${message} (${field.name} is ${field.type})` });
    return 'FALSE';
  };
  switch (name) {
    case 'isNull':
      if (typeof value !== 'boolean') return refuse('must be true or false');
      return `${expression} IS ${value ? '' : 'NOT '}NULL`;
    case 'eq':
    case 'ne': {
      if (field.type === FieldType.GEOMETRY) return refuse('is not available');
      const parameter = bound(value);
      if (!parameter) return 'FALSE';
      return name === 'eq' ? `${expression} = ${parameter}` : `${expression} IS DISTINCT FROM ${parameter}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (!comparable(field.type)) return refuse('is not available');
      const parameter = bound(value);
      return parameter ? `${expression} ${ORDERED[name]} ${parameter}` : 'FALSE';
    }
    case 'in':
    case 'notIn': {
      if (field.type === FieldType.GEOMETRY) return refuse('is not available');
      if (!Array.isArray(value)) return refuse('must be a list');
      if (value.length > MAX_LIST) return refuse(`takes at most ${MAX_LIST} values`);
      const values: unknown[] = [];
      value.forEach((item, i) => {
        const checked = typedValue(field.type, item);
        if ('problem' in checked) problems.push({ path: [...path, i], message: `${field.name} ${checked.problem}` });
        else values.push(checked.bound);
      });
      const list = sql.bind(values, `${type}[]`);
      return name === 'in' ? `${expression} = ANY(${list})` : `(${expression} IS NULL OR ${expression} <> ALL(${list}))`;
    }
    case 'contains':
    case 'startsWith': {
      if (field.type !== FieldType.TEXT) return refuse('is only available on TEXT fields');
      if (typeof value !== 'string') return refuse('must be a string');
      const pattern = name === 'contains' ? `%${likeEscaped(value)}%` : `${likeEscaped(value)}%`;
      return `${expression} LIKE ${sql.bind(pattern, 'text')}`;
    }
  }
}
