// The GraphQL subscriptions. Each checks its scopes and arguments when it is opened, then filters and
// authorizes every event (subscriptions.ts); events carry their outbox cursor for `since`.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { RecordNode } from '../records/types.js';
import { recordsOfBatch } from '../records/batch-records.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { addressBucket } from '../access/address-bucket.js';
import { hasComplaintQueue, hasDataRequestQueue } from '../access/policy.js';
import { canReadDataset, datasetVisibilityWhere } from '../access/visibility.js';
import { proveTracking } from '../workflow/tracking.js';
import type { Context } from '../graphql/context.js';
import { encodeCursor, type LiveEvent } from './events.js';
import { liveHubOf } from './plugins.js';
import { openEventStream, raiseFailure } from './stream.js';
import {
  matchesDatasetFilter,
  mayReadEventDataset,
  queueTopic,
  subscriberKey,
  worksEventSubmission,
  type SubmissionQueueName,
} from './subscriptions.js';

builder.subscriptionType({});

const ChangeOperationEnum = builder.enumType('ChangeOperation', { values: ['CREATED', 'UPDATED', 'DELETED'] as const });
const SubmissionQueueEnum = builder.enumType('SubmissionQueue', { values: ['DATA_REQUESTS', 'COMPLAINTS'] as const });

const SINCE = 'Resume after this cursor (the `cursor` of the last event you received): missed events are replayed first, then live ones follow, none twice.';

const payloadString = (event: LiveEvent, key: string) => (typeof event.payload[key] === 'string' ? (event.payload[key] as string) : null);
const payloadInt = (event: LiveEvent, key: string) => (typeof event.payload[key] === 'number' ? (event.payload[key] as number) : null);

const eventFields = (t: any) => ({
  cursor: t.string({ description: 'Pass as `since` to resume after this event.', resolve: (event: LiveEvent) => encodeCursor(event) }),
  occurredAt: t.field({ type: 'DateTime', resolve: (event: LiveEvent) => event.createdAt }),
  operation: t.field({ type: ChangeOperationEnum, resolve: (event: LiveEvent) => event.operation }),
  action: t.string({ nullable: true, description: 'What was done, e.g. dataset.update.', resolve: (event: LiveEvent) => payloadString(event, 'action') }),
});

const DatasetChange = builder.objectRef<LiveEvent>('DatasetUpdate').implement({
  // Each event was authorized for this subscriber before it was handed over (subscriptions.ts).
  authScopes: { public: true },
  description: 'A change to a dataset\'s metadata, distributions or fields (an archival is operation DELETED).',
  fields: (t) => ({
    ...eventFields(t),
    datasetId: t.id({ resolve: (event) => encodeGlobalID('Dataset', event.datasetId!) }),
    identifier: t.string({ resolve: (event) => payloadString(event, 'identifier') ?? event.dataset?.identifier ?? '' }),
    entityType: t.string({ description: 'Dataset, Distribution or DatasetField.', resolve: (event) => event.entityType }),
    version: t.int({ nullable: true, description: 'The dataset version the change produced.', resolve: (event) => payloadInt(event, 'version') }),
    dataset: t.prismaField({
      type: 'Dataset',
      nullable: true,
      description: 'The dataset as it is now (null once archived, unless you see archived datasets).',
      resolve: (query, event, _args, context) =>
        context.prisma.dataset.findFirst({ ...query, where: { AND: [{ id: event.datasetId! }, datasetVisibilityWhere(context.viewer)] } }),
    }),
  }),
});

const RecordsChange = builder.objectRef<LiveEvent>('RecordsChange').implement({
  // Each event was authorized for this subscriber before it was handed over (subscriptions.ts).
  authScopes: { public: true },
  description: 'An import or edit batch of a dataset\'s records, with its counts.',
  fields: (t) => ({
    ...eventFields(t),
    datasetId: t.id({ resolve: (event) => encodeGlobalID('Dataset', event.datasetId!) }),
    batchId: t.string({ nullable: true, resolve: (event) => payloadString(event, 'batchId') ?? event.entityId }),
    mode: t.string({ nullable: true, resolve: (event) => payloadString(event, 'mode') }),
    inserted: t.int({ resolve: (event) => payloadInt(event, 'inserted') ?? 0 }),
    updated: t.int({ resolve: (event) => payloadInt(event, 'updated') ?? 0 }),
    deleted: t.int({ resolve: (event) => payloadInt(event, 'deleted') ?? 0 }),
    version: t.int({ nullable: true, resolve: (event) => payloadInt(event, 'version') }),
    records: t.field({
      type: [RecordNode],
      description:
        'The records this batch wrote (those whose changeSequence is this event\'s), in id order, personal fields redacted as in Dataset.records. first at most 100; records a later batch rewrote are no longer listed here.',
      args: { first: t.arg.int({ defaultValue: 100 }) },
      resolve: (event, args, context) => recordsOfBatch(context, event.datasetId!, event.sequence, args.first ?? 100) as never,
    }),
  }),
});

const SubmissionChange = builder.objectRef<LiveEvent>('SubmissionChange').implement({
  // Each event was authorized for this subscriber before it was handed over (subscriptions.ts).
  authScopes: { public: true },
  description: 'A data request or complaint changed (its status or timeline). No personal data: fetch details through the API.',
  fields: (t) => ({
    ...eventFields(t),
    kind: t.string({ description: 'DataRequest or Complaint.', resolve: (event) => event.entityType }),
    reference: t.string({ resolve: (event) => payloadString(event, 'reference') ?? '' }),
    status: t.string({ nullable: true, resolve: (event) => payloadString(event, 'status') }),
    version: t.int({ nullable: true, resolve: (event) => payloadInt(event, 'version') }),
  }),
});

const DatasetChangeFilterInput = builder.inputType('DatasetChangeFilter', {
  fields: (t) => ({
    ids: t.globalIDList({ for: Dataset, description: 'Only these datasets.' }),
    department: t.string({ description: 'Only datasets of this publishing department (its slug).' }),
    theme: t.string({ description: 'Only datasets with this theme (case-insensitive).' }),
  }),
});

function streamFor(context: Context, topics: string[], accepts: (event: LiveEvent) => boolean, since: string | null | undefined) {
  const { viewer } = context;
  return openEventStream(liveHubOf(context), { viewer, key: subscriberKey(viewer, addressBucket(context.clientIp)), topics, accepts, since });
}

const passThrough = raiseFailure;

builder.subscriptionFields((t) => ({
  datasetUpdated: t.field({
    type: DatasetChange,
    description: 'Metadata changes of the datasets you may read, optionally filtered.',
    authScopes: { public: true },
    args: { filter: t.arg({ type: DatasetChangeFilterInput }), since: t.arg.string({ description: SINCE }) },
    subscribe: (_root, args, context) => {
      const filter = args.filter ? { ...args.filter, ids: args.filter.ids?.map((id) => id.id) } : null;
      return streamFor(context, ['dataset'], (event) => mayReadEventDataset(context.viewer, event) && matchesDatasetFilter(event, filter), args.since);
    },
    resolve: passThrough,
  }),
  recordsChanged: t.field({
    type: RecordsChange,
    description: 'Each import or edit batch of one dataset\'s records.',
    authScopes: { public: true },
    args: { dataset: t.arg.globalID({ for: Dataset, required: true }), since: t.arg.string({ description: SINCE }) },
    subscribe: async (_root, args, context) => {
      const id = uuidOrNil(args.dataset.id);
      const dataset = await context.prisma.dataset.findUnique({ where: { id } });
      if (!dataset || !canReadDataset(context.viewer, dataset)) throw new NotFoundError('Dataset', args.dataset.id);
      return streamFor(context, ['records'], (event) => event.datasetId === id && mayReadEventDataset(context.viewer, event), args.since);
    },
    resolve: passThrough,
  }),
  dataRequestUpdated: t.field({
    type: SubmissionChange,
    description: 'Follow your data request live with its reference and private tracking token.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }), since: t.arg.string({ description: SINCE }) },
    subscribe: async (_root, args, context) => {
      const request = proveTracking(await context.prisma.dataRequest.findUnique({ where: { reference: args.reference } }), args.token, context.trackedSubmissions);
      if (!request) throw new NotFoundError('Data request', args.reference);
      return streamFor(context, ['dataRequest'], (event) => event.entityId === request.id, args.since);
    },
    resolve: passThrough,
  }),
  complaintUpdated: t.field({
    type: SubmissionChange,
    description: 'Follow your complaint live with its reference and private tracking token.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }), since: t.arg.string({ description: SINCE }) },
    subscribe: async (_root, args, context) => {
      const complaint = proveTracking(await context.prisma.complaint.findUnique({ where: { reference: args.reference } }), args.token, context.trackedSubmissions);
      if (!complaint) throw new NotFoundError('Complaint', args.reference);
      return streamFor(context, ['complaint'], (event) => event.entityId === complaint.id, args.since);
    },
    resolve: passThrough,
  }),
  submissionQueue: t.field({
    type: SubmissionChange,
    description: 'Staff: changes to the data requests or complaints you work.',
    authScopes: { dataRequestQueue: true, complaintQueue: true },
    args: { queue: t.arg({ type: SubmissionQueueEnum, required: true }), since: t.arg.string({ description: SINCE }) },
    subscribe: (_root, args, context) => {
      const queue = args.queue as SubmissionQueueName;
      const allowed = queue === 'DATA_REQUESTS' ? hasDataRequestQueue(context.viewer) : hasComplaintQueue(context.viewer);
      if (!allowed) throw new ForbiddenError();
      return streamFor(context, [queueTopic[queue]], (event) => worksEventSubmission(context.viewer, event), args.since);
    },
    resolve: passThrough,
  }),
}));

