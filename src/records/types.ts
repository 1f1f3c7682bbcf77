// Records of a dataset, typed by the dataset's declared fields. This issue exposes plain cursor paging;
// filtering, sorting and aggregation build on the same type. Personal fields go through redaction.
import { builder, pageComplexity } from '../graphql/builder.js';
import { intIdOrZero } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { datasetVisibilityWhere } from '../catalog/visibility.js';
import { redactAttributes } from './redaction.js';
import { sharedConnection } from '../graphql/connections.js';

const piiSelection = { dataset: { select: { stewardId: true, fields: { select: { name: true, pii: true } } } } };

const RecordNode = builder.prismaNode('Record', {
  id: { field: 'id' },
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
      select: piiSelection,
      resolve: (record, _args, context) =>
        redactAttributes(context.viewer, record.dataset, record.attributes as Record<string, unknown>).attributes,
    }),
    redactedFields: t.stringList({
      select: piiSelection,
      resolve: (record, _args, context) =>
        redactAttributes(context.viewer, record.dataset, record.attributes as Record<string, unknown>).redactedFields,
    }),
    geometry: t.expose('geometry', { type: 'JSON', nullable: true, description: 'GeoJSON geometry (WGS 84).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const RecordConnection = sharedConnection(RecordNode, 'RecordConnection');

builder.prismaObjectField(Dataset, 'records', (t) =>
  t.relatedConnection(
    'records',
    {
      cursor: 'id',
      complexity: pageComplexity,
      totalCount: true,
      description: 'The rows of this dataset, in insertion order, paged by cursor.',
      query: () => ({ orderBy: { id: 'asc' } }),
    },
    RecordConnection,
  ),
);
