// What records queries need of their dataset (steward, personal geometry, declared fields with types), as
// a plugin-prisma selection merged into the dataset's own statement, so a page costs one more statement.
import type { Viewer } from '../access/viewer.js';
import type { FieldType } from '../generated/prisma/enums.js';
import type { RecordFacts, RecordScope } from './filter/scope.js';

export const recordFactsSelection = {
  id: true,
  stewardId: true,
  geometryPii: true,
  fields: { select: { name: true, type: true, nullable: true, pii: true }, orderBy: { position: 'asc' as const } },
};

export interface DatasetWithFacts {
  id: string;
  stewardId: string;
  geometryPii: boolean;
  fields: { name: string; type: FieldType; nullable: boolean; pii: boolean }[];
}

export function recordScope(dataset: DatasetWithFacts, viewer: Viewer): RecordScope {
  const facts: RecordFacts = { stewardId: dataset.stewardId, geometryPii: dataset.geometryPii, fields: dataset.fields };
  return { datasetId: dataset.id, facts, viewer };
}
