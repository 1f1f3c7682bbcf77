// Compiles Prisma read arguments (where, orderBy, cursor, take, skip, select/include, _count) — the very
// objects plugin-prisma derives from a GraphQL selection — into ONE statement that returns the result as
// JSON shaped like Prisma's, so Pothos fields resolve from it unchanged.
import { enumLabels, fieldMeta, modelMeta, quote, relationJoin, type FieldMeta, type ModelMeta } from './model.js';
import { renderWhere, Statement } from './where.js';
import { SqlOrder, type RenderSql } from './sql-fragments.js';
import { SELECTED_COLUMNS, type ColumnTree } from './columns.js';
import { RENDERED_ROW, RenderedJson, type RenderedEntry, type RenderSpec, type RowRenderSpec } from './rendered-json.js';

type Args = Record<string, any>;
type Order = { column: string; desc: boolean; expression?: RenderSql };

export interface CompiledRead {
  text: string;
  params: unknown[];
  /** Turns the statement's JSON into Prisma's values in place (DateTime columns become Dates). */
  revive<T>(result: T): T;
}

/**
 * Where the DateTime values are in a result, so that they can become Dates as Prisma returns them, and the
 * relations rendered as JSON text (which become RenderedJson values).
 */
interface Shape {
  dates: string[];
  relations: [string, Shape][];
  rendered?: [string, RenderSpec][];
  /** Rows rendered whole: their text, under RENDERED_KEY, becomes the row's RENDERED_ROW. */
  row?: RowRenderSpec;
}

/** The key of a whole-row rendering in a row's JSON (no model has such a field). */
const RENDERED_KEY = '__rendered';

/**
 * A list answers one row per item (`result`), not one JSON array: on Node 20 a string above 128 KB (64 K
 * characters once one is non-ASCII) is allocated in V8's large-object space, which costs ~1 ms per value on
 * this machine — more than the rest of a 50-dataset page's decoding. Rows keep every value small.
 */
export function compileFindMany(modelName: string, args: Args): CompiledRead {
  const sql = new Statement();
  const { text, order, revive } = compileFindManyRows(modelName, args, sql);
  return { text: `SELECT s.j AS result FROM (${text}) s ORDER BY ${order}`, params: sql.params, revive };
}

/**
 * The parts of `compileFindMany` for a statement that holds more than the list: `text` selects the rows as
 * `j` with their order values, `order` restores the requested order over them aliased `s`; the parameters
 * are bound in `sql`.
 */
export function compileFindManyRows(modelName: string, args: Args, sql: Statement): { text: string; order: string; revive: CompiledRead['revive'] } {
  const shape: Shape = { dates: [], relations: [] };
  const { text, order } = rows(sql, modelMeta(modelName), args, undefined, shape, columnsOf(args));
  return { text, order, revive: (result) => revive(result, shape) };
}

export function compileFindUnique(modelName: string, args: Args): CompiledRead {
  const sql = new Statement();
  const model = modelMeta(modelName);
  const alias = sql.alias();
  const shape: Shape = { dates: [], relations: [] };
  const text =
    `SELECT ${object(sql, model, alias, args, shape, columnsOf(args))} AS result FROM ${quote(model.name)} ${alias} ` +
    `WHERE ${renderWhere(sql, model, alias, args.where)} LIMIT 1`;
  return { text, params: sql.params, revive: (result) => revive(result, shape) };
}

/** The columns the GraphQL selection reads, when the resolver passed them (columns.ts). */
function columnsOf(args: Args): ColumnTree | undefined {
  return (args as { [SELECTED_COLUMNS]?: ColumnTree })[SELECTED_COLUMNS];
}

function revive<T>(value: T, shape: Shape): T {
  if (Array.isArray(value)) {
    for (const item of value) revive(item, shape);
  } else if (value && typeof value === 'object') {
    const row = value as Record<string, unknown>;
    for (const key of shape.dates) if (typeof row[key] === 'string') row[key] = new Date(row[key] as string);
    for (const [key, nested] of shape.relations) revive(row[key], nested);
    if (shape.rendered) {
      for (const [key, spec] of shape.rendered) if (typeof row[key] === 'string') row[key] = new RenderedJson(row[key] as string, spec.fieldNodes);
    }
    if (shape.row && typeof row[RENDERED_KEY] === 'string') {
      (row as { [RENDERED_ROW]?: RenderedJson })[RENDERED_ROW] = new RenderedJson(row[RENDERED_KEY] as string, shape.row.fieldNodes);
      delete row[RENDERED_KEY];
    }
  }
  return value;
}

/** A column as Prisma returns it: DateTime as an exact ISO string (revived as a Date), enums by their Prisma names. */
function scalarValue(field: FieldMeta, column: string): string {
  if (field.kind === 'enum') {
    const labels = Object.entries(enumLabels(field.type));
    if (labels.every(([name, label]) => name === label)) return field.isList ? `${column}::text[]` : `${column}::text`;
    const mapped = (value: string) => `CASE ${value} ${labels.map(([name, label]) => `WHEN '${label.replaceAll("'", "''")}' THEN '${name}'`).join(' ')} END`;
    return field.isList ? `ARRAY(SELECT ${mapped('e::text')} FROM unnest(${column}) e)` : mapped(`${column}::text`);
  }
  switch (field.type) {
    case 'DateTime':
      if (field.isList) break;
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'BigInt':
      // As text: JSON numbers lose precision past 2^53 (readers convert with String() or BigInt()).
      if (!field.isList) return `${column}::text`;
      break;
    case 'Decimal':
    case 'Bytes':
      break;
    default:
      return column;
  }
  throw new Error(`lean reader: ${field.type}${field.isList ? '[]' : ''} columns are not supported (${field.name})`);
}

/** json_build_object of the selected scalars, relations and counts of one row. */
function object(sql: Statement, model: ModelMeta, alias: string, args: Args, shape: Shape, columns: ColumnTree | undefined): string {
  const pairs: string[] = [];
  const add = (key: string, value: string) => pairs.push(`'${key}', ${value}`);
  if (columns?.rowRender) {
    shape.row = columns.rowRender;
    return renderedRowObject(sql, model, alias, args, columns, columns.rowRender);
  }
  let selection: Record<string, any> = args.select;
  if (!args.select) {
    // Include mode (the scalars, then the included relations): every scalar, or those the GraphQL selection
    // reads (columns.ts). Their SQL depends on the model, alias and columns only: rendered once, not per request.
    const scalars = scalarsSql(model, alias, columns?.columns ?? undefined);
    pairs.push(...scalars.pairs);
    shape.dates.push(...scalars.dates);
    selection = args.include ?? {};
  }
  for (const [key, value] of Object.entries(selection)) {
    if (!value) continue;
    if (key === '_count') {
      add(key, counts(sql, model, alias, value === true ? {} : value.select));
      continue;
    }
    const field = fieldMeta(model, key);
    if (field.kind !== 'object') {
      add(key, scalarValue(field, `${alias}.${quote(key)}`));
      if (field.type === 'DateTime') shape.dates.push(key);
      continue;
    }
    const nested: Shape = { dates: [], relations: [] };
    const tree = columns?.relations.get(key);
    add(key, relation(sql, model, field, alias, value === true ? {} : value, nested, tree));
    if (tree?.render) (shape.rendered ??= []).push([key, tree.render]);
    else if (nested.dates.length || nested.relations.length || nested.rendered) shape.relations.push([key, nested]);
  }
  if (pairs.length > 50) throw new Error(`lean reader: too many fields selected from ${model.name}`);
  return `json_build_object(${pairs.join(', ')})`;
}

/**
 * A root row rendered whole, by its column tree and alias: what it loads of each relation is a function of its
 * selection alone (bare relations: src/plain-fields.ts), and the tree is kept per selection (columns.ts), so
 * its SQL is rendered once per selection. Not when it binds parameters (which are the statement's own).
 */
const renderedRowsSql = new WeakMap<ColumnTree, Map<string, { text: string; aliases: number }>>();

function renderedRowObject(sql: Statement, model: ModelMeta, alias: string, args: Args, columns: ColumnTree, spec: RowRenderSpec): string {
  let byAlias = renderedRowsSql.get(columns);
  const cached = byAlias?.get(alias);
  if (cached) {
    sql.skipAliases(cached.aliases);
    return cached.text;
  }
  const [aliasesBefore, paramsBefore] = [sql.aliasCount, sql.params.length];
  // The columns its type's check reads, and the rest of the row as the response has it.
  const pairs = [...scalarsSql(model, alias, columns.columns ?? undefined).pairs, `'${RENDERED_KEY}', ${renderedRow(sql, model, alias, args, spec)}::text`];
  const text = `json_build_object(${pairs.join(', ')})`;
  if (sql.params.length === paramsBefore) {
    if (!byAlias) renderedRowsSql.set(columns, (byAlias = new Map()));
    byAlias.set(alias, { text, aliases: sql.aliasCount - aliasesBefore });
  }
  return text;
}

const scalarsCache = new Map<string, { pairs: string[]; dates: string[] }>();

/**
 * The SQL of a model's scalars (all of them, or `columns`), cached by model, alias and columns: rendered once,
 * not per request (column sets up to a bound: the selections are the clients').
 */
function scalarsSql(model: ModelMeta, alias: string, columns?: Set<string>): { pairs: string[]; dates: string[] } {
  const key = `${model.name} ${alias}${columns ? ` ${[...columns].sort().join(',')}` : ''}`;
  let cached = scalarsCache.get(key);
  if (!cached) {
    cached = { pairs: [], dates: [] };
    for (const field of model.scalars) {
      if (columns && !columns.has(field.name)) continue;
      cached.pairs.push(`'${field.name}', ${scalarValue(field, `${alias}.${quote(field.name)}`)}`);
      if (field.type === 'DateTime') cached.dates.push(field.name);
    }
    if (!columns || scalarsCache.size < 2000) scalarsCache.set(key, cached);
  }
  return cached;
}

/** A relation's rows as JSON (a rendered one as JSON text: rendered-json.ts). */
function relation(sql: Statement, model: ModelMeta, field: FieldMeta, parent: string, args: Args, shape: Shape, columns: ColumnTree | undefined, asText = true): string {
  const target = modelMeta(field.type);
  if (field.isList) return list(sql, target, args, (alias) => relationJoin(model, field, parent, alias), shape, columns, asText);
  const alias = sql.alias();
  const text = columns?.render && asText ? '::text' : '';
  return `(SELECT ${rowJson(sql, target, alias, args, shape, columns)}${text} FROM ${quote(target.name)} ${alias} WHERE ${relationJoin(model, field, parent, alias)})`;
}

/** A row's JSON: shaped like Prisma's, or rendered as the GraphQL response has it. */
function rowJson(sql: Statement, model: ModelMeta, alias: string, args: Args, shape: Shape, columns: ColumnTree | undefined): string {
  return columns?.render ? renderedObject(columns.render, alias) : object(sql, model, alias, args, shape, columns);
}

/** A whole row as the response has it: its columns, and its relations rendered (with plugin-prisma's arguments for them). */
function renderedRow(sql: Statement, model: ModelMeta, alias: string, args: Args, spec: RowRenderSpec): string {
  const loaded: Record<string, any> = args.include ?? args.select ?? {};
  const pairs = spec.entries.map((entry) => {
    if (!('relation' in entry)) return renderedPair(entry, alias);
    const value = loaded[entry.relation];
    const tree: ColumnTree = { columns: null, relations: new Map(), render: entry.spec };
    return `'${entry.key}', ${relation(sql, model, fieldMeta(model, entry.relation), alias, value && value !== true ? value : {}, { dates: [], relations: [] }, tree, false)}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}

/** The response's object for one row: its keys in the selection's order. */
function renderedObject(spec: RenderSpec, alias: string): string {
  return `json_build_object(${spec.entries.map((entry) => renderedPair(entry, alias)).join(', ')})`;
}

/** One key of a rendered object: its type's name, or a plain field's column as its scalar serializes. */
function renderedPair(entry: RenderedEntry, alias: string): string {
  return 'typename' in entry ? `'${entry.key}', '${entry.typename}'` : `'${entry.key}', ${scalarValue(entry.column, `${alias}.${quote(entry.column.name)}`)}`;
}

function counts(sql: Statement, model: ModelMeta, parent: string, select: Record<string, any>): string {
  const pairs = Object.entries(select)
    .filter(([, value]) => value)
    .map(([name, value]) => {
      const field = fieldMeta(model, name);
      const target = modelMeta(field.type);
      const alias = sql.alias();
      const where = renderWhere(sql, target, alias, value === true ? undefined : value.where);
      return `'${name}', (SELECT count(*)::int FROM ${quote(target.name)} ${alias} WHERE ${relationJoin(model, field, parent, alias)} AND ${where})`;
    });
  return `json_build_object(${pairs.join(', ')})`;
}

function orders(model: ModelMeta, orderBy: unknown, cursor: Args | undefined): Order[] {
  const result: Order[] = [];
  for (const entry of (Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : []) as Args[]) {
    if (entry instanceof SqlOrder) {
      result.push({ column: entry.name, desc: entry.desc, expression: entry.render });
      continue;
    }
    for (const [name, direction] of Object.entries(entry)) {
      if (fieldMeta(model, name).kind === 'object') throw new Error(`lean reader: ordering by a relation is not supported (${name})`);
      const sort = typeof direction === 'string' ? direction : direction.sort;
      result.push({ column: name, desc: sort === 'desc' });
    }
  }
  // A stable order: the cursor's columns (Prisma appends them too), else the primary key.
  for (const name of cursor ? Object.keys(cursor) : ['id']) {
    if (model.fields.has(name) && !result.some((order) => order.column === name)) result.push({ column: name, desc: false });
  }
  return result;
}

/**
 * The rows at or after the cursor row in this order (Prisma's cursor semantics; `skip: 1` then drops it).
 * A cursor that names no row selects nothing.
 */
function cursorCondition(sql: Statement, model: ModelMeta, alias: string, cursor: Args, order: Order[]): string {
  const row = sql.alias();
  const key = Object.entries(cursor)
    .map(([name, value]) => `${row}.${quote(name)} = ${sql.bind(value)}`)
    .join(' AND ');
  const of = (o: Order, a: string) => orderValue(sql, o, a);
  if (order.every((o) => o.desc === order[0]!.desc)) {
    const columns = (a: string) => order.map((o) => of(o, a)).join(', ');
    return `(${columns(alias)}) ${order[0]!.desc ? '<=' : '>='} (SELECT ${columns(row)} FROM ${quote(model.name)} ${row} WHERE ${key})`;
  }
  // Mixed directions: (a > a0) OR (a = a0 AND b < b0) OR … OR all equal.
  const value = (o: Order) => `(SELECT ${of(o, row)} FROM ${quote(model.name)} ${row} WHERE ${key})`;
  const terms = order.map((o, i) => {
    const equal = order.slice(0, i).map((p) => `${of(p, alias)} = ${value(p)}`);
    return [...equal, `${of(o, alias)} ${o.desc ? '<' : '>'} ${value(o)}`].join(' AND ');
  });
  terms.push(order.map((o) => `${of(o, alias)} = ${value(o)}`).join(' AND '));
  return `(${terms.map((t) => `(${t})`).join(' OR ')})`;
}

function orderValue(sql: Statement, order: Order, alias: string): string {
  return order.expression ? `(${order.expression(sql, alias)})` : `${alias}.${quote(order.column)}`;
}

/** A JSON array of rows: filtered, ordered, paged (a negative `take` pages backwards, as in Prisma). */
function list(sql: Statement, model: ModelMeta, args: Args, join: ((alias: string) => string) | undefined, shape: Shape, columns: ColumnTree | undefined, asText = true): string {
  const { text, order } = rows(sql, model, args, join, shape, columns);
  return `(SELECT coalesce(json_agg(s.j ORDER BY ${order}), '[]'::json)${columns?.render && asText ? '::text' : ''} FROM (${text}) s)`;
}

/** The rows (`j`) of a list, and the order of their `s` alias that restores the requested order. */
function rows(sql: Statement, model: ModelMeta, args: Args, join: ((alias: string) => string) | undefined, shape: Shape, columns: ColumnTree | undefined) {
  const alias = sql.alias();
  const order = orders(model, args.orderBy, args.cursor);
  const backwards = typeof args.take === 'number' && args.take < 0;
  const conditions = [renderWhere(sql, model, alias, args.where)];
  if (join) conditions.unshift(join(alias));
  const json = rowJson(sql, model, alias, args, shape, columns);
  if (args.cursor) conditions.push(cursorCondition(sql, model, alias, args.cursor, backwards ? order.map((o) => ({ ...o, desc: !o.desc })) : order));
  const direction = (o: Order, flip: boolean) => `${o.desc !== flip ? ' DESC' : ''}`;
  const inner = order.map((o, i) => `${orderValue(sql, o, alias)} AS o${i}`);
  let text = `SELECT ${json} AS j${inner.map((c) => `, ${c}`).join('')} FROM ${quote(model.name)} ${alias} WHERE ${conditions.join(' AND ')}`;
  text += ` ORDER BY ${order.map((o, i) => `o${i}${direction(o, backwards)}`).join(', ')}`;
  if (typeof args.take === 'number') text += ` LIMIT ${sql.bind(Math.abs(args.take))}`;
  if (args.skip) text += ` OFFSET ${sql.bind(args.skip)}`;
  return { text, order: order.map((o, i) => `s.o${i}${direction(o, false)}`).join(', ') };
}
