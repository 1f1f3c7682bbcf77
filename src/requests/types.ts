// Data requests (California Public Records Act) as seen by their requester (reference + tracking token)
// and by records staff. The workflow itself (transitions, deadlines) builds on these types.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidNodeLookup } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { DataRequestKind, DataRequestStatus, TimelineEventKind } from '../generated/prisma/enums.js';
import { proveTracking } from '../workflow/tracking.js';
import { staffOnlyAssignee, timelineQuery, visibleSubmissionDataset } from '../workflow/submission-fields.js';
import { sharedConnection } from '../graphql/connections.js';

export const TimelineEventKindEnum = builder.enumType(TimelineEventKind, { name: 'TimelineEventKind' });
const DataRequestStatusEnum = builder.enumType(DataRequestStatus, { name: 'DataRequestStatus' });
const DataRequestKindEnum = builder.enumType(DataRequestKind, { name: 'DataRequestKind' });

builder.prismaObject('DataRequestEvent', {
  authScopes: { public: true }, // reachable only through a DataRequest the caller may see
  fields: (t) => ({
    kind: t.expose('kind', { type: TimelineEventKindEnum }),
    fromStatus: t.expose('fromStatus', { type: DataRequestStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: DataRequestStatusEnum, nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    internal: t.exposeBoolean('internal', { description: 'Internal notes are shown to staff only.' }),
    actorLabel: t.exposeString('actorLabel'),
    at: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const DataRequest = builder.prismaNode('DataRequest', {
  id: { field: 'id' },
  ...uuidNodeLookup,
  description: 'A public records request for data. Visible to its requester (tracking token), records clerks and admins.',
  authScopes: (request) => ({ trackingHolder: request.id, recordsClerk: true, admin: true }),
  runScopesOnType: true,
  fields: (t) => ({
    reference: t.exposeString('reference'),
    kind: t.expose('kind', { type: DataRequestKindEnum }),
    status: t.expose('status', { type: DataRequestStatusEnum }),
    subject: t.exposeString('subject'),
    description: t.exposeString('description'),
    requesterName: t.exposeString('requesterName', { nullable: true }),
    requesterEmail: t.exposeString('requesterEmail', { nullable: true }),
    requesterPhone: t.exposeString('requesterPhone', { nullable: true }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', description: 'Determination due (10 days, or extended by up to 14).' }),
    extendedAt: t.expose('extendedAt', { type: 'DateTime', nullable: true }),
    extensionReason: t.exposeString('extensionReason', { nullable: true }),
    determinedAt: t.expose('determinedAt', { type: 'DateTime', nullable: true }),
    feeCents: t.exposeInt('feeCents', { nullable: true }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    dataset: t.field({ type: Dataset, nullable: true, select: { dataset: true }, resolve: visibleSubmissionDataset }),
    assignee: t.relation('assignee', staffOnlyAssignee),
    timeline: t.relation('events', { query: timelineQuery }),
  }),
});

const DataRequestConnection = sharedConnection(DataRequest, 'DataRequestConnection');

builder.queryFields((t) => ({
  trackDataRequest: t.prismaField({
    type: 'DataRequest',
    description: 'Follow your request with its reference number and private tracking token.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) =>
      proveTracking(
        'DataRequest',
        args.reference,
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
      description: 'Records clerks and admins: the request queue, soonest deadline first.',
      authScopes: { recordsClerk: true, admin: true },
      args: { status: t.arg({ type: [DataRequestStatusEnum] }) },
      totalCount: (_root, args, context) =>
        context.prisma.dataRequest.count({ where: args.status ? { status: { in: args.status } } : {} }),
      resolve: (query, _root, args, context) =>
        context.prisma.dataRequest.findMany({
          ...query,
          where: args.status ? { status: { in: args.status } } : {},
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        }),
    },
    DataRequestConnection,
  ),
}));
