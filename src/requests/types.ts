// Data requests (California Public Records Act) as seen by their requester (reference + tracking token)
// and by records staff. The workflow itself (transitions, deadlines) builds on these types.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { StaffUser } from '../admin/types.js';
import { dataRequestFilterWhere, dataRequestStatistics, type DataRequestFilter, type DataRequestStatistics } from './queries.js';
import { releaseUrl, RELEASED_STATUSES } from './release.js';
import { DataRequestKind, DataRequestStatus } from '../generated/prisma/enums.js';
import { proveTracking } from '../workflow/tracking.js';
import { nullUnlessAllowed, submissionDataset, timelineQuery } from '../workflow/submission-fields.js';
import { timelineEventType } from '../workflow/timeline.js';
import { worksDataRequests } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import { dataRequestWorkWhere } from '../access/visibility.js';
import { visibleDataRequestWhere } from './service.js';
import { sharedConnection } from '../graphql/connections.js';
import { daysLeft, isOverdue } from '../workflow/deadlines.js';
import { OPEN_STATUSES } from './lifecycle.js';

const isOpen = (status: DataRequestStatus) => OPEN_STATUSES.includes(status);

export const DataRequestStatusEnum = builder.enumType(DataRequestStatus, { name: 'DataRequestStatus' });
export const DataRequestKindEnum = builder.enumType(DataRequestKind, { name: 'DataRequestKind' });

timelineEventType('DataRequestEvent', DataRequestStatusEnum);

/** The requester's contact data: for the staff who work requests and for the requester (token holder). */
const requesterContact = {
  ...nullUnlessAllowed,
  authScopes: (request: { id: string }) => ({ trackingHolder: request.id, worksDataRequest: request.id }),
};

interface FeeItemShape {
  kind: string;
  description: string;
  amountCents: number;
}

const FeeItem = builder.objectRef<FeeItemShape>('FeeItem').implement({
  authScopes: { public: true }, // reachable only through a request the caller may see
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'DUPLICATION, PROGRAMMING or EXTRACTION.' }),
    description: t.exposeString('description'),
    amountCents: t.exposeInt('amountCents'),
  }),
});

export const DataRequest = builder.prismaNode('DataRequest', {
  id: { field: 'id' },
  description: 'A public records request for data. Visible to its requester (tracking token), records clerks, admins and the steward of its dataset.',
  // node(id:) finds only requests the caller may see: others are null, exactly like unknown ids.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), AND: [visibleDataRequestWhere(context.viewer, context.trackedSubmissions)] }),
  authScopes: (request) => ({ trackingHolder: request.id, worksDataRequest: request.id }),
  runScopesOnType: true,
  fields: (t) => ({
    reference: t.exposeString('reference'),
    kind: t.expose('kind', { type: DataRequestKindEnum }),
    status: t.expose('status', { type: DataRequestStatusEnum }),
    subject: t.exposeString('subject'),
    description: t.exposeString('description'),
    requesterName: t.exposeString('requesterName', requesterContact),
    requesterEmail: t.exposeString('requesterEmail', requesterContact),
    requesterPhone: t.exposeString('requesterPhone', requesterContact),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', {
      type: 'DateTime',
      description: 'Determination due: the end (23:59:59.999 Pacific time) of the 10th calendar day after receipt, or of the extended day.',
    }),
    extendedAt: t.expose('extendedAt', { type: 'DateTime', nullable: true }),
    extensionReason: t.exposeString('extensionReason', { nullable: true }),
    determinedAt: t.expose('determinedAt', { type: 'DateTime', nullable: true }),
    feeCents: t.exposeInt('feeCents', { nullable: true }),
    feeItems: t.field({
      type: [FeeItem],
      nullable: true,
      description: 'The line items of the fee estimate.',
      resolve: (request) => request.feeItems as FeeItemShape[] | null,
    }),
    feeAcceptedAt: t.expose('feeAcceptedAt', { type: 'DateTime', nullable: true }),
    feePaidAt: t.expose('feePaidAt', { type: 'DateTime', nullable: true }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    exportUrl: t.string({
      nullable: true,
      description: 'Where the requester downloads the dataset export released with the fulfilment (add ?token= with the tracking token); null when none was released.',
      select: { release: { select: { format: true } } },
      resolve: (request, _args, context) =>
        request.release && RELEASED_STATUSES.has(request.status) ? releaseUrl(context.config.publicBaseUrl, request.reference, request.release.format) : null,
    }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    preferredFormat: t.exposeString('preferredFormat', { nullable: true }),
    version: t.exposeInt('version', { description: 'Pass it as expectedVersion to act on the request.' }),
    daysLeft: t.int({
      description: 'Calendar days (Pacific time) until the due day: 0 on it, negative when past. Null once closed.',
      nullable: true,
      resolve: (request) => (isOpen(request.status) ? daysLeft(request.dueAt, new Date()) : null),
    }),
    isOverdue: t.boolean({ resolve: (request) => isOverdue(request.dueAt, new Date(), isOpen(request.status)) }),
    dataset: t.field({ type: Dataset, ...submissionDataset }),
    assignee: t.relation('assignee', { ...nullUnlessAllowed, authScopes: (request) => ({ worksDataRequest: request.id }) }),
    timeline: t.relation('events', {
      query: (_args, context) => timelineQuery(worksDataRequests(context.viewer), { request: dataRequestWorkWhere(context.viewer) }),
    }),
  }),
});

const DataRequestConnection = sharedConnection(DataRequest, 'DataRequestConnection');

type GlobalId = { id: string } | null | undefined;
/** The filters, within the requests the caller works. */
const queueWhere = (viewer: Viewer, args: Omit<DataRequestFilter, 'datasetId' | 'assigneeId'> & { datasetId?: GlobalId; assigneeId?: GlobalId }) => ({
  AND: [
    dataRequestWorkWhere(viewer),
    dataRequestFilterWhere({
      ...args,
      datasetId: args.datasetId ? uuidOrNil(args.datasetId.id) : null,
      assigneeId: args.assigneeId ? uuidOrNil(args.assigneeId.id) : null,
    }),
  ],
});

const StatusCount = builder.objectRef<{ status: DataRequestStatus; count: number }>('DataRequestStatusCount').implement({
  authScopes: { public: true },
  fields: (t) => ({ status: t.field({ type: DataRequestStatusEnum, resolve: (row) => row.status }), count: t.exposeInt('count') }),
});

const Statistics = builder.objectRef<DataRequestStatistics>('DataRequestStatistics').implement({
  description: 'How the city answers records requests: the transparency page in data form.',
  authScopes: { public: true },
  fields: (t) => ({
    countsByStatus: t.field({ type: [StatusCount], resolve: (stats) => stats.countsByStatus }),
    determined: t.exposeInt('determined', { description: 'Requests fulfilled, partially fulfilled or denied.' }),
    medianDaysToDetermination: t.exposeFloat('medianDaysToDetermination', { nullable: true }),
    shareDeterminedOnTime: t.exposeFloat('shareDeterminedOnTime', { nullable: true, description: 'Between 0 and 1.' }),
  }),
});

builder.queryFields((t) => ({
  dataRequestStatistics: t.field({
    type: Statistics,
    authScopes: { public: true },
    resolve: (_root, _args, context) => dataRequestStatistics(context.prisma),
  }),
  trackDataRequest: t.prismaField({
    type: 'DataRequest',
    nullable: true,
    description: 'Follow your request with its reference number and private tracking token; null unless both match.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) =>
      proveTracking(
        await context.prisma.dataRequest.findUnique({ ...query, where: { reference: args.reference } }),
        args.token,
        context.trackedSubmissions,
      ),
  }),
  dataRequests: t.prismaConnection(
    {
      type: 'DataRequest',
      cursor: 'id',
      complexity: pageComplexity,
      description: 'Records clerks and admins (every request) and stewards (those about their datasets): the request queue, soonest deadline first.',
      authScopes: { dataRequestQueue: true },
      args: {
        status: t.arg({ type: [DataRequestStatusEnum] }),
        kind: t.arg({ type: [DataRequestKindEnum] }),
        datasetId: t.arg.globalID({ for: Dataset }),
        assigneeId: t.arg.globalID({ for: StaffUser }),
        overdue: t.arg.boolean({ description: 'true: open requests past their deadline; false: all others.' }),
        dueBefore: t.arg({ type: 'DateTime' }),
        dueWithinDays: t.arg.int({ description: 'Open requests due by the end of the Nth day from today, Pacific time (0 = today).' }),
      },
      totalCount: (_root, args, context) => context.prisma.dataRequest.count({ where: queueWhere(context.viewer, args) }),
      resolve: (query, _root, args, context) =>
        context.prisma.dataRequest.findMany({ ...query, where: queueWhere(context.viewer, args), orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    },
    DataRequestConnection,
  ),
}));
