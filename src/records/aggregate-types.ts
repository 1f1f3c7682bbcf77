// GraphQL surface of record aggregates: Dataset.aggregate(filter, groupBy, metrics, first).
import { builder } from '../graphql/builder.js';
import { FieldTypeEnum } from '../catalog/types.js';
import { AGGREGATE_FUNCTIONS, aggregateRecords, DEFAULT_GROUPS, MAX_GROUPS, type AggregateGroup, type AggregateResult, type MetricInput, type TypedValue } from './aggregate.js';
import { recordFactsSelection, recordScope } from './facts.js';
import { RecordFilterRef } from './filter/types.js';

const AggregateFunctionEnum = builder.enumType('AggregateFunction', { values: AGGREGATE_FUNCTIONS });

const MetricInputRef = builder.inputRef<MetricInput>('AggregateMetric').implement({
  description: 'COUNT (of records, or of non-null values of `field`), SUM and AVG (numeric fields), MIN and MAX (ordered fields).',
  fields: (t) => ({
    fn: t.field({ type: AggregateFunctionEnum, required: true }),
    field: t.string(),
  }),
});

const TypedValueRef = builder.objectRef<TypedValue>('TypedValue').implement({
  // Reached only through Dataset.aggregate, which answers for visible datasets and visible fields.
  authScopes: { public: true },
  description: 'A value in the member of its type (all null when the value is null). SUM and AVG are DECIMAL.',
  fields: (t) => ({
    type: t.field({ type: FieldTypeEnum, nullable: true, resolve: (value) => value.type }),
    text: t.string({ nullable: true, resolve: (value) => value.text ?? null }),
    number: t.float({ nullable: true, resolve: (value) => value.number ?? null }),
    boolean: t.boolean({ nullable: true, resolve: (value) => value.boolean ?? null }),
    date: t.field({ type: 'Date', nullable: true, resolve: (value) => value.date ?? null }),
    timestamp: t.field({ type: 'DateTime', nullable: true, resolve: (value) => value.timestamp ?? null }),
  }),
});

const GroupKeyRef = builder.objectRef<AggregateGroup['key'][number]>('AggregateGroupKey').implement({
  // Reached only through Dataset.aggregate, which answers for visible datasets and visible fields.
  authScopes: { public: true },
  fields: (t) => ({
    field: t.exposeString('field'),
    value: t.field({ type: TypedValueRef, resolve: (key) => key.value }),
  }),
});

const MetricResultRef = builder.objectRef<AggregateGroup['metrics'][number]>('AggregateMetricResult').implement({
  // Reached only through Dataset.aggregate, which answers for visible datasets and visible fields.
  authScopes: { public: true },
  fields: (t) => ({
    fn: t.field({ type: AggregateFunctionEnum, resolve: (metric) => metric.fn }),
    field: t.exposeString('field', { nullable: true }),
    count: t.exposeInt('count', { nullable: true, description: 'COUNT only.' }),
    value: t.field({ type: TypedValueRef, nullable: true, description: 'SUM, AVG, MIN, MAX.', resolve: (metric) => metric.value }),
  }),
});

const GroupRef = builder.objectRef<AggregateGroup>('AggregateGroup').implement({
  // Reached only through Dataset.aggregate, which answers for visible datasets and visible fields.
  authScopes: { public: true },
  fields: (t) => ({
    key: t.field({ type: [GroupKeyRef], resolve: (group) => group.key, description: 'The groupBy fields’ values, in groupBy order.' }),
    count: t.exposeInt('count', { description: 'Records in the group.' }),
    metrics: t.field({ type: [MetricResultRef], resolve: (group) => group.metrics, description: 'In the order of `metrics`.' }),
  }),
});

const AggregateRef = builder.objectRef<AggregateResult>('RecordAggregate').implement({
  // Reached only through Dataset.aggregate, which answers for visible datasets and visible fields.
  authScopes: { public: true },
  fields: (t) => ({
    groups: t.field({ type: [GroupRef], resolve: (result) => result.groups }),
    hasMore: t.exposeBoolean('hasMore', { description: 'More groups exist than `first` (ordered by the group keys).' }),
  }),
});

builder.prismaObjectFields('Dataset', (t) => ({
  aggregate: t.field({
    type: AggregateRef,
    description: `Aggregates of the records matching \`filter\`, grouped by declared fields (one group when groupBy is empty). Groups are ordered by their keys; first defaults to ${DEFAULT_GROUPS}, at most ${MAX_GROUPS}.`,
    complexity: 20,
    select: recordFactsSelection,
    args: {
      filter: t.arg({ type: RecordFilterRef }),
      groupBy: t.arg.stringList(),
      metrics: t.arg({ type: [MetricInputRef] }),
      first: t.arg.int(),
    },
    resolve: (dataset, args, context) => aggregateRecords(context.db, recordScope(dataset, context.viewer), args),
  }),
}));
