// Complaints as seen by their reporter (reference + tracking token) and by the staff they are routed to.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { AccessLevelEnum, Dataset } from '../catalog/types.js';
import { catalogLoaders } from '../catalog/loaders.js';
import { ComplaintCategory, ComplaintStatus, EnforcementAppealOutcome, EnforcementKind, Priority, RoutingTeam } from '../generated/prisma/enums.js';
import { proveTracking } from '../workflow/tracking.js';
import { nullUnlessAllowed, submissionDataset, timelineQuery } from '../workflow/submission-fields.js';
import { timelineEventType } from '../workflow/timeline.js';
import { worksAllComplaints } from '../access/policy.js';
import { complaintWorkWhere, visibleComplaintWhere } from './service.js';
import { complaintFilterWhere, complaintOrder } from './queue.js';
import { OPEN_COMPLAINT_STATUSES } from './lifecycle.js';
import { datasetComplaints } from './loaders.js';
import { sharedConnection } from '../graphql/connections.js';

export const ComplaintStatusEnum = builder.enumType(ComplaintStatus, { name: 'ComplaintStatus' });
export const ComplaintCategoryEnum = builder.enumType(ComplaintCategory, { name: 'ComplaintCategory' });
export const PriorityEnum = builder.enumType(Priority, { name: 'Priority' });
export const RoutingTeamEnum = builder.enumType(RoutingTeam, { name: 'RoutingTeam' });
export const EnforcementKindEnum = builder.enumType(EnforcementKind, { name: 'EnforcementKind' });
export const EnforcementAppealOutcomeEnum = builder.enumType(EnforcementAppealOutcome, { name: 'EnforcementAppealOutcome' });
const ComplaintQueueEnum = builder.enumType('ComplaintQueue', {
  values: {
    CODE_COMPLIANCE: { description: 'Routed to Code Compliance (misuse).' },
    IT: { description: 'Routed to IT (access problems, exposed personal data).' },
    MY_DATASETS: { description: 'Routed to stewards, about datasets you steward.' },
  } as const,
});
const ComplaintSortEnum = builder.enumType('ComplaintSort', {
  values: {
    PRIORITY: { description: 'Most urgent first, then oldest.' },
    SLA: { description: 'Service-level deadline, soonest (or most overdue) first.' },
  } as const,
});

const isOpen = (status: ComplaintStatus) => OPEN_COMPLAINT_STATUSES.includes(status);
/** The service level is breached when the complaint was (or still is) open past its deadline. */
function slaBreached(complaint: { status: ComplaintStatus; slaDueAt: Date | null; resolvedAt: Date | null; updatedAt: Date }, now: Date) {
  if (!complaint.slaDueAt) return false;
  const closedAt = isOpen(complaint.status) ? now : (complaint.resolvedAt ?? complaint.updatedAt);
  return closedAt > complaint.slaDueAt;
}

export const EnforcementAction = builder.prismaObject('EnforcementAction', {
  description: 'A sanction under the municipal code recorded on a misuse complaint. Compliance officers and admins only.',
  authScopes: { complianceOfficer: true, admin: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Pass it to liftEnforcementAction, decideEnforcementAppeal or appealEnforcementAction.' }),
    kind: t.expose('kind', { type: EnforcementKindEnum }),
    legalBasis: t.exposeString('legalBasis'),
    note: t.exposeString('note'),
    apiKeyPrefix: t.string({ nullable: true, select: { apiKey: { select: { prefix: true } } }, resolve: (action) => action.apiKey?.prefix ?? null }),
    restrictedTo: t.expose('restrictedTo', { type: AccessLevelEnum, nullable: true }),
    previousAccessLevel: t.expose('previousAccessLevel', { type: AccessLevelEnum, nullable: true }),
    takenAt: t.expose('takenAt', { type: 'DateTime' }),
    liftedAt: t.expose('liftedAt', { type: 'DateTime', nullable: true }),
    liftReason: t.exposeString('liftReason', { nullable: true }),
    appealedAt: t.expose('appealedAt', { type: 'DateTime', nullable: true }),
    appealReason: t.exposeString('appealReason', { nullable: true }),
    appealOutcome: t.expose('appealOutcome', { type: EnforcementAppealOutcomeEnum, nullable: true }),
    appealNote: t.exposeString('appealNote', { nullable: true }),
    appealDecidedAt: t.expose('appealDecidedAt', { type: 'DateTime', nullable: true }),
  }),
});

export const ComplaintRoute = builder.prismaObject('ComplaintRoute', {
  description: 'Where complaints of a category go, and how urgent they are (admins change it with setComplaintRoute).',
  authScopes: { staff: true },
  fields: (t) => ({
    category: t.expose('category', { type: ComplaintCategoryEnum }),
    routedTo: t.field({ type: [RoutingTeamEnum], resolve: (route) => route.teams }),
    priority: t.expose('priority', { type: PriorityEnum }),
    flagsDatasetForReview: t.exposeBoolean('flagsDatasetForReview'),
    version: t.exposeInt('version'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

interface ComplaintFix {
  sequence: bigint;
  topic: string;
  operation: string;
  createdAt: Date;
}

const ComplaintFixRef = builder.objectRef<ComplaintFix>('ComplaintFix').implement({
  description: 'The edit or import of the dataset that fixed the reported error (a change event).',
  authScopes: { public: true }, // reachable only through a complaint the caller may see
  fields: (t) => ({
    sequence: t.string({ resolve: (fix) => fix.sequence.toString() }),
    topic: t.exposeString('topic', { description: '"dataset" for an edit, "records" for an import.' }),
    operation: t.exposeString('operation'),
    at: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

timelineEventType('ComplaintEvent', ComplaintStatusEnum);

type Routed = { id: string; routedTo: string[]; dataset: { stewardId: string } | null };

/** Staff-only fields (SLA, routing flags): null for the reporter. */
const staffOnly = { ...nullUnlessAllowed, authScopes: (complaint: Routed) => ({ worksComplaint: complaint }) };

/** The reporter's contact data: for the staff who work this complaint and for the reporter (token holder). */
const reporterContact = {
  ...nullUnlessAllowed,
  authScopes: (complaint: Routed) => ({ trackingHolder: complaint.id, worksComplaint: complaint }),
};

export const Complaint = builder.prismaNode('Complaint', {
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
    version: t.exposeInt('version', { description: 'Pass it as expectedVersion to act on the complaint.' }),
    slaDueAt: t.expose('slaDueAt', { type: 'DateTime', ...staffOnly, description: 'When the service level of its priority runs out (COMPLAINT_SLA_HOURS).' }),
    hoursSinceReceived: t.float({ ...staffOnly, resolve: (complaint) => Math.round((Date.now() - complaint.createdAt.getTime()) / 36_000) / 100 }),
    slaBreached: t.boolean({ ...staffOnly, description: 'Open (or closed) past its service-level deadline.', resolve: (complaint) => slaBreached(complaint, new Date()) }),
    flagsDatasetForReview: t.exposeBoolean('flagsDatasetForReview', { ...staffOnly, description: 'While open, its dataset shows as under review to staff.' }),
    enforcementTaken: t.boolean({
      description: 'Whether action was taken under the municipal code (the details are for compliance staff).',
      select: { _count: { select: { enforcementActions: true } } },
      resolve: (complaint) => complaint._count.enforcementActions > 0,
    }),
    enforcementActions: t.relation('enforcementActions', {
      ...nullUnlessAllowed,
      authScopes: { complianceOfficer: true, admin: true },
      query: { orderBy: { takenAt: 'asc' } },
    }),
    fixedBy: t.field({
      type: ComplaintFixRef,
      nullable: true,
      resolve: (complaint, _args, context) =>
        complaint.fixedByChangeSequence === null
          ? null
          : context.prisma.changeEvent.findUnique({ where: { sequence: complaint.fixedByChangeSequence }, select: { sequence: true, topic: true, operation: true, createdAt: true } }),
    }),
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
      description: 'The complaint queues. Compliance officers and admins: every complaint; stewards: those routed to them. Most urgent first, then oldest.',
      authScopes: { complaintQueue: true },
      args: {
        queue: t.arg({ type: ComplaintQueueEnum, description: 'One team queue; all you work when omitted.' }),
        category: t.arg({ type: [ComplaintCategoryEnum] }),
        status: t.arg({ type: [ComplaintStatusEnum] }),
        priority: t.arg({ type: [PriorityEnum] }),
        minAgeHours: t.arg.float({ description: 'Received at least this many hours ago.' }),
        maxAgeHours: t.arg.float({ description: 'Received at most this many hours ago.' }),
        slaBreached: t.arg.boolean({ description: 'true: open past their service-level deadline; false: all others.' }),
        sort: t.arg({ type: ComplaintSortEnum, defaultValue: 'PRIORITY' }),
      },
      totalCount: (_root, args, context) => context.prisma.complaint.count({ where: complaintFilterWhere(context.viewer, args) }),
      resolve: (query, _root, args, context) =>
        context.prisma.complaint.findMany({ ...query, where: complaintFilterWhere(context.viewer, args), orderBy: complaintOrder(args.sort) }),
    },
    ComplaintConnection,
  ),
  complaintRoutes: t.prismaField({
    type: ['ComplaintRoute'],
    description: 'The routing table: where each category of complaint goes.',
    authScopes: { staff: true },
    resolve: (query, _root, _args, context) => context.prisma.complaintRoute.findMany({ ...query, orderBy: { category: 'asc' } }),
  }),
}));

/** Who sees a dataset's complaints and its review flag: compliance officers, admins and its steward. */
const datasetComplaintStaff = {
  ...nullUnlessAllowed,
  authScopes: (dataset: { stewardId: string }) => ({ complianceOfficer: true, admin: true, stewardOf: dataset.stewardId }),
};

builder.prismaObjectFields('Dataset', (t) => ({
  underReview: t.boolean({
    ...datasetComplaintStaff,
    description: 'Flagged by an open complaint about exposed personal data (its steward, compliance officers and admins; null for others).',
    resolve: (dataset, _args, context) => catalogLoaders(context).underReview.load(dataset.id),
  }),
  complaints: t.field({
    type: [Complaint],
    ...datasetComplaintStaff,
    description: 'Complaints about this dataset, most urgent first (its steward, compliance officers and admins; null for others).',
    args: { includeClosed: t.arg.boolean({ defaultValue: false }) },
    resolve: (dataset, args, context) => datasetComplaints(context, args.includeClosed ?? false).load(dataset.id),
  }),
}));
