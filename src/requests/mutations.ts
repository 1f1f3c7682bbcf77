// Data-request mutations: public submission, the requester's actions (reference + token) and the staff
// workflow. Each lists only the failures it can return; inputs are checked after authorization.
import type { InputFieldBuilder } from '@pothos/core';
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { underArgument } from '../graphql/validation.js';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.js';
import { Dataset } from '../catalog/types.js';
import { StaffUser } from '../admin/types.js';
import { RecordFilterRef, RecordOrderRef } from '../records/filter/types.js';
import { DataRequest, DataRequestKindEnum } from './types.js';
import { submitDataRequest, type SubmittedDataRequest } from './submission.js';
import { answerClarification, withdrawDataRequest } from './requester-actions.js';
import {
  acknowledgeDataRequest,
  addInternalNote,
  assignDataRequest,
  determineDataRequest,
  extendDataRequest,
  requestClarification,
} from './staff-actions.js';
import { UNUSUAL_CIRCUMSTANCES, type UnusualCircumstance } from './lifecycle.js';
import { appealDataRequest, decideAppeal } from './appeals.js';
import { answerFeeEstimate, estimateFees, FEE_ITEM_KINDS, recordFeePayment } from './fees.js';

export const FeeItemKindEnum = builder.enumType('FeeItemKind', {
  description: 'What a fee may charge (Gov. Code §7922.575). Staff time spent redacting is never billable.',
  values: FEE_ITEM_KINDS,
});
const FeeItemInput = builder.inputType('FeeItemInput', {
  fields: (t) => ({
    kind: t.field({ type: FeeItemKindEnum, required: true }),
    description: t.string({ required: true }),
    amountCents: t.int({ required: true }),
  }),
});

const UnusualCircumstanceEnum = builder.enumType('UnusualCircumstance', {
  description: 'The only reasons that justify extending the response date (Gov. Code §7922.535(c)).',
  values: Object.fromEntries(
    Object.entries(UNUSUAL_CIRCUMSTANCES).map(([name, description]) => [name, { description }]),
  ) as Record<UnusualCircumstance, { description: string }>,
});

const DeterminationEnum = builder.enumType('DataRequestDetermination', {
  values: {
    FULFILLED: { description: 'All records released.' },
    PARTIALLY_FULFILLED: { description: 'Releasable parts released, the rest withheld (legal basis required).' },
    DENIED: { description: 'Nothing released (legal basis required).' },
  } as const,
});

const SubmitDataRequestInput = builder.inputType('SubmitDataRequestInput', {
  fields: (t) => ({
    kind: t.field({ type: DataRequestKindEnum, required: true }),
    subject: t.string({ required: true }),
    description: t.string({ required: true }),
    datasetId: t.globalID({ for: Dataset }),
    requesterName: t.string(),
    requesterEmail: t.field({ type: 'EmailAddress', description: 'Where we send the acknowledgement and every message.' }),
    requesterPhone: t.string(),
    preferredFormat: t.string({ description: 'e.g. CSV, PDF.' }),
    idempotencyKey: t.string({
      description: 'Any unique string (8+ characters): retrying with it returns the first submission instead of a duplicate. An Idempotency-Key header does the same.',
    }),
  }),
});

const SubmitDataRequestPayload = builder.objectRef<SubmittedDataRequest>('SubmitDataRequestPayload').implement({
  authScopes: { public: true },
  fields: (t) => ({
    reference: t.string({ resolve: (payload) => payload.request.reference }),
    trackingToken: t.string({
      nullable: true,
      description: 'Your private token, with the reference, to follow the request. Shown once: null when this answers a retry.',
      resolve: (payload) => payload.trackingToken,
    }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the idempotency key matched an earlier submission.' }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Fields = InputFieldBuilder<Types, 'InputObject'>;

const staffTarget = (t: Fields) => ({
  id: t.globalID({ for: DataRequest, required: true }),
  expectedVersion: t.int({ required: true, description: 'The version you read: the action fails with a ConflictError if it changed.' }),
});
const requesterTarget = (t: Fields) => ({
  reference: t.string({ required: true }),
  token: t.string({ required: true }),
  expectedVersion: t.int({ required: true }),
});

const AcknowledgeInput = builder.inputType('AcknowledgeDataRequestInput', { fields: (t) => staffTarget(t) });
const AssignInput = builder.inputType('AssignDataRequestInput', { fields: (t) => ({ ...staffTarget(t), assigneeId: t.globalID({ for: StaffUser, required: true }) }) });
const ClarificationInput = builder.inputType('RequestDataRequestClarificationInput', { fields: (t) => ({ ...staffTarget(t), message: t.string({ required: true }) }) });
const ExtendInput = builder.inputType('ExtendDataRequestInput', { fields: (t) => ({
  ...staffTarget(t),
  reason: t.field({ type: UnusualCircumstanceEnum, required: true }),
  days: t.int({ required: true, description: 'At most 14.' }),
  note: t.string(),
}) });
const ReleaseFormatEnum = builder.enumType('DataRequestExportFormat', { values: ['CSV', 'GEOJSON'] as const });
const ReleaseExportInput = builder.inputType('DataRequestExportInput', {
  description:
    'The rows of a dataset released to the requester, downloaded with the reference and tracking token. Personal fields are withheld as for the public, whatever the dataset’s access level.',
  fields: (t) => ({
    datasetId: t.globalID({ for: Dataset, description: 'Defaults to the request’s dataset.' }),
    filter: t.field({ type: RecordFilterRef, description: 'Checked against the dataset’s declared fields now; personal fields cannot be used.' }),
    orderBy: t.field({ type: [RecordOrderRef] }),
    format: t.field({ type: ReleaseFormatEnum, required: true }),
  }),
});
const DetermineInput = builder.inputType('DetermineDataRequestInput', { fields: (t) => ({
  ...staffTarget(t),
  outcome: t.field({ type: DeterminationEnum, required: true }),
  outcomeNote: t.string({ required: true }),
  legalBasis: t.string({ description: 'Required for DENIED and PARTIALLY_FULFILLED.' }),
  downloadUrl: t.string({ description: 'A link staff prepared themselves (the only way personal data is released).' }),
  export: t.field({ type: ReleaseExportInput, description: 'Release a filtered export of a dataset (FULFILLED or PARTIALLY_FULFILLED).' }),
}) });
const NoteInput = builder.inputType('AddDataRequestNoteInput', { fields: (t) => ({ ...staffTarget(t), message: t.string({ required: true }) }) });
const EstimateInput = builder.inputType('EstimateDataRequestFeesInput', { fields: (t) => ({
  ...staffTarget(t),
  items: t.field({ type: [FeeItemInput], required: true }),
  note: t.string(),
}) });
const PaymentInput = builder.inputType('RecordDataRequestPaymentInput', { fields: (t) => staffTarget(t) });
const FeeAnswerInput = builder.inputType('AnswerDataRequestFeeEstimateInput', { fields: (t) => ({ ...requesterTarget(t), accept: t.boolean({ required: true }) }) });
const AnswerInput = builder.inputType('AnswerDataRequestClarificationInput', { fields: (t) => ({ ...requesterTarget(t), message: t.string({ required: true }) }) });
const WithdrawInput = builder.inputType('WithdrawDataRequestInput', { fields: (t) => ({ ...requesterTarget(t), reason: t.string() }) });

const AppealInput = builder.inputType('AppealDataRequestInput', { fields: (t) => ({ ...requesterTarget(t), reason: t.string({ required: true }) }) });
const AppealOutcomeEnum = builder.enumType('DataRequestAppealOutcome', {
  values: {
    UPHELD: { description: 'The determination stands.' },
    OVERTURNED: { description: 'The request goes back in review.' },
  } as const,
});
const DecideAppealInput = builder.inputType('DecideDataRequestAppealInput', { fields: (t) => ({
  ...staffTarget(t),
  outcome: t.field({ type: AppealOutcomeEnum, required: true }),
  note: t.string({ required: true }),
}) });

type GlobalId = { id: string };
const ids = <T extends { id: GlobalId }>(args: T) => ({ ...args, id: uuidOrNil(args.id.id) });

const workflowErrors = { types: [ValidationError, NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'dataRequest' } };
const noteErrors = { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'dataRequest' } };

builder.mutationFields((t) => ({
  submitDataRequest: t.field({
    type: SubmitDataRequestPayload,
    description: 'Anyone: ask for records. Returns the reference and the private tracking token (shown once).',
    authScopes: { public: true },
    extensions: { audit: 'dataRequest.submit' },
    errors: { types: [ValidationError], directResult: true },
    args: { input: t.arg({ type: SubmitDataRequestInput, required: true }) },
    resolve: async (_root, args, context) => {
      await context.chargeSubmission();
      return underArgument('input', () =>
        submitDataRequest(context.prisma, context.viewer, {
          ...args.input,
          datasetId: args.input.datasetId ? uuidOrNil(args.input.datasetId.id) : null,
          idempotencyKey: args.input.idempotencyKey ?? context.idempotencyKey,
        }),
      );
    },
  }),
  acknowledgeDataRequest: t.field({
    type: DataRequest,
    description: 'Records staff: start reviewing a received request (tells the requester).',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.acknowledge' },
    errors: { types: [NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'dataRequest' } },
    args: { input: t.arg({ type: AcknowledgeInput, required: true }) },
    resolve: (_root, args, context) => acknowledgeDataRequest(context.prisma, context.viewer, ids(args.input)),
  }),
  assignDataRequest: t.field({
    type: DataRequest,
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.assign' },
    errors: noteErrors,
    args: { input: t.arg({ type: AssignInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => {
        const { input } = args;
        return assignDataRequest(context.prisma, context.viewer, { ...ids(input), assigneeId: uuidOrNil(input.assigneeId.id) });
      }),
  }),
  requestDataRequestClarification: t.field({
    type: DataRequest,
    description: 'Records staff: ask the requester to describe what they seek (§7922.600); the message is sent to them.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.requestClarification' },
    errors: workflowErrors,
    args: { input: t.arg({ type: ClarificationInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => requestClarification(context.prisma, context.viewer, ids(args.input))),
  }),
  extendDataRequest: t.field({
    type: DataRequest,
    description: 'Records staff: the one extension allowed, by at most 14 days, for an unusual circumstance.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.extend' },
    errors: workflowErrors,
    args: { input: t.arg({ type: ExtendInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => extendDataRequest(context.prisma, context.viewer, ids(args.input))),
  }),
  determineDataRequest: t.field({
    type: DataRequest,
    description: 'Records staff: fulfil, partially fulfil or deny. Withholding anything needs a legal basis.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.determine' },
    errors: workflowErrors,
    args: { input: t.arg({ type: DetermineInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => {
        const release = args.input.export;
        return determineDataRequest(
          context.prisma,
          context.viewer,
          {
            ...ids(args.input),
            export: release && { ...release, datasetId: release.datasetId ? uuidOrNil(release.datasetId.id) : null },
          },
          context.config.publicBaseUrl,
        );
      }),
  }),
  addDataRequestNote: t.field({
    type: DataRequest,
    description: 'Records staff: an internal note, never shown to the requester.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.addInternalNote' },
    errors: noteErrors,
    args: { input: t.arg({ type: NoteInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => addInternalNote(context.prisma, context.viewer, ids(args.input))),
  }),
  estimateDataRequestFees: t.field({
    type: DataRequest,
    description: 'Records staff: send a fee estimate (line items); the request then awaits payment.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.estimateFees' },
    errors: workflowErrors,
    args: { input: t.arg({ type: EstimateInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => estimateFees(context.prisma, context.viewer, ids(args.input))),
  }),
  recordDataRequestPayment: t.field({
    type: DataRequest,
    description: 'Records staff: the fee was paid; the request goes back in review.',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.recordPayment' },
    errors: { types: [NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'dataRequest' } },
    args: { input: t.arg({ type: PaymentInput, required: true }) },
    resolve: (_root, args, context) => recordFeePayment(context.prisma, context.viewer, ids(args.input)),
  }),
  answerDataRequestFeeEstimate: t.field({
    type: DataRequest,
    description: 'The requester (reference + token): accept the fee estimate, or decline it (the request goes back in review without the fee).',
    authScopes: { public: true },
    extensions: { audit: 'dataRequest.answerFeeEstimate' },
    errors: { types: [NotFoundError, ConflictError, InvalidTransitionError], dataField: { name: 'dataRequest' } },
    args: { input: t.arg({ type: FeeAnswerInput, required: true }) },
    resolve: (_root, args, context) => answerFeeEstimate(context.prisma, context.viewer, context.trackedSubmissions, args.input),
  }),
  answerDataRequestClarification: t.field({
    type: DataRequest,
    description: 'The requester (reference + token): answer a request for clarification.',
    authScopes: { public: true },
    extensions: { audit: 'dataRequest.answerClarification' },
    errors: workflowErrors,
    args: { input: t.arg({ type: AnswerInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => answerClarification(context.prisma, context.viewer, context.trackedSubmissions, args.input)),
  }),
  withdrawDataRequest: t.field({
    type: DataRequest,
    description: 'The requester (reference + token): withdraw the request.',
    authScopes: { public: true },
    extensions: { audit: 'dataRequest.withdraw' },
    errors: workflowErrors,
    args: { input: t.arg({ type: WithdrawInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () => withdrawDataRequest(context.prisma, context.viewer, context.trackedSubmissions, args.input)),
  }),
  appealDataRequest: t.field({
    type: DataRequest,
    description: 'The requester (reference + token): appeal a denial or partial release within APPEAL_WINDOW_DAYS of it.',
    authScopes: { public: true },
    extensions: { audit: 'dataRequest.appeal' },
    errors: workflowErrors,
    args: { input: t.arg({ type: AppealInput, required: true }) },
    resolve: (_root, args, context) =>
      underArgument('input', () =>
        appealDataRequest(context.prisma, context.viewer, context.trackedSubmissions, context.config.appealWindowDays, args.input),
      ),
  }),
  decideDataRequestAppeal: t.field({
    type: DataRequest,
    description: 'Records staff other than the one who made the determination: uphold it, or overturn it (back in review).',
    authScopes: { dataRequestQueue: true },
    extensions: { audit: 'dataRequest.decideAppeal' },
    errors: workflowErrors,
    args: { input: t.arg({ type: DecideAppealInput, required: true }) },
    resolve: (_root, args, context) => underArgument('input', () => decideAppeal(context.prisma, context.viewer, ids(args.input))),
  }),
}));
