// Catalog GraphQL types: Dataset (DCAT-US 1.1), Distribution, DatasetField, License, Steward, Department.
import { withSelectedColumns } from '../read/columns.js';
import { plannedQuery } from '../graphql/planned-query.js';
import { builder, pageComplexity } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { uuidNodeLookup, uuidOrNil } from '../graphql/ids.js';
import { AccessLevel, FieldType } from '../generated/prisma/enums.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import { exactlyOneOf } from '../graphql/validation.js';
import { calendarDate } from '../workflow/deadlines.js';
import { sharedConnection } from '../graphql/connections.js';
import { licenseNotice, visibleDatasetWhere, type DatasetFilter } from './service.js';
import { countDatasets, readDatasets } from './dataset-list.js';
import { catalogLoaders } from './loaders.js';

export const AccessLevelEnum = builder.enumType(AccessLevel, {
  name: 'AccessLevel',
  description: 'DCAT-US accessLevel: public, restricted public or non-public.',
});

export const FieldTypeEnum = builder.enumType(FieldType, { name: 'FieldType' });

export const DatasetOrderEnum = builder.enumType('DatasetOrder', {
  values: {
    TITLE_ASC: {},
    MODIFIED_DESC: {},
    RELEVANCE: { description: 'Best search match first (title above keywords above description); by title without a search.' },
  } as const,
});

const BY_TITLE = [{ title: 'asc' as const }, { id: 'asc' as const }];

export const DatasetFilterInput = builder.inputType('DatasetFilter', {
  fields: (t) => ({
    department: t.string({ description: 'Department slug, e.g. "public-works".' }),
    license: t.string({ description: 'License id, e.g. "CC-BY-4.0" or "not-specified".' }),
    accessLevel: t.field({ type: AccessLevelEnum }),
    theme: t.string(),
    keyword: t.string({ description: 'A keyword, or a whole word of one ("trees" finds "street trees"), ignoring case.' }),
    format: t.string({ description: 'A distribution format ("CSV", "GeoJSON", "API"), ignoring case.' }),
    steward: t.globalID({ description: 'The id of a Steward: their datasets only.' }),
    modifiedFrom: t.field({ type: 'DateTime', description: 'Modified at or after this instant.' }),
    modifiedTo: t.field({ type: 'DateTime', description: 'Modified at or before this instant.' }),
    search: t.string({
      description:
        'Full-text search over title, keywords and description: words match as prefixes ("perm" finds "permits") and ' +
        'in their English forms ("permit" finds "permits"); "a phrase", `or` and `-word` as in web search.',
    }),
  }),
});

type DatasetFilterArgs = typeof DatasetFilterInput.$inferInput;

/** The GraphQL filter as the catalog service takes it. */
export function datasetFilter(input: DatasetFilterArgs | null | undefined): DatasetFilter {
  if (!input) return {};
  const { steward, ...rest } = input;
  return { ...rest, stewardId: steward ? (steward.typename === 'Steward' ? uuidOrNil(steward.id) : uuidOrNil('')) : null };
}

/** A department's, steward's or license's datasets: only those the caller may see (and count), by title. */
const visibleDatasetsConnection = {
  cursor: 'id',
  complexity: pageComplexity,
  totalCount: true,
  query: (_args: unknown, context: Context) => ({ where: datasetVisibilityWhere(context.viewer), orderBy: BY_TITLE }),
} as const;

export const Department = builder.prismaNode('Department', {
  runScopesOnType: true,
  id: { field: 'id' },
  ...uuidNodeLookup,
  authScopes: { public: true },
  description: 'A city department: the DCAT publisher of its datasets.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    email: t.exposeString('email', { nullable: true, description: "The department's public inbox." }),
    phone: t.exposeString('phone', { nullable: true }),
    datasets: t.relatedConnection('datasets', visibleDatasetsConnection, DatasetConnection),
    datasetCount: t.int({
      description: 'How many of its datasets you may see.',
      resolve: (department, _args, context) => catalogLoaders(context).departmentDatasetCount.load(department.id),
    }),
  }),
});

export const Steward = builder.prismaNode('Steward', {
  runScopesOnType: true,
  id: { field: 'id' },
  ...uuidNodeLookup,
  authScopes: { public: true },
  description: 'A staff member who answers for datasets (the DCAT contactPoint).',
  fields: (t) => ({
    name: t.exposeString('name'),
    title: t.exposeString('title'),
    department: t.relation('department'),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Staff only: the public writes to the department inbox (Dataset.contactPoint).',
      authScopes: { staff: true },
      unauthorizedResolver: () => null,
    }),
    phone: t.exposeString('phone', {
      nullable: true,
      authScopes: { staff: true },
      unauthorizedResolver: () => null,
    }),
    datasets: t.relatedConnection('datasets', visibleDatasetsConnection, DatasetConnection),
    datasetCount: t.int({
      description: 'How many of the datasets they steward you may see.',
      resolve: (steward, _args, context) => catalogLoaders(context).stewardDatasetCount.load(steward.id),
    }),
  }),
});

export const License = builder.prismaNode('License', {
  runScopesOnType: true,
  id: { field: 'id' },
  ...uuidNodeLookup,
  authScopes: { public: true },
  description: 'A reuse license; `specified: false` is the explicit "license not specified" state.',
  fields: (t) => ({
    spdxId: t.exposeString('spdxId', { description: 'SPDX-like id, or "not-specified".' }),
    name: t.exposeString('name'),
    url: t.exposeString('url', { nullable: true }),
    reuseTerms: t.exposeString('reuseTerms'),
    specified: t.exposeBoolean('specified'),
    notice: t.string({ description: 'What a reuser must know, in one sentence.', resolve: licenseNotice }),
    datasets: t.relatedConnection('datasets', visibleDatasetsConnection, DatasetConnection),
    datasetCount: t.int({
      description: 'How many datasets under this license you may see.',
      resolve: (license, _args, context) => catalogLoaders(context).licenseDatasetCount.load(license.id),
    }),
  }),
});

export const Distribution = builder.prismaNode('Distribution', {
  runScopesOnType: true,
  id: { field: 'id' },
  // node(id:) finds a distribution only when its dataset is visible to the caller.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), dataset: datasetVisibilityWhere(context.viewer) }),
  authScopes: { public: true },
  description: 'A DCAT distribution: a download (downloadURL + mediaType) or an API (accessURL).',
  fields: (t) => ({
    title: t.exposeString('title', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    format: t.exposeString('format'),
    mediaType: t.exposeString('mediaType', { nullable: true }),
    downloadURL: t.exposeString('downloadURL', { nullable: true }),
    accessURL: t.exposeString('accessURL', { nullable: true }),
  }),
});

export const DatasetField = builder.prismaObject('DatasetField', {
  runScopesOnType: true,
  authScopes: { public: true },
  description: "A declared field of a dataset's records.",
  fields: (t) => ({
    name: t.exposeString('name'),
    label: t.exposeString('label', { nullable: true }),
    type: t.expose('type', { type: FieldTypeEnum }),
    nullable: t.exposeBoolean('nullable'),
    description: t.exposeString('description', { nullable: true }),
    pii: t.exposeBoolean('pii', { description: 'Holds personal information; redacted for callers who may not see it.' }),
  }),
});

const ContactPoint = builder.objectRef<{ name: string; email: string | null }>('ContactPoint').implement({
  authScopes: { public: true },
  description: 'DCAT contactPoint (vCard): the steward, reached through the department inbox.',
  fields: (t) => ({
    fn: t.exposeString('name', { description: 'Formatted name.' }),
    hasEmail: t.string({ nullable: true, resolve: (contact) => (contact.email ? `mailto:${contact.email}` : null) }),
  }),
});

export const Dataset = builder.prismaNode('Dataset', {
  id: { field: 'id' },
  description: 'A dataset with DCAT-US 1.1 metadata.',
  // node(id:) lookups obey the same visibility rule as lists; invisible datasets are simply absent.
  nullable: true,
  findUnique: (id, context) => visibleDatasetWhere(context.viewer, { id: uuidOrNil(id) }),
  runScopesOnType: true,
  authScopes: (dataset) => ({ readDataset: dataset }),
  // What that scope reads of every row, besides the id: the lean reader selects these whatever the query.
  extensions: { rowColumns: ['identifier', 'accessLevel', 'stewardId', 'archivedAt'] },
  fields: (t) => ({
    identifier: t.exposeString('identifier'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    keywords: t.exposeStringList('keywords'),
    themes: t.exposeStringList('themes'),
    issued: t.field({
      type: 'Date',
      nullable: true,
      description: 'Day of first publication (a calendar day in the city, "YYYY-MM-DD").',
      resolve: (dataset) => (dataset.issued ? calendarDate(dataset.issued) : null),
    }),
    modified: t.expose('modified', { type: 'DateTime' }),
    accessLevel: t.expose('accessLevel', { type: AccessLevelEnum }),
    rights: t.exposeString('rights', { nullable: true }),
    accrualPeriodicity: t.exposeString('accrualPeriodicity', { nullable: true }),
    spatial: t.exposeString('spatial', { nullable: true }),
    temporal: t.exposeString('temporal', { nullable: true }),
    landingPage: t.exposeString('landingPage', { nullable: true }),
    describedBy: t.exposeString('describedBy', { nullable: true }),
    conformsTo: t.exposeString('conformsTo', { nullable: true }),
    references: t.exposeStringList('references'),
    version: t.exposeInt('version', { description: 'Bumped on every change; pass it as expectedVersion to publishing mutations.' }),
    archivedAt: t.expose('archivedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When an admin archived the dataset (only admins still see it then); null while published.',
    }),
    publisher: t.relation('publisher'),
    steward: t.relation('steward'),
    license: t.relation('license'),
    contactPoint: t.field({
      type: ContactPoint,
      select: { steward: { select: { name: true } }, publisher: { select: { email: true } } },
      resolve: (dataset) => ({ name: dataset.steward.name, email: dataset.publisher.email }),
    }),
    distributions: t.relation('distributions', { query: { orderBy: { position: 'asc' } } }),
    fields: t.relation('fields', { query: { orderBy: { position: 'asc' } } }),
    geometryPii: t.exposeBoolean('geometryPii', {
      description: 'The records’ geometry locates people: redacted (null, listed in redactedFields) like a personal field.',
    }),
    recordCount: t.relationCount('records'),
    openComplaintCount: t.int({
      description: 'Complaints about this dataset still being worked (neither resolved nor dismissed).',
      resolve: (dataset, _args, context) => catalogLoaders(context).openComplaintCount.load(dataset.id),
    }),
    lastChangeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the dataset last changed through the gateway (its newest change event); null if never.',
      resolve: (dataset, _args, context) => catalogLoaders(context).lastChangeAt.load(dataset.id),
    }),
  }),
});

// Every list of datasets (the catalog, a license's, a steward's, a department's) has this one type.
const DatasetConnection = sharedConnection(Dataset, 'DatasetConnection');
const StewardConnection = sharedConnection(Steward, 'StewardConnection');

builder.queryFields((t) => ({
  datasets: t.prismaConnection(
    {
      type: 'Dataset',
      cursor: 'id',
      complexity: pageComplexity,
      description: 'Datasets the caller may see, paged by cursor.',
      authScopes: { public: true },
      args: {
        filter: t.arg({ type: DatasetFilterInput }),
        orderBy: t.arg({ type: DatasetOrderEnum, defaultValue: 'TITLE_ASC' }),
      },
      totalCount: (_root, args, context) => countDatasets(context, datasetFilter(args.filter)),
      resolve: (query, _root, args, context, info) =>
        readDatasets(context, withSelectedColumns(query, info), datasetFilter(args.filter), args.orderBy ?? 'TITLE_ASC'),
    },
    DatasetConnection,
  ),
  dataset: t.field({
    type: Dataset,
    nullable: true,
    description: 'One dataset by global id or DCAT identifier; null when absent or not visible to the caller.',
    authScopes: { public: true },
    args: { id: t.arg.globalID({ for: Dataset }), identifier: t.arg.string() },
    validate: exactlyOneOf('id', 'identifier'),
    resolve: (_root, args, context, info) =>
      context.reader.findUnique('Dataset', {
        ...plannedQuery(context, info),
        where: visibleDatasetWhere(context.viewer, args.id ? { id: uuidOrNil(args.id.id) } : { identifier: args.identifier! }),
      }),
  }),
  licenses: t.field({
    type: [License],
    authScopes: { public: true },
    resolve: (_root, _args, context, info) => context.reader.findMany('License', { ...plannedQuery(context, info), orderBy: { name: 'asc' } }),
  }),
  license: t.field({
    type: License,
    nullable: true,
    authScopes: { public: true },
    args: { spdxId: t.arg.string({ required: true }) },
    resolve: (_root, args, context, info) =>
      context.reader.findUnique('License', { ...plannedQuery(context, info), where: { spdxId: args.spdxId } }),
  }),
  stewards: t.prismaConnection(
    {
      type: 'Steward',
      cursor: 'id',
      complexity: pageComplexity,
      authScopes: { public: true },
      totalCount: (_root, _args, context) => context.prisma.steward.count(),
      resolve: (query, _root, _args, context, info) =>
        context.reader.findMany('Steward', { ...withSelectedColumns(query, info), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    },
    StewardConnection,
  ),
  steward: t.field({
    type: Steward,
    nullable: true,
    authScopes: { public: true },
    args: { id: t.arg.globalID({ for: Steward, required: true }) },
    resolve: (_root, args, context, info) =>
      context.reader.findUnique('Steward', { ...plannedQuery(context, info), where: { id: uuidOrNil(args.id.id) } }),
  }),
  departments: t.field({
    type: [Department],
    authScopes: { public: true },
    resolve: (_root, _args, context, info) => context.reader.findMany('Department', { ...plannedQuery(context, info), orderBy: { name: 'asc' } }),
  }),
}));
