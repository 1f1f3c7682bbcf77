// The redaction plan rendered as SQL over a record row, for statements that hand records out as JSON built
// by PostgreSQL: the declared fields only, in declared order, withheld ones as null (redaction.ts applies the
// same plan in JavaScript).
import { sqlLiteral } from '../db/record-fields.js';
import type { RedactionPlan } from './redaction.js';

/** JSON of a row's shown attributes (`column` holds the stored jsonb), keys in the plan's order. */
export function redactedAttributesSql(plan: RedactionPlan, column: string): string {
  if (plan.fields.length === 0) return `'{}'::json`;
  if (plan.fields.length <= 50) {
    // json_build_object takes at most 100 arguments.
    return `json_build_object(${plan.fields.map((field) => `${sqlLiteral(field.name)}, ${field.withheld ? 'NULL::jsonb' : `${column} -> ${sqlLiteral(field.name)}`}`).join(', ')})`;
  }
  // Longer declarations as JSON text (merging jsonb chunks would reorder the keys).
  const parts = plan.fields.flatMap((field, index) => {
    const key = `${index ? ',' : '{'}${JSON.stringify(field.name)}:`;
    return field.withheld ? [sqlLiteral(`${key}null`)] : [sqlLiteral(key), `coalesce((${column} -> ${sqlLiteral(field.name)})::text, 'null')`];
  });
  return `${concatenated([...parts, `'}'`])}::json`;
}

/**
 * `concat` of the parts, nested by a hundred (a function's argument limit): a shallow expression however many
 * fields are declared. A long `a || b || …` chain is as deep as it is long, which embedded PostgreSQL (PGlite)
 * does not survive in a parameterized statement (it answers no rows, then loses the statement).
 */
function concatenated(parts: string[]): string {
  if (parts.length <= 100) return `concat(${parts.join(', ')})`;
  const groups: string[] = [];
  for (let start = 0; start < parts.length; start += 100) groups.push(concatenated(parts.slice(start, start + 100)));
  return concatenated(groups);
}

/** A row's geometry as shown: NULL when the plan withholds it. */
export function redactedGeometrySql(plan: RedactionPlan, column: string): string {
  return plan.geometryWithheld ? 'NULL::jsonb' : column;
}
