// Prisma `where` inputs rendered as SQL conditions. Policies (dataset visibility) are built once, as Prisma
// filters, and reach the lean path through this renderer: one rule, two renderings. Values are always
// bound parameters; only identifiers from the data model are written into the text.
import { enumLabels, fieldMeta, modelMeta, quote, relationJoin, type FieldMeta, type ModelMeta } from './model.js';
import { SqlCondition } from './sql-fragments.js';

/** Collects bound parameters and hands out table aliases for one statement. */
export class Statement {
  readonly params: unknown[] = [];
  private aliases = 0;

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  alias(): string {
    return `t${this.aliases++}`;
  }

  /** How many aliases were handed out, and `skipAliases` to hand out as many as a cached rendering used. */
  get aliasCount(): number {
    return this.aliases;
  }

  skipAliases(count: number): void {
    this.aliases += count;
  }
}

type Where = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

export function renderWhere(sql: Statement, model: ModelMeta, alias: string, where: Where | undefined): string {
  if (!where) return 'TRUE';
  if (where instanceof SqlCondition) return where.render(sql, alias);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') parts.push(all(sql, model, alias, value));
    else if (key === 'OR') parts.push(any(sql, model, alias, value as Where[]));
    else if (key === 'NOT') parts.push(`NOT (${all(sql, model, alias, value)})`);
    else {
      const field = fieldMeta(model, key);
      parts.push(field.kind === 'object' ? relationFilter(sql, model, field, alias, value) : scalarFilter(sql, field, `${alias}.${quote(key)}`, value));
    }
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function all(sql: Statement, model: ModelMeta, alias: string, value: unknown): string {
  const list = (Array.isArray(value) ? value : [value]) as Where[];
  return list.length ? list.map((w) => `(${renderWhere(sql, model, alias, w)})`).join(' AND ') : 'TRUE';
}

function any(sql: Statement, model: ModelMeta, alias: string, list: Where[]): string {
  return list.length ? `(${list.map((w) => `(${renderWhere(sql, model, alias, w)})`).join(' OR ')})` : 'FALSE';
}

function relationFilter(sql: Statement, model: ModelMeta, field: FieldMeta, alias: string, value: unknown): string {
  const target = modelMeta(field.type);
  const exists = (where: Where | undefined) => {
    const other = sql.alias();
    const join = relationJoin(model, field, alias, other);
    return `EXISTS (SELECT 1 FROM ${quote(target.name)} ${other} WHERE ${join} AND ${renderWhere(sql, target, other, where)})`;
  };
  if (field.isList) {
    const filter = value as { some?: Where; none?: Where; every?: Where };
    const parts: string[] = [];
    if (filter.some) parts.push(exists(filter.some));
    if (filter.none) parts.push(`NOT ${exists(filter.none)}`);
    if (filter.every) parts.push(`NOT ${exists({ NOT: filter.every })}`);
    return parts.join(' AND ') || 'TRUE';
  }
  if (value === null) return `NOT ${exists(undefined)}`;
  const filter = value as Where;
  if ('is' in filter || 'isNot' in filter) {
    const parts: string[] = [];
    if (filter.is !== undefined) parts.push(filter.is === null ? `NOT ${exists(undefined)}` : exists(filter.is as Where));
    if (filter.isNot !== undefined) parts.push(filter.isNot === null ? exists(undefined) : `NOT ${exists(filter.isNot as Where)}`);
    return parts.join(' AND ') || 'TRUE';
  }
  return exists(filter);
}

/** A value as the database stores it (enum labels may differ from Prisma's names). */
function dbValue(field: FieldMeta, value: unknown): unknown {
  if (field.kind !== 'enum') return value;
  const labels = enumLabels(field.type);
  return Array.isArray(value) ? value.map((v) => labels[v as string]) : labels[value as string];
}


function scalarFilter(sql: Statement, field: FieldMeta, column: string, value: unknown): string {
  if (field.type === 'Json') throw new Error(`lean reader: JSON filters are not supported (${field.name})`);
  if (!isPlainObject(value)) return equals(sql, field, column, value);
  const insensitive = value.mode === 'insensitive';
  const like = insensitive ? 'ILIKE' : 'LIKE';
  const parts: string[] = [];
  for (const [op, operand] of Object.entries(value)) {
    if (operand === undefined || op === 'mode') continue;
    const bind = () => sql.bind(dbValue(field, operand));
    switch (op) {
      case 'equals':
        parts.push(equals(sql, field, column, operand));
        break;
      case 'not':
        parts.push(isPlainObject(operand) ? `NOT (${scalarFilter(sql, field, column, operand)})` : notEquals(sql, field, column, operand));
        break;
      case 'in':
        parts.push(`${column} = ANY(${bind()})`);
        break;
      case 'notIn':
        parts.push(`NOT (${column} = ANY(${bind()}))`);
        break;
      case 'lt':
        parts.push(`${column} < ${bind()}`);
        break;
      case 'lte':
        parts.push(`${column} <= ${bind()}`);
        break;
      case 'gt':
        parts.push(`${column} > ${bind()}`);
        break;
      case 'gte':
        parts.push(`${column} >= ${bind()}`);
        break;
      // As in Prisma, LIKE wildcards (% and _) in the operand are not escaped: the two paths must agree.
      case 'contains':
        parts.push(`${column} ${like} ${sql.bind(`%${operand as string}%`)}`);
        break;
      case 'startsWith':
        parts.push(`${column} ${like} ${sql.bind(`${operand as string}%`)}`);
        break;
      case 'endsWith':
        parts.push(`${column} ${like} ${sql.bind(`%${operand as string}`)}`);
        break;
      case 'has':
        parts.push(`${bind()} = ANY(${column})`);
        break;
      case 'hasSome':
        parts.push(`${column} && ${bind()}`);
        break;
      case 'hasEvery':
        parts.push(`${column} @> ${bind()}`);
        break;
      case 'isEmpty':
        parts.push(operand ? `cardinality(${column}) = 0` : `cardinality(${column}) > 0`);
        break;
      default:
        throw new Error(`lean reader: unsupported filter ${op} on ${field.name}`);
    }
  }
  return parts.join(' AND ') || 'TRUE';
}

function equals(sql: Statement, field: FieldMeta, column: string, value: unknown): string {
  return value === null ? `${column} IS NULL` : `${column} = ${sql.bind(dbValue(field, value))}`;
}

function notEquals(sql: Statement, field: FieldMeta, column: string, value: unknown): string {
  // Prisma's `not: x` keeps NULLs out, like SQL's `<>`.
  return value === null ? `${column} IS NOT NULL` : `${column} <> ${sql.bind(dbValue(field, value))}`;
}
