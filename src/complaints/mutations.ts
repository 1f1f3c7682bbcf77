// Complaint mutations: public submission, the reporter's actions (reference + token), the staff workflow,
// enforcement and the routing table. Each lists only the failures it can return; inputs are checked after
// authorization.
import type { InputFieldBuilder } from '@pothos/core';
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { underArgument } from '../graphql/validation.js';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.js';
import { AccessLevelEnum, Dataset } from '../catalog/types.js';
import { StaffUser } from '../admin/types.js';
import type { Complaint as ComplaintRow } from '../generated/prisma/client.js';
import type { Submitted } from '../workflow/submission.js';
import {
  ComplaintCategoryEnum,
  Complaint,
  ComplaintRoute,
  EnforcementAppealOutcomeEnum,
  EnforcementKindEnum,
  PriorityEnum,
  RoutingTeamEnum,
} from './types.js';
import { submitComplaint } from './submission.js';
import { reopenComplaint, replyToComplaint } from './reporter-actions.js';
import { addComplaintNote, askComplaintReporter, dismissComplaint, resolveComplaint, startComplaintWork, triageComplaint } from './staff-actions.js';
import { appealEnforcementAction, decideEnforcementAppeal, liftEnforcementAction, recordEnforcementAction } from './enforcement.js';
import { setComplaintRoute } from './routing.js';

const SubmitComplaintInput = builder.inputType('SubmitComplaintInput', {
  fields: (t) => ({
    category: t.field({ type: ComplaintCategoryEnum, required: true }),
    summary: t.string({ required: true }),
    description: t.string({ required: true }),
    datasetId: t.globalID({ for: Dataset }),
    recordIds: t.intList({ description: 'Records of that dataset the report is about (their recordId).' }),
    reporterName: t.string(),
    reporterEmail: t.field({ type: 'EmailAddress', description: 'Optional: where we send the acknowledgement and every message.' }),
    idempotencyKey: t.string({
      description: 'Any unique string (8+ characters): retrying with it returns the first submission instead of a duplicate. An Idempotency-Key header does the same.',
    }),
  }),
});

const SubmitComplaintPayload = builder.objectRef<Submitted<ComplaintRow>>('SubmitComplaintPayload').implement({
  authScopes: { public: true },
  fields: (t) => ({
    reference: t.string({ resolve: (payload) => payload.submission.reference }),
    trackingToken: t.string({
      nullable: true,
      description: 'Your private token, with the reference, to follow the report. Shown once: null when this answers a retry.',
      resolve: (payload) => payload.trackingToken,
    }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the idempotency key matched an earlier submission.' }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Fields = InputFieldBuilder<Types, 'InputObject'>;

const staffTarget = (t: Fields) => ({
  id: t.globalID({ for: Complaint, required: true }),
  expectedVersion: t.int({ required: true, description: 'The version you read: the action fails with a ConflictError if it changed.' }),
});
const reporterTarget = (t: Fields) => ({
  reference: t.string({ required: true }),
  token: t.string({ required: true }),
  expectedVersion: t.int({ required: true }),
});

const TriageInput = builder.inputType('TriageComplaintInput', { fields: (t) => ({
  ...staffTarget(t),
  assigneeId: t.globalID({ for: StaffUser, required: true }),
  priority: t.field({ type: PriorityEnum, required: true }),
}) });
const StartInput = builder.inputType('StartComplaintWorkInput', { fields: (t) => staffTarget(t) });
const ResolveInput = builder.inputType('ResolveComplaintInput', { fields: (t) => ({
  ...staffTarget(t),
  resolution: t.string({ required: true }),
  fixedByChangeSequence: t.string({ description: "The change event (sequence) of the dataset edit or import that fixed it; it must be of the complaint's dataset." }),
}) });
const DismissInput = builder.inputType('DismissComplaintInput', { fields: (t) => ({ ...staffTarget(t), reason: t.string({ required: true }) }) });
const AskInput = builder.inputType('AskComplaintReporterInput', { fields: (t) => ({ ...staffTarget(t), message: t.string({ required: true }) }) });
const NoteInput = builder.inputType('AddComplaintNoteInput', { fields: (t) => ({ ...staffTarget(t), message: t.string({ required: true }) }) });
const ReopenInput = builder.inputType('ReopenComplaintInput', { fields: (t) => ({ ...reporterTarget(t), reason: t.string({ required: true }) }) });
const ReplyInput = builder.inputType('ReplyToComplaintInput', { fields: (t) => ({ ...reporterTarget(t), message: t.string({ required: true }) }) });
const EnforceInput = builder.inputType('RecordEnforcementActionInput', { fields: (t) => ({
  ...staffTarget(t),
  kind: t.field({ type: EnforcementKindEnum, required: true }),
  legalBasis: t.string({ required: true, description: 'The municipal-code section or order the action rests on.' }),
  note: t.string({ required: true }),
  apiKeyId: t.id({ description: 'The partner key concerned (required for API_KEY_SUSPENSION); its id from apiKeys.' }),
  restrictTo: t.field({ type: AccessLevelEnum, description: 'For DATASET_RESTRICTION: the access level to set on the complaint\'s dataset.' }),
}) });
const LiftInput = builder.inputType('LiftEnforcementActionInput', { fields: (t) => ({ ...staffTarget(t), actionId: t.id({ required: true }), reason: t.string({ required: true }) }) });
const DecideInput = builder.inputType('DecideEnforcementAppealInput', { fields: (t) => ({
  ...staffTarget(t),
  actionId: t.id({ required: true }),
  outcome: t.field({ type: EnforcementAppealOutcomeEnum, required: true }),
  note: t.string({ required: true }),
}) });
const AppealInput = builder.inputType('AppealEnforcementActionInput', { fields: (t) => ({
  actionId: t.id({ required: true }),
  apiKey: t.string({ required: true, description: 'The API key the action concerns (a suspended key still proves who holds it).' }),
  reason: t.string({ required: true }),
}) });
const RouteInput = builder.inputType('SetComplaintRouteInput', { fields: (t) => ({
  category: t.field({ type: ComplaintCategoryEnum, required: true }),
  routedTo: t.field({ type: [RoutingTeamEnum], required: true }),
  priority: t.field({ type: PriorityEnum, required: true }),
  flagsDatasetForReview: t.boolean({ required: true }),
  expectedVersion: t.int({ required: true }),
}) });

type GlobalId = { id: string };
const ids = <T extends { id: GlobalId }>(args: T) => ({ ...args, id: uuidOrNil(args.id.id) });

const EnforcementAppealReceipt = builder.objectRef<{ appealedAt: Date | null }>('EnforcementAppealReceipt').implement({
  description: 'The appeal was received; a staff member other than the one who took the action decides it (you are told by e-mail).',
  authScopes: { public: true },
  fields: (t) => ({ appealedAt: t.expose('appealedAt', { type: 'DateTime', nullable: true }) }),
});

const workflowErrors = { types: [ValidationError, NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'complaint' } };
const stepErrors = { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'complaint' } };
const enforcers = { complianceOfficer: true, admin: true };

builder.mutationFields((t) => ({
  submitComplaint: t.field({
    type: SubmitComplaintPayload,
    description: 'Anyone (anonymous allowed): report misuse, a dataset error, an access problem, exposed personal data or a license question.',
    authScopes: { public: true },
    extensions: { audit: 'complaint.submit' },
    errors: { types: [ValidationError], directResult: true },
    args: { input: t.arg({ type: SubmitComplaintInput, required: true }) },
    resolve: async (_root, args, context) => {
      await context.chargeSubmission();
      return underArgument('input', () =>
        submitComplaint(context.prisma, context.viewer, context.config.complaintSlaHours, {
          ...args.input,
          datasetId: args.input.datasetId ? uuidOrNil(args.input.datasetId.id) : null,
          idempotencyKey: args.input.idempotencyKey ?? context.idempotencyKey,
        }),
      );
    },
  }),
  triageComplaint: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: assign it and set its priority (RECEIVED → TRIAGED).',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.triage' },
    errors: workflowErrors,
    args: { input: t.arg({ type: TriageInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () =>
        triageComplaint(context.prisma, context.viewer, context.config.complaintSlaHours, { ...ids(args.input), assigneeId: uuidOrNil(args.input.assigneeId.id) }),
      ),
  }),
  startComplaintWork: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: TRIAGED → IN_PROGRESS (tells the reporter).',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.start' },
    errors: { types: [NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'complaint' } },
    args: { input: t.arg({ type: StartInput, required: true }) },
    resolve: (_root, args, context) => startComplaintWork(context.prisma, context.viewer, ids(args.input)),
  }),
  resolveComplaint: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: resolve it, optionally linking the dataset edit or import that fixed it.',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.resolve' },
    errors: workflowErrors,
    args: { input: t.arg({ type: ResolveInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => resolveComplaint(context.prisma, context.viewer, ids(args.input))),
  }),
  dismissComplaint: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: dismiss it with a reason.',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.dismiss' },
    errors: workflowErrors,
    args: { input: t.arg({ type: DismissInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => dismissComplaint(context.prisma, context.viewer, ids(args.input))),
  }),
  askComplaintReporter: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: ask the reporter a question (on their timeline, and by e-mail if they left one).',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.askReporter' },
    errors: stepErrors,
    args: { input: t.arg({ type: AskInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => askComplaintReporter(context.prisma, context.viewer, ids(args.input))),
  }),
  addComplaintNote: t.field({
    type: Complaint,
    description: 'Staff the complaint is routed to: an internal note, never shown to the reporter.',
    authScopes: { complaintQueue: true },
    extensions: { audit: 'complaint.addInternalNote' },
    errors: stepErrors,
    args: { input: t.arg({ type: NoteInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => addComplaintNote(context.prisma, context.viewer, ids(args.input))),
  }),
  reopenComplaint: t.field({
    type: Complaint,
    description: 'The reporter (reference + token): reopen a resolved complaint within 30 days of its resolution.',
    authScopes: { public: true },
    extensions: { audit: 'complaint.reopen' },
    errors: workflowErrors,
    args: { input: t.arg({ type: ReopenInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => reopenComplaint(context.prisma, context.viewer, context.trackedSubmissions, args.input)),
  }),
  replyToComplaint: t.field({
    type: Complaint,
    description: 'The reporter (reference + token): answer a question, or add information.',
    authScopes: { public: true },
    extensions: { audit: 'complaint.reply' },
    errors: stepErrors,
    args: { input: t.arg({ type: ReplyInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => replyToComplaint(context.prisma, context.viewer, context.trackedSubmissions, args.input)),
  }),
  recordEnforcementAction: t.field({
    type: Complaint,
    description: 'Compliance officers and admins, on a misuse complaint: record a sanction with its legal basis. A key suspension or dataset restriction takes effect in the same step.',
    authScopes: enforcers,
    extensions: { audit: 'complaint.enforce' },
    errors: stepErrors,
    args: { input: t.arg({ type: EnforceInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => {
        const { apiKeyId, ...input } = ids(args.input);
        return recordEnforcementAction(context.prisma, context.viewer, context.config.enforcementAppealWindowDays, {
          ...input,
          apiKeyId: apiKeyId ? uuidOrNil(String(apiKeyId)) : null,
        });
      }),
  }),
  liftEnforcementAction: t.field({
    type: Complaint,
    description: 'Compliance officers and admins: lift a sanction (restores the key or the access level).',
    authScopes: enforcers,
    extensions: { audit: 'complaint.liftEnforcement' },
    errors: stepErrors,
    args: { input: t.arg({ type: LiftInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => liftEnforcementAction(context.prisma, context.viewer, { ...ids(args.input), actionId: uuidOrNil(String(args.input.actionId)) })),
  }),
  decideEnforcementAppeal: t.field({
    type: Complaint,
    description: 'Compliance officers and admins other than the one who took the action: uphold it, or overturn it (which lifts it).',
    authScopes: enforcers,
    extensions: { audit: 'complaint.decideEnforcementAppeal' },
    errors: stepErrors,
    args: { input: t.arg({ type: DecideInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => decideEnforcementAppeal(context.prisma, context.viewer, { ...ids(args.input), actionId: uuidOrNil(String(args.input.actionId)) })),
  }),
  appealEnforcementAction: t.field({
    type: EnforcementAppealReceipt,
    description: 'The partner an enforcement action concerns, proving it with that API key: appeal within ENFORCEMENT_APPEAL_WINDOW_DAYS.',
    authScopes: { public: true },
    extensions: { audit: 'complaint.appealEnforcement' },
    errors: { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'appeal' } },
    args: { input: t.arg({ type: AppealInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () =>
        appealEnforcementAction(context.prisma, context.viewer, context.config.enforcementAppealWindowDays, {
          ...args.input,
          actionId: uuidOrNil(String(args.input.actionId)),
        }),
      ),
  }),
  setComplaintRoute: t.field({
    type: ComplaintRoute,
    description: 'Admins: change where complaints of a category go (teams, priority, dataset review flag). New complaints follow it.',
    authScopes: { admin: true },
    extensions: { audit: 'complaintRoute.set' },
    errors: { types: [ValidationError, ConflictError], dataField: { name: 'route' } },
    args: { input: t.arg({ type: RouteInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => setComplaintRoute(context.prisma, context.viewer, args.input)),
  }),
}));
