// Webhooks: partner keys with the `subscribe` scope register a URL; change events they may read are
// POSTed to it from the outbox, signed, retried with exponential backoff, and the webhook is disabled after
// repeated failed deliveries. Every delivery is logged (the partner can read the log and ask again).
import { createHmac, randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Webhook, WebhookDelivery } from '../generated/prisma/client.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../infra/logger.js';
import { audited } from '../audit/service.js';
import { canReadDataset } from '../access/visibility.js';
import type { PartnerViewer, Viewer } from '../access/viewer.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { encodeCursor, type LiveEvent } from './events.js';
import { enrichEvents, type LiveHub } from './hub.js';
import { latestSequence, readRange } from './outbox.js';
import { mayReadEventDataset } from './subscriptions.js';

/** Event names a webhook may ask for, and the outbox topic of each. */
export const WEBHOOK_EVENTS = { DATASET_UPDATED: 'dataset', RECORDS_CHANGED: 'records' } as const;
export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
const eventNameOf = (topic: string) => (Object.entries(WEBHOOK_EVENTS).find(([, value]) => value === topic)?.[0] ?? topic) as WebhookEventName;

export const SIGNATURE_HEADER = 'x-gateway-signature';
export const TIMESTAMP_HEADER = 'x-gateway-timestamp';

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed too, so a replay is detectable. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookInput {
  url: string;
  events: WebhookEventName[];
  datasetIds: string[];
}

function webhookProblems(input: WebhookInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {}
  if (!url || !['http:', 'https:'].includes(url.protocol)) problems.push({ path: ['url'], message: 'Must be an http(s) URL' });
  if (input.url.length > 2_000) problems.push({ path: ['url'], message: 'At most 2000 characters' });
  if (input.events.length === 0) problems.push({ path: ['events'], message: 'Name at least one event' });
  if (input.datasetIds.length > 100) problems.push({ path: ['datasets'], message: 'At most 100 datasets' });
  return problems;
}

export async function createWebhook(db: Database, viewer: PartnerViewer, input: WebhookInput) {
  const problems = webhookProblems(input);
  const datasets = input.datasetIds.length ? await db.prisma.dataset.findMany({ where: { id: { in: input.datasetIds } } }) : [];
  input.datasetIds.forEach((id, index) => {
    const dataset = datasets.find((candidate) => candidate.id === id);
    // An invisible dataset is reported like an unknown one.
    if (!dataset || !canReadDataset(viewer, dataset)) problems.push({ path: ['datasets', index], message: 'No such dataset' });
  });
  if (problems.length) throw new ValidationError(problems);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const last = await latestSequence(db);
  const webhook = await audited(db.prisma, viewer, async (tx) => {
    const created = await tx.webhook.create({
      data: { apiKeyId: viewer.apiKeyId, url: input.url, events: [...new Set(input.events)], datasetIds: input.datasetIds, secret, cursor: last },
    });
    const { secret: _secret, ...shown } = created;
    return { result: created, audit: { action: 'webhook.create', targetType: 'Webhook', targetId: created.id, after: { ...shown, cursor: String(shown.cursor) } } };
  });
  return { webhook, secret };
}

/** Queues one delivery again (the partner's own webhooks only); a disabled webhook is enabled again. */
export async function redeliverWebhook(db: Database, viewer: Viewer, deliveryId: string) {
  const delivery = await db.prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery || viewer.kind !== 'partner' || delivery.webhook.apiKeyId !== viewer.apiKeyId) throw new NotFoundError('WebhookDelivery', deliveryId);
  return audited(db.prisma, viewer, async (tx) => {
    const queued = await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lastError: null } });
    await tx.webhook.update({ where: { id: delivery.webhookId }, data: { disabledAt: null, consecutiveFailures: 0 } });
    return { result: queued, audit: { action: 'webhook.redeliver', targetType: 'WebhookDelivery', targetId: deliveryId, before: { status: delivery.status } } };
  });
}

function webhookBody(deliveryId: string, event: LiveEvent) {
  const common = {
    id: deliveryId,
    event: eventNameOf(event.topic),
    cursor: encodeCursor(event),
    occurredAt: event.createdAt.toISOString(),
    datasetId: event.datasetId ? encodeGlobalID('Dataset', event.datasetId) : null,
    identifier: event.dataset?.identifier ?? null,
  };
  const { action, version, batchId, mode, inserted, updated, deleted } = event.payload as Record<string, unknown>;
  const data = event.topic === 'records' ? { batchId, mode, inserted, updated, deleted, version } : { action, operation: event.operation, version };
  return JSON.stringify({ ...common, data });
}

export interface DelivererOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Failed deliveries in a row after which the webhook is disabled. */
  disableAfter?: number;
  timeoutMs?: number;
  now?: () => Date;
}

export class WebhookDeliverer {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly disableAfter: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly db: Database, private readonly hub: LiveHub, options: DelivererOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.disableAfter = options.disableAfter ?? 3;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Turns new outbox events into deliveries, then sends what is due. */
  async runOnce(): Promise<void> {
    await this.collect();
    await this.sendDue();
  }

  /** Per active webhook: the events after its cursor (up to what this instance has delivered in order). */
  async collect(): Promise<void> {
    const upTo = await this.hub.deliveredSequence();
    const webhooks = await this.db.prisma.webhook.findMany({ where: { disabledAt: null, cursor: { lt: upTo } } });
    for (const webhook of webhooks) await this.collectFor(webhook, upTo);
  }

  private async collectFor(webhook: Webhook, upTo: bigint) {
    const key = await this.db.prisma.apiKey.findUnique({ where: { id: webhook.apiKeyId } });
    const usable = key && !key.revokedAt && (!key.expiresAt || key.expiresAt > this.now());
    const rows = usable ? await readRange(this.db, webhook.cursor, upTo, 500) : [];
    const viewer: Viewer = usable ? { kind: 'partner', apiKeyId: key.id, prefix: key.prefix, organization: key.organization, scopes: new Set(key.scopes) } : { kind: 'anonymous' };
    const topics = new Set<string>(webhook.events.map((name) => WEBHOOK_EVENTS[name as WebhookEventName]));
    const wanted = rows.filter((row) => topics.has(row.topic) && (webhook.datasetIds.length === 0 || (row.datasetId && webhook.datasetIds.includes(row.datasetId))));
    const events = (await enrichEvents(this.db, wanted)).filter((event) => mayReadEventDataset(viewer, event));
    const next = rows.length === 500 ? rows[rows.length - 1]!.sequence : upTo;
    await this.db.prisma.$transaction(async (tx) => {
      // Claimed by moving the cursor: of two instances collecting at once, one writes the deliveries.
      const { count } = await tx.webhook.updateMany({ where: { id: webhook.id, cursor: webhook.cursor }, data: { cursor: next } });
      if (count === 0) return;
      for (const event of events) {
        const id = crypto.randomUUID();
        await tx.webhookDelivery.create({ data: { id, webhookId: webhook.id, sequence: event.sequence, event: eventNameOf(event.topic), body: webhookBody(id, event) } });
      }
    });
  }

  /** Sends every due delivery; returns how many succeeded. */
  async sendDue(): Promise<number> {
    let succeeded = 0;
    for (let delivery = await this.claim(); delivery; delivery = await this.claim()) {
      if (await this.attempt(delivery)) succeeded++;
    }
    return succeeded;
  }

  private async claim() {
    const now = this.now();
    return this.db.prisma.$transaction(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: string }[]>`
        SELECT d.id::text AS id FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId"
        WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= ${now} AND w."disabledAt" IS NULL
        ORDER BY d."nextAttemptAt", d.sequence LIMIT 1 FOR UPDATE OF d SKIP LOCKED`;
      if (!due) return null;
      return tx.webhookDelivery.update({
        where: { id: due.id },
        data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + this.timeoutMs * 3) },
        include: { webhook: true },
      });
    });
  }

  private async attempt(delivery: WebhookDelivery & { webhook: Webhook }): Promise<boolean> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(delivery.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(delivery.webhook.secret, timestamp, delivery.body),
          'user-agent': 'city-open-data-gateway-webhooks',
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) failure = `HTTP ${status}`;
    } catch (error) {
      failure = (error as Error).message.slice(0, 300);
    }
    if (!failure) {
      await this.db.prisma.$transaction([
        this.db.prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'SUCCEEDED', deliveredAt: this.now(), lastStatusCode: status, lastError: null } }),
        this.db.prisma.webhook.update({ where: { id: delivery.webhookId }, data: { consecutiveFailures: 0 } }),
      ]);
      return true;
    }
    const giveUp = delivery.attempts >= this.maxAttempts;
    const retryAt = new Date(this.now().getTime() + this.baseDelayMs * 2 ** (delivery.attempts - 1));
    await this.db.prisma.$transaction(async (tx) => {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { status: giveUp ? 'FAILED' : 'PENDING', nextAttemptAt: retryAt, lastStatusCode: status, lastError: failure },
      });
      if (!giveUp) return;
      const webhook = await tx.webhook.update({ where: { id: delivery.webhookId }, data: { consecutiveFailures: { increment: 1 } } });
      if (webhook.consecutiveFailures >= this.disableAfter) await tx.webhook.update({ where: { id: webhook.id }, data: { disabledAt: this.now() } });
    });
    return false;
  }
}

/** Runs the deliverer every `intervalMs` until stopped (one round at a time). */
export function startWebhookDeliverer(deliverer: WebhookDeliverer, logger: Pick<Logger, 'error'>, intervalMs = 2_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverer.runOnce()).catch((error) => logger.error({ err: error }, 'webhook deliverer failed'));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
