// Webhooks in GraphQL: a partner with the `subscribe` scope registers, lists and inspects its own
// webhooks and their delivery log, and asks for a delivery again.
import { builder, pageComplexity } from '../graphql/builder.js';
import { underArgument } from '../graphql/validation.js';
import { uuidOrNil } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { PartnerViewer } from '../access/viewer.js';
import { createWebhook, redeliverWebhook, WEBHOOK_EVENTS, type WebhookEventName } from './webhooks.js';

const WebhookEventEnum = builder.enumType('WebhookEvent', {
  values: Object.keys(WEBHOOK_EVENTS) as WebhookEventName[],
  description: 'DATASET_UPDATED: metadata changes (as datasetUpdated); RECORDS_CHANGED: import and edit batches (as recordsChanged).',
});
const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'SUCCEEDED', 'FAILED'] as const });

const WebhookDelivery = builder.prismaObject('WebhookDelivery', {
  description: 'One signed POST of one event to a webhook, with its attempts.',
  // Reached only through the owner's own Webhook or redeliverWebhook (which checks the owner).
  authScopes: { partnerScope: 'subscribe' },
  fields: (t) => ({
    id: t.exposeID('id'),
    event: t.field({ type: WebhookEventEnum, resolve: (delivery) => delivery.event as WebhookEventName }),
    cursor: t.string({ description: 'The outbox sequence of the event.', resolve: (delivery) => delivery.sequence.toString() }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (delivery) => delivery.status }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: 'When PENDING: the next try.' }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    body: t.exposeString('body', { description: 'The JSON body sent (signed as described in the README).' }),
  }),
});

const Webhook = builder.prismaObject('Webhook', {
  runScopesOnType: true,
  authScopes: (webhook) => ({ apiKeySelf: webhook.apiKeyId }),
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    events: t.field({ type: [WebhookEventEnum], resolve: (webhook) => webhook.events as WebhookEventName[] }),
    datasetIds: t.idList({ description: 'Only events of these datasets (empty: every dataset the key may read).', resolve: (webhook) => webhook.datasetIds.map((id) => Buffer.from(`Dataset:${id}`).toString('base64')) }),
    active: t.boolean({ resolve: (webhook) => webhook.disabledAt === null }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true, description: 'Set after repeated failed deliveries.' }),
    consecutiveFailures: t.exposeInt('consecutiveFailures'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveries: t.relatedConnection('deliveries', {
      cursor: 'id',
      complexity: pageComplexity,
      description: 'The delivery log, newest first.',
      query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});

const CreateWebhookPayload = builder.objectRef<{ webhook: Awaited<ReturnType<typeof createWebhook>>['webhook']; secret: string }>('CreateWebhookPayload').implement({
  authScopes: { partnerScope: 'subscribe' },
  fields: (t) => ({
    webhook: t.field({ type: Webhook, resolve: (payload) => payload.webhook }),
    secret: t.exposeString('secret', { description: 'Verifies the X-Gateway-Signature of each delivery. Shown only now: store it safely.' }),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'An http(s) URL that accepts POSTed JSON.' }),
    events: t.field({ type: [WebhookEventEnum], required: true }),
    datasets: t.globalIDList({ for: Dataset, description: 'Only these datasets (default: every dataset the key may read).' }),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.prismaField({
    type: ['Webhook'],
    description: 'Partners with the subscribe scope: the webhooks of your API key.',
    authScopes: { partnerScope: 'subscribe' },
    resolve: (query, _root, _args, context) =>
      context.prisma.webhook.findMany({ ...query, where: { apiKeyId: (context.viewer as PartnerViewer).apiKeyId }, orderBy: { createdAt: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: CreateWebhookPayload,
    description: 'Partners with the subscribe scope: POST change events to a URL, signed with the secret returned once.',
    authScopes: { partnerScope: 'subscribe' },
    extensions: { audit: 'webhook.create' },
    errors: { types: [ValidationError], directResult: true },
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: (_root, { input }, context) =>
      underArgument('input', () =>
        createWebhook(context.db, context.viewer as PartnerViewer, {
          url: input.url,
          events: input.events as WebhookEventName[],
          datasetIds: (input.datasets ?? []).map((id) => uuidOrNil(id.id)),
        }),
      ),
  }),
  redeliverWebhook: t.field({
    type: WebhookDelivery,
    description: 'Queue one delivery of your webhook again (it is sent within seconds, signed anew).',
    authScopes: { partnerScope: 'subscribe' },
    extensions: { audit: 'webhook.redeliver' },
    errors: { types: [NotFoundError], dataField: { name: 'delivery' } },
    args: { deliveryId: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => redeliverWebhook(context.db, context.viewer, uuidOrNil(String(args.deliveryId))),
  }),
}));
