// datasetFacets: the counts a faceted catalog page shows beside its results, for the same filter.
import { builder } from '../graphql/builder.js';
import { MAX_PAGE_SIZE } from '../graphql/page-size.js';
import { ValidationError } from '../errors.js';
import { AccessLevelEnum, DatasetFilterInput, datasetFilter } from './types.js';
import { requestFacets, type DatasetFacets, type FacetCount } from './facets.js';

// The counts are already limited to what the caller may see by the statement that made them (the visibility
// rule inside datasetFacets' SQL). The types' own rule (public) is checked once per object, when graphql-js
// asks whose type it is, rather than on each of its fields: ~60 objects × 3 fields per catalog page.
const FacetCountRef = builder.objectRef<FacetCount>('FacetCount').implement({
  authScopes: { public: true },
  runScopesOnType: true,
  description: 'How many datasets a facet value would leave, with the other active filters applied.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'What to pass in the filter to select it.' }),
    label: t.exposeString('label'),
    count: t.exposeInt('count'),
  }),
});

const AccessLevelCountRef = builder.objectRef<DatasetFacets['accessLevel'][number]>('AccessLevelFacetCount').implement({
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    value: t.expose('value', { type: AccessLevelEnum }),
    count: t.exposeInt('count'),
  }),
});

const DatasetFacetsRef = builder.objectRef<DatasetFacets>('DatasetFacets').implement({
  authScopes: { public: true },
  runScopesOnType: true,
  description:
    'Counts per facet value over the datasets you may see. Each facet is counted with every OTHER active filter ' +
    'applied (its own filter left out), so its values are the alternatives to the current choice.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Datasets matching the whole filter (as datasets.totalCount).' }),
    departments: t.field({ type: [FacetCountRef], description: 'value: department slug.', resolve: (facets) => facets.department }),
    licenses: t.field({ type: [FacetCountRef], description: 'value: license id.', resolve: (facets) => facets.license }),
    accessLevels: t.field({ type: [AccessLevelCountRef], resolve: (facets) => facets.accessLevel }),
    themes: t.field({ type: [FacetCountRef], resolve: (facets) => facets.theme }),
    keywords: t.field({ type: [FacetCountRef], description: 'value: the keyword, lower-cased.', resolve: (facets) => facets.keyword }),
    formats: t.field({ type: [FacetCountRef], description: 'value: a distribution format.', resolve: (facets) => facets.format }),
  }),
});

builder.queryField('datasetFacets', (t) =>
  t.field({
    type: DatasetFacetsRef,
    authScopes: { public: true },
    description: 'Facet counts for a catalog filter (pass the same filter as to `datasets`): one SQL statement.',
    args: {
      filter: t.arg({ type: DatasetFilterInput }),
      limit: t.arg.int({ defaultValue: 20, description: `Values per facet, most frequent first (at most ${MAX_PAGE_SIZE}).` }),
    },
    resolve: (_root, args, context) => {
      const limit = args.limit ?? 20;
      if (limit < 0 || limit > MAX_PAGE_SIZE) throw new ValidationError([{ path: ['limit'], message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
      return requestFacets(context, datasetFilter(args.filter), limit);
    },
  }),
);
