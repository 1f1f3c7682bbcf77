// Stable record order and keyset cursors. The requested order (declared fields, ASC with nulls last or
// DESC with nulls first — PostgreSQL's defaults, so one index serves both directions) is completed by the
// record id in the direction of the last key, and a cursor carries the order values of its row: the next
// page starts right after it, however deep, with no OFFSET.
import { ValidationError, type FieldProblem } from '../errors.js';
import { fieldExpression, orderable, sqlType, typedValue, type DeclaredField } from '../db/record-fields.js';
import { usableField, type RecordScope, type SqlParams } from './filter/scope.js';

export interface RecordOrderInput {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

export interface OrderKey {
  /** null: the record id (the tie-breaker). */
  field: DeclaredField | null;
  desc: boolean;
}

const MAX_KEYS = 5;

export function resolveOrder(input: readonly RecordOrderInput[] | null | undefined, scope: RecordScope): OrderKey[] {
  const problems: FieldProblem[] = [];
  const keys: OrderKey[] = [];
  const list = input ?? [];
  if (list.length > MAX_KEYS) problems.push({ path: ['orderBy'], message: `at most ${MAX_KEYS} fields` });
  list.forEach((entry, i) => {
    const field = usableField(scope, entry?.field, ['orderBy', i, 'field'], problems);
    if (entry?.direction != null && entry.direction !== 'ASC' && entry.direction !== 'DESC') {
      problems.push({ path: ['orderBy', i, 'direction'], message: 'must be ASC or DESC' });
    }
    if (!field) return;
    if (!orderable(field.type)) problems.push({ path: ['orderBy', i, 'field'], message: `${field.name} is ${field.type}: not orderable` });
    else if (keys.some((key) => key.field?.name === field.name)) problems.push({ path: ['orderBy', i, 'field'], message: `${field.name} is already in the order` });
    else keys.push({ field, desc: entry.direction === 'DESC' });
  });
  if (problems.length > 0) throw new ValidationError(problems);
  keys.push({ field: null, desc: keys.at(-1)?.desc ?? false });
  return keys;
}

export const keyExpression = (key: OrderKey) => (key.field ? fieldExpression(key.field) : 'r."id"');

export function orderByClause(keys: OrderKey[], reverse = false): string {
  return keys.map((key) => `${keyExpression(key)}${key.desc !== reverse ? ' DESC' : ''}`).join(', ');
}

/** What a cursor holds: the order it was made for (so it is refused under another) and its row's values. */
interface CursorContent {
  o: string;
  v: unknown[];
}

const signature = (keys: OrderKey[]) => keys.map((key) => `${key.field?.name ?? '#id'}:${key.desc ? 'D' : 'A'}`).join(',');

export function encodeCursor(keys: OrderKey[], values: unknown[]): string {
  return Buffer.from(JSON.stringify({ o: signature(keys), v: values } satisfies CursorContent)).toString('base64url');
}

export function decodeCursor(keys: OrderKey[], cursor: string, argument: string): unknown[] {
  let content: CursorContent | undefined;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorContent;
  } catch {
    content = undefined;
  }
  if (!content || !Array.isArray(content.v) || content.v.length !== keys.length || typeof content.v.at(-1) !== 'number') {
    throw new ValidationError([{ path: [argument], message: 'is not a cursor of this list' }]);
  }
  const valid = content.v.every((value, i) => {
    const field = keys[i]!.field;
    if (!field) return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
    return value === null || !('problem' in typedValue(field.type, value));
  });
  if (!valid) throw new ValidationError([{ path: [argument], message: 'is not a cursor of this list' }]);
  if (content.o !== signature(keys)) {
    throw new ValidationError([{ path: [argument], message: 'was made for another order: use orderBy as it was when the cursor was returned' }]);
  }
  return content.v;
}

/**
 * Rows strictly after the cursor row in this order (before it when `reverse`). Ascending keys put nulls
 * last, descending keys first. When all keys run one way and the cursor has no nulls (always so for the
 * plain id order), this is one row comparison that an index on the keys answers as a range scan.
 */
export function afterCursor(keys: OrderKey[], values: unknown[], sql: SqlParams, reverse = false): string {
  const bound = values.map((value, i) => (value === null ? null : sql.bind(value, keys[i]!.field ? sqlType(keys[i]!.field!.type) : 'int')));
  const desc = (key: OrderKey) => key.desc !== reverse;
  const uniform = keys.every((key) => desc(key) === desc(keys[0]!));
  const nullsPossible = keys.some((key, i) => key.field && (values[i] === null || (!desc(key) && key.field.nullable)));
  if (uniform && !nullsPossible) {
    return `(${keys.map(keyExpression).join(', ')}) ${desc(keys[0]!) ? '<' : '>'} (${bound.join(', ')})`;
  }
  // Lexicographic: after on key i, or equal on key i and after on the rest.
  const after = (i: number): string => {
    const key = keys[i]!;
    const expression = keyExpression(key);
    const value = bound[i];
    // Nulls sort last going up (ASC; a reversed DESC) and first going down (DESC; a reversed ASC).
    const goingUp = !desc(key);
    let strictly: string;
    let equal: string;
    if (value === null) {
      equal = `${expression} IS NULL`;
      strictly = goingUp ? 'FALSE' : `${expression} IS NOT NULL`;
    } else {
      equal = `${expression} = ${value}`;
      const beyond = `${expression} ${goingUp ? '>' : '<'} ${value}`;
      strictly = goingUp && key.field?.nullable ? `(${beyond} OR ${expression} IS NULL)` : beyond;
    }
    if (i === keys.length - 1) return strictly;
    return `(${strictly} OR (${equal} AND ${after(i + 1)}))`;
  };
  return after(0);
}
