// The records an import batch wrote (their changeSequence is the batch's change sequence), for the live
// `recordsChanged` event: one statement loads the page together with the dataset's redaction facts.
import type { Context } from '../graphql/context.js';
import { ValidationError } from '../errors.js';
import { pageSizeProblems } from '../graphql/page-size.js';
import { refreshRedactionFacts } from './redaction-facts.js';
import type { RedactionFacts } from './redaction.js';
import type { StoredRecord } from './page.js';

export async function recordsOfBatch(context: Context, datasetId: string, changeSequence: bigint, first: number): Promise<StoredRecord[]> {
  const problems = pageSizeProblems({ first });
  if (problems.length > 0) throw new ValidationError(problems);
  const [dataset] = await context.reader.findMany<RedactionFacts & { id: string; records: StoredRecord[] }>('Dataset', {
    where: { id: datasetId },
    select: {
      id: true,
      stewardId: true,
      geometryPii: true,
      fields: { select: { name: true, pii: true }, orderBy: { position: 'asc' } },
      records: {
        where: { changeSequence },
        orderBy: { id: 'asc' },
        take: first,
        select: { id: true, datasetId: true, attributes: true, geometry: true, createdAt: true, updatedAt: true, changeSequence: true },
      },
    },
  });
  if (!dataset) return [];
  // A subscription keeps its context for its whole life: each event redacts with the facts as they are now.
  refreshRedactionFacts(context, datasetId, { stewardId: dataset.stewardId, geometryPii: dataset.geometryPii, fields: dataset.fields });
  return dataset.records;
}
