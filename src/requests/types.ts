// Data requests (California Public Records Act) as seen by their requester (reference + tracking token)
// and by records staff. The workflow itself (transitions, deadlines) builds on these types.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { DataRequestKind, DataRequestStatus } from '../generated/prisma/enums.js';
import { proveTracking } from '../workflow/tracking.js';
import { nullUnlessAllowed, submissionDataset, timelineQuery } from '../workflow/submission-fields.js';
import { timelineEventType } from '../workflow/timeline.js';
import { worksDataRequests } from '../access/policy.js';
import { dataRequestWorkWhere, visibleDataRequestWhere } from './service.js';
import { sharedConnection } from '../graphql/connections.js';

const DataRequestStatusEnum = builder.enumType(DataRequestStatus, { name: 'DataRequestStatus' });
const DataRequestKindEnum = builder.enumType(DataRequestKind, { name: 'DataRequestKind' });

timelineEventType('DataRequestEvent', DataRequestStatusEnum);

/** The requester's contact data: for the staff who work requests and for the requester (token holder). */
const requesterContact = {
  ...nullUnlessAllowed,
  authScopes: (request: { id: string }) => ({ trackingHolder: request.id, worksDataRequests: true }),
};

export const DataRequest = builder.prismaNode('DataRequest', {
  id: { field: 'id' },
  description: 'A public records request for data. Visible to its requester (tracking token), records clerks and admins.',
  // node(id:) finds only requests the caller may see: others are null, exactly like unknown ids.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), AND: [visibleDataRequestWhere(context.viewer, context.trackedSubmissions)] }),
  authScopes: (request) => ({ trackingHolder: request.id, worksDataRequests: true }),
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
    outcomeNote: t.exposeString('outcomeNote', { nullable: true }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    dataset: t.field({ type: Dataset, ...submissionDataset }),
    assignee: t.relation('assignee', { ...nullUnlessAllowed, authScopes: { worksDataRequests: true } }),
    timeline: t.relation('events', {
      query: (_args, context) => timelineQuery(worksDataRequests(context.viewer), { request: dataRequestWorkWhere(context.viewer) }),
    }),
  }),
});

const DataRequestConnection = sharedConnection(DataRequest, 'DataRequestConnection');

builder.queryFields((t) => ({
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
      description: 'Records clerks and admins: the request queue, soonest deadline first.',
      authScopes: { worksDataRequests: true },
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
