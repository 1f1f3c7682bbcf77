// Complaints as seen by their reporter (reference + tracking token) and by the staff they are routed to.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { ComplaintCategory, ComplaintStatus, Priority, RoutingTeam } from '../generated/prisma/enums.js';
import { proveTracking } from '../workflow/tracking.js';
import { nullUnlessAllowed, submissionDataset, timelineQuery } from '../workflow/submission-fields.js';
import { timelineEventType } from '../workflow/timeline.js';
import { worksAllComplaints } from '../access/policy.js';
import { complaintQueueWhere, complaintWorkWhere, visibleComplaintWhere } from './service.js';
import { sharedConnection } from '../graphql/connections.js';

const ComplaintStatusEnum = builder.enumType(ComplaintStatus, { name: 'ComplaintStatus' });
const ComplaintCategoryEnum = builder.enumType(ComplaintCategory, { name: 'ComplaintCategory' });
const PriorityEnum = builder.enumType(Priority, { name: 'Priority' });
const RoutingTeamEnum = builder.enumType(RoutingTeam, { name: 'RoutingTeam' });

timelineEventType('ComplaintEvent', ComplaintStatusEnum);

type Routed = { id: string; routedTo: string[]; dataset: { stewardId: string } | null };

/** The reporter's contact data: for the staff who work this complaint and for the reporter (token holder). */
const reporterContact = {
  ...nullUnlessAllowed,
  authScopes: (complaint: Routed) => ({ trackingHolder: complaint.id, worksComplaint: complaint }),
};

const Complaint = builder.prismaNode('Complaint', {
  id: { field: 'id' },
  description: 'A report about data. Visible to its reporter (tracking token), compliance officers, admins and the stewards it is routed to.',
  // node(id:) finds only complaints the caller may see: others are null, exactly like unknown ids.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), AND: [visibleComplaintWhere(context.viewer, context.trackedSubmissions)] }),
  // The routing rule needs the dataset's steward: always loaded with the complaint (merged, no N+1).
  include: { dataset: { select: { stewardId: true } } },
  authScopes: (complaint) => ({ trackingHolder: complaint.id, worksComplaint: complaint }),
  runScopesOnType: true,
  fields: (t) => ({
    reference: t.exposeString('reference'),
    category: t.expose('category', { type: ComplaintCategoryEnum }),
    status: t.expose('status', { type: ComplaintStatusEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    routedTo: t.field({ type: [RoutingTeamEnum], resolve: (complaint) => complaint.routedTo }),
    summary: t.exposeString('summary'),
    description: t.exposeString('description'),
    reporterName: t.exposeString('reporterName', reporterContact),
    reporterEmail: t.exposeString('reporterEmail', reporterContact),
    recordIds: t.exposeIntList('recordIds'),
    resolution: t.exposeString('resolution', { nullable: true }),
    dismissalReason: t.exposeString('dismissalReason', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    reopenCount: t.exposeInt('reopenCount'),
    receivedAt: t.expose('createdAt', { type: 'DateTime' }),
    dataset: t.field({ type: Dataset, ...submissionDataset }),
    assignee: t.relation('assignee', { ...nullUnlessAllowed, authScopes: (complaint) => ({ worksComplaint: complaint }) }),
    timeline: t.relation('events', {
      query: (_args, context) => timelineQuery(worksAllComplaints(context.viewer), { complaint: complaintWorkWhere(context.viewer) }),
    }),
  }),
});

const ComplaintConnection = sharedConnection(Complaint, 'ComplaintConnection');

builder.queryFields((t) => ({
  trackComplaint: t.prismaField({
    type: 'Complaint',
    nullable: true,
    description: 'Follow your complaint with its reference number and private tracking token; null unless both match.',
    authScopes: { public: true },
    args: { reference: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) =>
      proveTracking(
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
      description: 'Compliance officers and admins: every complaint; stewards: those routed to them. Most urgent first.',
      authScopes: { complaintQueue: true },
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
