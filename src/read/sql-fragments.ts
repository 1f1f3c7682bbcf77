// SQL that a domain writes itself where Prisma's read arguments cannot say it (full-text search and its
// rank): a condition placed in a `where`, an order placed in an `orderBy`. Each renders against the row's
// alias and binds its values through the statement. Only the lean reader understands them; a query that
// uses them must not be handed to the Prisma reader.
import type { Statement } from './where.js';

export type RenderSql = (sql: Statement, alias: string) => string;

export class SqlCondition {
  constructor(readonly render: RenderSql) {}
}

export class SqlOrder {
  /** `name` only labels the order in errors; `render` gives the value rows are ordered by. */
  constructor(readonly name: string, readonly render: RenderSql, readonly desc: boolean) {}
}

/** Binds a value once per statement, however often the fragment that uses it is rendered. */
export function bindOnce(value: unknown): (sql: Statement) => string {
  const placeholders = new WeakMap<Statement, string>();
  return (sql) => {
    let placeholder = placeholders.get(sql);
    if (!placeholder) placeholders.set(sql, (placeholder = sql.bind(value)));
    return placeholder;
  };
}
