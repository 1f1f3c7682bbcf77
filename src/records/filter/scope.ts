// What every records operation (page, counts, aggregates, exports) knows of the dataset and the caller,
// and the one check of a field name a caller uses: declared, and not personal unless they may see it.
// A personal field the caller may not see is reported exactly like an unknown one, so filters, groups and
// counts cannot probe its values.
import { seesPersonalData } from '../../access/policy.js';
import type { Viewer } from '../../access/viewer.js';
import type { FieldProblem } from '../../errors.js';
import type { RedactionFacts } from '../redaction.js';
import type { DeclaredField } from '../../db/record-fields.js';

/** Redaction facts plus the declared type and nullability of each field. */
export interface RecordFacts extends RedactionFacts {
  fields: DeclaredField[];
}

export interface RecordScope {
  datasetId: string;
  facts: RecordFacts;
  viewer: Viewer;
}

/** Collects bound parameters of one statement. */
export class SqlParams {
  readonly values: unknown[] = [];

  bind(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

export type Path = (string | number)[];

export function usableField(scope: RecordScope, name: unknown, path: Path, problems: FieldProblem[]): DeclaredField | undefined {
  if (typeof name !== 'string') {
    problems.push({ path, message: 'must name a field' });
    return undefined;
  }
  const field = scope.facts.fields.find((candidate) => candidate.name === name);
  if (!field || (field.pii && !seesPersonalData(scope.viewer, scope.facts))) {
    problems.push({ path, message: `unknown field "${name}"` });
    return undefined;
  }
  return field;
}

/** May the caller filter by location? Not when the dataset's geometry is personal and withheld from them. */
export function seesGeometry(scope: RecordScope): boolean {
  return !scope.facts.geometryPii || seesPersonalData(scope.viewer, scope.facts);
}
