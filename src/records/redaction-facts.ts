// What redaction needs to know of a record's dataset (its steward, personal fields and whether its
// geometry is personal), loaded once per request for all the records it shows, instead of once per record.
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context.js';
import { requestLocal } from '../infra/request-local.js';
import type { RedactionFacts } from './redaction.js';

/** Facts already loaded with the dataset (a records page selects them): no statement of their own. */
export function primeRedactionFacts(context: Context, datasetId: string, facts: RedactionFacts): void {
  loader(context).prime(datasetId, facts);
}

/** Replaces facts loaded earlier in a long-lived context (a subscription), with ones just read. */
export function refreshRedactionFacts(context: Context, datasetId: string, facts: RedactionFacts): void {
  loader(context).clear(datasetId).prime(datasetId, facts);
}

export function redactionFacts(context: Context, datasetId: string): Promise<RedactionFacts> {
  return loader(context).load(datasetId);
}

const loader = requestLocal(
  (context: Context) =>
    new DataLoader<string, RedactionFacts>(async (ids: readonly string[]) => {
      const rows = await context.reader.findMany<RedactionFacts & { id: string }>('Dataset', {
        where: { id: { in: [...ids] } },
        select: {
          id: true,
          stewardId: true,
          geometryPii: true,
          fields: { select: { name: true, pii: true }, orderBy: { position: 'asc' } },
        },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? new Error(`dataset ${id} vanished`));
    }),
);
