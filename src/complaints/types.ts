// Complaints as seen by their reporter (reference + tracking token) and by the staff they are routed to.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidNodeLookup } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { ComplaintCategory, ComplaintStatus, Priority, RoutingTeam } from '../generated/prisma/enums.js';
import { TimelineEventKindEnum } from '../requests/types.js';
import { proveTracking } from '../workflow/tracking.js';
import { staffOnlyAssignee, timelineQuery, visibleSubmissionDataset } from '../workflow/submission-fields.js';
import { complaintQueueWhere } from './service.js';
import { sharedConnection } from '../graphql/connections.js';

const ComplaintStatusEnum = builder.enumType(ComplaintStatus, { name: 'ComplaintStatus' });
const ComplaintCategoryEnum = builder.enumType(ComplaintCategory, { name: 'ComplaintCategory' });
const PriorityEnum = builder.enumType(Priority, { name: 'Priority' });
const RoutingTeamEnum = builder.enumType(RoutingTeam, { name: 'RoutingTeam' });

builder.prismaObject('ComplaintEvent', {
  authScopes: { public: true }, // reachable only through a Complaint the caller may see
  fields: (t) => ({
    kind: t.expose('kind', { type: TimelineEventKindEnum }),
    fromStatus: t.expose('fromStatus', { type: ComplaintStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: ComplaintStatusEnum, nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    internal: t.exposeBoolean('internal'),
    actorLabel: t.exposeString('actorLabel'),
    at: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const Complaint = builder.prismaNode('Complaint', {
  id: { field: 'id' },
  ...uuidNodeLookup,
  description: 'A report about data. Visible to its reporter (tracking token), compliance officers, admins and the stewards it is routed to.',
  // The routing rule needs the dataset's steward: always loaded with the complaint (merged, no N+1).
  include: { dataset: { select: { stewardId: true } } },
  authScopes: (complaint) => ({
    trackingHolder: complaint.id,
    complianceOfficer: true,
    admin: true,
    ...(complaint.routedTo.includes('STEWARD') && complaint.dataset ? { stewardOf: complaint.dataset.stewardId } : {}),
  }),
  runScopesOnType: true,
  fields: (t) => ({
    reference: t.exposeString('reference'),
    category: t.expose('category', { type: ComplaintCategoryEnum }),
    status: t.expose('status', { type: ComplaintStatusEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    routedTo: t.field({ type: [RoutingTeamEnum], resolve: (complaint) => complaint.routedTo }),
    summary: t.exposeString('summary'),
    description: t.exposeString('description'),
    reporterName: t.exposeString('reporterName', { nullable: true }),
    reporterEmail: t.exposeString('reporterEmail', { nullable: true }),
    recordIds: t.exposeIntList('recordIds'),
    resolution: t.exposeString('resolution', { nullable: true }),
    dismissalReason: t.exposeString('dismissalReason', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    reopenCount: t.exposeInt('reopenCount'),
    receivedAt: t.expose('createdAt', { type: 'DateTime' }),
    dataset: t.field({ type: Dataset, nullable: true, select: { dataset: true }, resolve: visibleSubmissionDataset }),
    assignee: t.relation('assignee', staffOnlyAssignee),
    timeline: t.relation('events', { query: timelineQuery }),
  }),
});

const ComplaintConnection = sharedConnection(Complaint, 'ComplaintConnection');

builder.queryFields((t) => ({
  trackComplaint: t.prismaField({
    type: 'Complaint',
    description: 'Follow your complaint with its reference number and private tracking token.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) =>
      proveTracking(
        'Complaint',
        args.reference,
        await context.prisma.complaint.findUnique({ ...query, where: { reference: args.reference } }),
        args.token,
        context.trackedSubmissions,
      ),
  }),
  complaints: t.prismaConnection(
    {
      type: 'Complaint',
      cursor: 'id',
      complexity: pageComplexity,
      description: 'Staff: the complaints routed to you (compliance officers and admins see all), most urgent first.',
      authScopes: { staff: true },
      args: { status: t.arg({ type: [ComplaintStatusEnum] }) },
      totalCount: (_root, args, context) =>
        context.prisma.complaint.count({ where: complaintQueueWhere(context.viewer, args.status ?? undefined) }),
      resolve: (query, _root, args, context) =>
        context.prisma.complaint.findMany({
          ...query,
          where: complaintQueueWhere(context.viewer, args.status ?? undefined),
          orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
        }),
    },
    ComplaintConnection,
  ),
}));
