// Aggregates over the filtered records of a dataset: groups by declared fields with COUNT/SUM/AVG/MIN/MAX,
// in one statement, through the same filter compiler and field rule as pages (a personal field the caller
// may not see cannot be grouped, filtered or aggregated: it is an unknown field to them).
import type { Database } from '../db/client.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import { FieldType } from '../generated/prisma/enums.js';
import type { RecordFilterInput } from './filter/compile.js';
import { comparable, fieldExpression, numeric, orderable, type DeclaredField } from '../db/record-fields.js';
import { SqlParams, usableField, type RecordScope } from './filter/scope.js';
import { recordCondition } from './page.js';

export const AGGREGATE_FUNCTIONS = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface MetricInput {
  fn: AggregateFunction;
  field?: string | null;
}

export interface AggregateArgs {
  filter?: RecordFilterInput | null;
  groupBy?: readonly string[] | null;
  metrics?: readonly MetricInput[] | null;
  first?: number | null;
}

/** A value with its type: exactly one member is set (none when the value is null). */
export interface TypedValue {
  type: FieldType | null;
  text?: string | null;
  number?: number | null;
  boolean?: boolean | null;
  date?: string | null;
  timestamp?: Date | null;
}

export interface AggregateGroup {
  key: { field: string; value: TypedValue }[];
  count: number;
  metrics: { fn: AggregateFunction; field: string | null; count: number | null; value: TypedValue | null }[];
}

export interface AggregateResult {
  groups: AggregateGroup[];
  hasMore: boolean;
}

export const DEFAULT_GROUPS = 100;
export const MAX_GROUPS = 1000;
const MAX_GROUP_FIELDS = 5;
const MAX_METRICS = 20;

export function typedValue(type: FieldType | null, value: unknown): TypedValue {
  if (value === null || value === undefined) return { type };
  switch (type) {
    case FieldType.INTEGER:
    case FieldType.DECIMAL:
      return { type, number: Number(value) };
    case FieldType.BOOLEAN:
      return { type, boolean: Boolean(value) };
    case FieldType.DATE:
      return { type, date: String(value) };
    case FieldType.TIMESTAMP:
      return { type, timestamp: new Date(String(value)) };
    default:
      return { type, text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

interface ResolvedMetric {
  fn: AggregateFunction;
  field: DeclaredField | null;
  sql: string;
  /** Type of the result value: the field's for MIN/MAX, DECIMAL for SUM/AVG, null for COUNT. */
  type: FieldType | null;
}

function resolveMetric(metric: MetricInput, i: number, scope: RecordScope, problems: FieldProblem[]): ResolvedMetric | undefined {
  const path = ['metrics', i];
  if (!AGGREGATE_FUNCTIONS.includes(metric?.fn)) {
    problems.push({ path: [...path, 'fn'], message: `must be one of ${AGGREGATE_FUNCTIONS.join(', ')}` });
    return undefined;
  }
  if (metric.field == null) {
    if (metric.fn === 'COUNT') return { fn: 'COUNT', field: null, sql: 'count(*)::int', type: null };
    problems.push({ path: [...path, 'field'], message: `${metric.fn} needs a field` });
    return undefined;
  }
  const field = usableField(scope, metric.field, [...path, 'field'], problems);
  if (!field) return undefined;
  const expression = fieldExpression(field);
  const refuse = (what: string) => {
    problems.push({ path: [...path, 'field'], message: `${metric.fn} needs ${what} field (${field.name} is ${field.type})` });
    return undefined;
  };
  switch (metric.fn) {
    case 'COUNT':
      return { fn: 'COUNT', field, sql: `count(${expression})::int`, type: null };
    case 'SUM':
    case 'AVG':
      if (!numeric(field.type)) return refuse('a numeric (INTEGER or DECIMAL)');
      return { fn: metric.fn, field, sql: `${metric.fn.toLowerCase()}(${expression})`, type: FieldType.DECIMAL };
    case 'MIN':
    case 'MAX':
      if (!comparable(field.type)) return refuse('an ordered (TEXT, INTEGER, DECIMAL, DATE or TIMESTAMP)');
      return { fn: metric.fn, field, sql: `${metric.fn.toLowerCase()}(${expression})`, type: field.type };
  }
}

export async function aggregateRecords(db: Database, scope: RecordScope, args: AggregateArgs): Promise<AggregateResult> {
  const problems: FieldProblem[] = [];
  const first = args.first ?? DEFAULT_GROUPS;
  if (first < 0 || first > MAX_GROUPS) problems.push({ path: ['first'], message: `must be between 0 and ${MAX_GROUPS} (the maximum number of groups)` });
  const groupNames = args.groupBy ?? [];
  if (groupNames.length > MAX_GROUP_FIELDS) problems.push({ path: ['groupBy'], message: `at most ${MAX_GROUP_FIELDS} fields` });
  const groups: DeclaredField[] = [];
  groupNames.forEach((name, i) => {
    const field = usableField(scope, name, ['groupBy', i], problems);
    if (!field) return;
    if (!orderable(field.type)) problems.push({ path: ['groupBy', i], message: `${field.name} is ${field.type}: cannot group by it` });
    else if (groups.some((g) => g.name === field.name)) problems.push({ path: ['groupBy', i], message: `${field.name} is already grouped by` });
    else groups.push(field);
  });
  const metricInputs = args.metrics ?? [];
  if (metricInputs.length > MAX_METRICS) problems.push({ path: ['metrics'], message: `at most ${MAX_METRICS} metrics` });
  const metrics = metricInputs.map((metric, i) => resolveMetric(metric, i, scope, problems));
  if (problems.length > 0) throw new ValidationError(problems);

  const sql = new SqlParams();
  const condition = recordCondition(scope, args.filter, sql);
  const columns = [
    ...groups.map((field, i) => `${fieldExpression(field)} AS g${i}`),
    'count(*)::int AS n',
    ...metrics.map((metric, i) => `${metric!.sql} AS m${i}`),
  ];
  const names = [...groups.map((_, i) => `s.g${i}`), 's.n', ...metrics.map((_, i) => `s.m${i}`)];
  const groupClause = groups.length ? ` GROUP BY ${groups.map((_, i) => i + 1).join(', ')} ORDER BY ${groups.map((_, i) => i + 1).join(', ')}` : '';
  const outerOrder = groups.length ? ` ORDER BY ${groups.map((_, i) => `s.g${i}`).join(', ')}` : '';
  const text =
    `SELECT coalesce(json_agg(json_build_array(${names.join(', ')})${outerOrder}), '[]'::json) AS rows ` +
    `FROM (SELECT ${columns.join(', ')} FROM "Record" r WHERE ${condition}${groupClause} LIMIT ${sql.bind(first + 1, 'int')}) s`;
  const [row] = await db.leanQuery<{ rows: unknown[][] }>(text, sql.values);
  const rows = row!.rows;
  return {
    hasMore: rows.length > first,
    groups: rows.slice(0, first).map((values) => ({
      key: groups.map((field, i) => ({ field: field.name, value: typedValue(field.type, values[i]) })),
      count: values[groups.length] as number,
      metrics: metrics.map((metric, i) => {
        const value = values[groups.length + 1 + i];
        return {
          fn: metric!.fn,
          field: metric!.field?.name ?? null,
          count: metric!.fn === 'COUNT' ? (value as number) : null,
          value: metric!.fn === 'COUNT' ? null : typedValue(metric!.type, value),
        };
      }),
    })),
  };
}
