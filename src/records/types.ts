// Records of a dataset, typed by the dataset's declared fields. This issue exposes plain cursor paging;
// filtering, sorting and aggregation build on the same type. Personal fields go through redaction.
import { builder, pageComplexity } from '../graphql/builder.js';
import { intIdOrZero } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { datasetVisibilityWhere } from '../catalog/visibility.js';
import type { Context } from '../graphql/context.js';
import { redactAttributes } from './redaction.js';
import { redactionFacts } from './redaction-facts.js';

const redacted = async (record: { datasetId: string; attributes: unknown }, context: Context) =>
  redactAttributes(context.viewer, await redactionFacts(context, record.datasetId), record.attributes as Record<string, unknown>);

builder.prismaNode('Record', {
  id: { field: 'id' },
  select: {},
  description: "One row of a dataset. Personal fields are null (and listed in redactedFields) unless you may see them.",
  // Reached through a visible dataset, or by node(id:) — which applies the same visibility rule here.
  authScopes: { public: true },
  nullable: true,
  findUnique: (id, context) => ({
    id: intIdOrZero(id),
    dataset: datasetVisibilityWhere(context.viewer),
  }),
  fields: (t) => ({
    recordId: t.exposeInt('id', { description: 'Numeric record id within the gateway.' }),
    attributes: t.field({
      type: 'JSONObject',
      select: { datasetId: true, attributes: true },
      resolve: async (record, _args, context) => (await redacted(record, context)).attributes,
    }),
    redactedFields: t.stringList({
      select: { datasetId: true, attributes: true },
      resolve: async (record, _args, context) => (await redacted(record, context)).redactedFields,
    }),
    geometry: t.expose('geometry', { type: 'JSON', nullable: true, description: 'GeoJSON geometry (WGS 84).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField(Dataset, 'records', (t) =>
  t.relatedConnection('records', {
    cursor: 'id',
    complexity: pageComplexity,
    description: 'The rows of this dataset, in insertion order, paged by cursor.',
    query: () => ({ orderBy: { id: 'asc' } }),
  }),
);
