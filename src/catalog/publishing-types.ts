// GraphQL surface of publishing: the mutations a steward (or an admin) runs on a dataset. Each takes the
// dataset's `expectedVersion`, is authorized before its input is examined (the services check who may
// publish first), and answers a union of the dataset payload and only the errors it can return.
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { underArgument } from '../graphql/validation.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { AccessLevelEnum, Dataset, Distribution, FieldTypeEnum } from './types.js';
import { archiveDataset, changeAccessLevel, createDataset, restoreDataset, setDatasetLicense, updateDataset } from './publishing.js';
import { addDistribution, removeDistribution, reorderDistributions, updateDistribution } from './publishing-distributions.js';
import { declareField, removeField, setRecordKeyField, updateField } from './publishing-fields.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

// Texts, URLs and e-mails are plain strings here: the services check them after authorization and report
// each problem under its field (`input.landingPage`), which GraphQL scalars would do before it.
const metadataFields = (t: InputFields) => ({
  description: t.string(),
  keywords: t.stringList(),
  themes: t.stringList(),
  issued: t.string({ description: 'Day of first publication, YYYY-MM-DD.' }),
  accrualPeriodicity: t.string({ description: 'ISO 8601 repeating duration (R/P1D, R/P1W, R/P1M, R/P3M, R/P1Y …) or "irregular".' }),
  spatial: t.string(),
  temporal: t.string(),
  landingPage: t.string({ description: 'http(s) URL.' }),
  describedBy: t.string({ description: 'http(s) URL of the data dictionary.' }),
  conformsTo: t.string({ description: 'http(s) URL of the standard the data follows.' }),
  references: t.stringList({ description: 'http(s) URLs.' }),
  geometryPii: t.boolean({ description: 'The records’ geometry locates people: redact it like a personal field.' }),
});

const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  fields: (t) => ({
    identifier: t.string({ required: true, description: 'Stable lower-case slug, e.g. "toaks-street-trees".' }),
    title: t.string({ required: true }),
    ...metadataFields(t),
    description: t.string({ required: true }),
    department: t.string({ description: 'Department slug; defaults to the steward’s department (stewards may use no other).' }),
    stewardEmail: t.string({ description: 'The steward’s e-mail; defaults to you (admins without a steward account give it).' }),
    license: t.string({ description: 'License id, e.g. "CC-BY-4.0"; defaults to "not-specified".' }),
    accessLevel: t.field({ type: AccessLevelEnum, description: 'Defaults to PUBLIC.' }),
    rights: t.string({ description: 'Required unless PUBLIC: why access is limited and how to get it (≤ 255 characters).' }),
  }),
});

const UpdateDatasetInput = builder.inputType('UpdateDatasetInput', {
  description: 'Only the fields given change; null clears an optional one.',
  fields: (t) => ({ title: t.string(), ...metadataFields(t) }),
});

const DistributionInput = builder.inputType('DistributionInput', {
  description: 'A download (downloadURL + mediaType) or an API (accessURL). On update, only the fields given change.',
  fields: (t) => ({
    title: t.string(),
    description: t.string(),
    format: t.string({ description: 'CSV, GeoJSON, API … (required for a new distribution).' }),
    mediaType: t.string({ description: 'e.g. text/csv; required with a downloadURL.' }),
    downloadURL: t.string(),
    accessURL: t.string(),
  }),
});

const fieldInputFields = (t: InputFields) => ({
  label: t.string(),
  nullable: t.boolean(),
  description: t.string(),
  pii: t.boolean({ description: 'Personal information: redacted for callers who may not see it.' }),
  indexed: t.boolean({ description: 'Keep an expression index on this field’s values (not for GEOMETRY). Built in the same transaction.' }),
});

const DeclareFieldInput = builder.inputType('DeclareFieldInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The attribute key in records: a-z, 0-9 and _.' }),
    type: t.field({ type: FieldTypeEnum, required: true }),
    ...fieldInputFields(t),
  }),
});

const UpdateFieldInput = builder.inputType('UpdateFieldInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({ type: t.field({ type: FieldTypeEnum }), ...fieldInputFields(t) }),
});

const datasetResult = { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'dataset' } };
const datasetResultWithoutInput = { types: [NotFoundError, ConflictError], dataField: { name: 'dataset' } };
const publisherScopes = { staff: true } as const; // the services then ask the policy about this dataset
const EXPECTED_VERSION = 'The dataset version you edited; a stale one answers ConflictError with the current version.';

builder.mutationFields((t) => ({
  createDataset: t.field({
    type: Dataset,
    description: 'Stewards: a dataset in your own department, stewarded by you. Admins: any.',
    authScopes: publisherScopes,
    extensions: { audit: 'dataset.create' },
    errors: datasetResult,
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: (_root, { input }, context) => underArgument('input', () => createDataset(context.prisma, context.viewer, input)),
  }),
  updateDataset: t.field({
    type: Dataset,
    description: 'Its steward or an admin: change some metadata.',
    authScopes: publisherScopes,
    extensions: { audit: 'dataset.update' },
    errors: datasetResult,
    args: { id: t.arg.globalID({ for: Dataset, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }), input: t.arg({ type: UpdateDatasetInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => updateDataset(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion, args.input)),
  }),
  setDatasetLicense: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'dataset.setLicense' },
    errors: datasetResultWithoutInput,
    args: {
      id: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      license: t.arg.string({ required: true, description: 'License id, e.g. "CC-BY-4.0" or "not-specified".' }),
    },
    resolve: (_root, args, context) => setDatasetLicense(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion, args.license),
  }),
  changeAccessLevel: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'dataset.changeAccessLevel' },
    errors: datasetResult,
    args: {
      id: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      accessLevel: t.arg({ type: AccessLevelEnum, required: true }),
      rights: t.arg.string({ description: 'Required unless PUBLIC (≤ 255 characters); replaces the current rights.' }),
    },
    resolve: (_root, args, context) =>
      changeAccessLevel(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion, args.accessLevel, args.rights),
  }),
  archiveDataset: t.field({
    type: Dataset,
    description: 'Admins: take a dataset off every public path. Nothing is deleted; restoreDataset brings it back.',
    authScopes: { admin: true },
    extensions: { audit: 'dataset.archive' },
    errors: datasetResultWithoutInput,
    args: { id: t.arg.globalID({ for: Dataset, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }) },
    resolve: (_root, args, context) => archiveDataset(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion),
  }),
  restoreDataset: t.field({
    type: Dataset,
    authScopes: { admin: true },
    extensions: { audit: 'dataset.restore' },
    errors: datasetResultWithoutInput,
    args: { id: t.arg.globalID({ for: Dataset, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }) },
    resolve: (_root, args, context) => restoreDataset(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion),
  }),
  addDistribution: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'distribution.add' },
    errors: datasetResult,
    args: { datasetId: t.arg.globalID({ for: Dataset, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }), input: t.arg({ type: DistributionInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => addDistribution(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.input)),
  }),
  updateDistribution: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'distribution.update' },
    errors: datasetResult,
    args: { id: t.arg.globalID({ for: Distribution, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }), input: t.arg({ type: DistributionInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => updateDistribution(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion, args.input)),
  }),
  removeDistribution: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'distribution.remove' },
    errors: datasetResultWithoutInput,
    args: { id: t.arg.globalID({ for: Distribution, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }) },
    resolve: (_root, args, context) => removeDistribution(context.prisma, context.viewer, uuidOrNil(args.id.id), args.expectedVersion),
  }),
  reorderDistributions: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'distribution.reorder' },
    errors: datasetResult,
    args: {
      datasetId: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      order: t.arg.globalIDList({ for: Distribution, required: true, description: 'Every distribution of the dataset, once, in the new order.' }),
    },
    resolve: (_root, args, context) =>
      underArgument('order', () =>
        reorderDistributions(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.order.map((id) => uuidOrNil(id.id))),
      ),
  }),
  declareField: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'field.declare' },
    errors: datasetResult,
    args: { datasetId: t.arg.globalID({ for: Dataset, required: true }), expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }), input: t.arg({ type: DeclareFieldInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => declareField(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.input)),
  }),
  updateField: t.field({
    type: Dataset,
    authScopes: publisherScopes,
    extensions: { audit: 'field.update' },
    errors: datasetResult,
    args: {
      datasetId: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      name: t.arg.string({ required: true }),
      input: t.arg({ type: UpdateFieldInput, required: true }),
    },
    resolve: (_root, args, context) =>
      underArgument('input', () => updateField(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.name, args.input)),
  }),
  setRecordKeyField: t.field({
    type: Dataset,
    description: 'The declared TEXT or INTEGER field whose value identifies a record in UPSERT imports (null clears it). The field gets indexed; existing records must not share a value.',
    authScopes: publisherScopes,
    extensions: { audit: 'dataset.setKeyField' },
    errors: datasetResult,
    args: {
      datasetId: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      field: t.arg.string({ description: 'A declared field name; null clears the key.' }),
    },
    resolve: (_root, args, context) =>
      setRecordKeyField(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.field ?? null),
  }),
  removeField: t.field({
    type: Dataset,
    description: 'Remove a declared field. If records hold values for it, dropValues: true removes them too (otherwise ConflictError).',
    authScopes: publisherScopes,
    extensions: { audit: 'field.remove' },
    errors: datasetResultWithoutInput,
    args: {
      datasetId: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: EXPECTED_VERSION }),
      name: t.arg.string({ required: true }),
      dropValues: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, args, context) =>
      removeField(context.prisma, context.viewer, uuidOrNil(args.datasetId.id), args.expectedVersion, args.name, args.dropValues ?? false),
  }),
}));
