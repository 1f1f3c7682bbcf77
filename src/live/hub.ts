// One dispatcher per gateway process: it reads the outbox in order (woken by the wake-up channel, or by
// its poll), attaches the current access facts to each event once, re-checks the credentials of everyone
// listening, and hands the events to the open subscriptions, which filter and authorize them per event.
import type { Database } from '../db/client.js';
import type { Logger } from '../infra/logger.js';
import { TooManySubscriptionsError, UnauthenticatedError } from '../errors.js';
import type { Viewer } from '../access/viewer.js';
import type { LiveEvent } from './events.js';
import { latestSequence, OutboxPosition, readAfter, type OutboxRow } from './outbox.js';
import type { WakeupChannel } from './wakeup.js';

const BATCH = 500;
const GAP_RECHECK_MS = 25;
/** Subscriptions handed an event batch per turn of the event loop. */
const DISPATCH_SLICE = 250;

export interface LiveSettings {
  retentionSeconds: number;
  pollIntervalMs: number;
  gapGraceMs: number;
  maxSubscriptionsPerKey: number;
  heartbeatSeconds: number;
  idleTimeoutSeconds: number;
}

export interface LiveListener {
  viewer: Viewer;
  /** Whose budget the subscription counts against (API key, staff member or address). */
  key: string;
  deliver(events: readonly LiveEvent[]): void;
  end(error?: Error): void;
  /** When the subscription last delivered something (or opened), in ms: idle ones are completed. */
  lastActive: number;
}

/** Loads what per-event authorization needs (dataset access facts, complaint routing) for a batch. */
export async function enrichEvents(db: Database, rows: readonly OutboxRow[]): Promise<LiveEvent[]> {
  const datasetIds = [...new Set(rows.map((row) => row.datasetId).filter((id): id is string => id !== null))];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const complaintIds = [...new Set(rows.filter((row) => row.topic === 'complaint' && uuid.test(row.entityId)).map((row) => row.entityId))];
  const [datasets, complaints] = await Promise.all([
    datasetIds.length
      ? db.prisma.dataset.findMany({
          where: { id: { in: datasetIds } },
          select: { id: true, identifier: true, accessLevel: true, stewardId: true, archivedAt: true, themes: true, publisher: { select: { slug: true } } },
        })
      : [],
    complaintIds.length ? db.prisma.complaint.findMany({ where: { id: { in: complaintIds } }, select: { id: true, routedTo: true } }) : [],
  ]);
  const datasetById = new Map(datasets.map(({ publisher, ...facts }) => [facts.id, { ...facts, departmentSlug: publisher.slug }]));
  const routingById = new Map(complaints.map((complaint) => [complaint.id, complaint.routedTo as string[]]));
  return rows.map((row) => ({
    ...row,
    dataset: row.datasetId ? (datasetById.get(row.datasetId) ?? null) : null,
    ...(row.topic === 'complaint' ? { complaintRoutedTo: routingById.get(row.entityId) ?? [] } : {}),
  }));
}

export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private readonly perKey = new Map<string, number>();
  private position: OutboxPosition | undefined;
  private starting: Promise<void> | undefined;
  /** Sequence of the last event handed to listeners: a new listener gets everything after it live. */
  private delivered = 0n;
  private polling = false;
  private pollAgain = false;
  private credentialsDirty = false;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** One sweep for every subscription's idle timeout, rather than a timer per subscription. */
  private idleSweep: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly db: Database,
    readonly settings: LiveSettings,
    private readonly wakeup: WakeupChannel,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
  ) {}

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Tells every instance the outbox changed (called after each mutation). */
  notifyChange(): void {
    this.wakeup.publish();
  }

  /**
   * Adds a listener; returns the sequence up to which events were already handed out (the listener gets
   * every later one live, so a resumed subscription replays up to here and no further).
   */
  async attach(listener: LiveListener): Promise<bigint> {
    if (this.closed) throw new UnauthenticatedError('The server is shutting down: reconnect shortly');
    const count = this.perKey.get(listener.key) ?? 0;
    if (count >= this.settings.maxSubscriptionsPerKey) throw new TooManySubscriptionsError(this.settings.maxSubscriptionsPerKey);
    this.perKey.set(listener.key, count + 1);
    try {
      await this.start();
    } catch (error) {
      this.release(listener.key);
      throw error;
    }
    this.listeners.add(listener);
    return this.delivered;
  }

  detach(listener: LiveListener): void {
    if (this.listeners.delete(listener)) this.release(listener.key);
  }

  private release(key: string) {
    const count = (this.perKey.get(key) ?? 1) - 1;
    if (count > 0) this.perKey.set(key, count);
    else this.perKey.delete(key);
  }

  /** The newest sequence this instance has delivered (webhooks read the outbox up to here). */
  async deliveredSequence(): Promise<bigint> {
    await this.start();
    return this.delivered;
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const last = await latestSequence(this.db);
      this.position = new OutboxPosition(last, this.settings.gapGraceMs);
      this.delivered = last;
      this.wakeup.listen(() => {
        this.credentialsDirty = true;
        void this.poll();
      });
      this.heartbeat = setInterval(() => {
        this.credentialsDirty = true;
        void this.poll();
      }, this.settings.heartbeatSeconds * 1000);
      this.heartbeat.unref();
      const idleMs = this.settings.idleTimeoutSeconds * 1000;
      this.idleSweep = setInterval(() => this.closeIdle(idleMs), Math.max(250, Math.min(idleMs / 4, 60_000)));
      this.idleSweep.unref();
      this.schedule(this.settings.pollIntervalMs);
    })();
    this.starting.catch(() => (this.starting = undefined));
    return this.starting;
  }

  private schedule(delayMs: number) {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  /** One read of the outbox (or a request for another if one is running). */
  async poll(): Promise<void> {
    if (this.closed || !this.position) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        const read = await readAfter(this.db, this.position.sequence, BATCH);
        const rows = this.position.take(read);
        if (this.credentialsDirty || rows.length) await this.recheckCredentials();
        if (rows.length) {
          // Nobody listening: advance without loading facts nobody would use.
          const events = this.listeners.size ? await enrichEvents(this.db, rows) : [];
          this.delivered = rows[rows.length - 1]!.sequence;
          await this.dispatch(events);
        }
        if (rows.length === BATCH) this.pollAgain = true;
      } while (this.pollAgain && !this.closed);
    } catch (error) {
      this.logger.error({ err: error }, 'live updates: reading the outbox failed');
    } finally {
      this.polling = false;
      this.schedule(this.position.waiting ? GAP_RECHECK_MS : this.settings.pollIntervalMs);
    }
  }

  /**
   * Hands events to every listener, a slice at a time with a turn of the event loop in between: each hand-over
   * sets off that subscription's execution and write as microtasks, and ten thousand of them in one go would
   * hold every other request (a mutation's statements, new subscriptions) until all were written. A listener
   * attached meanwhile is not in the slice list: its replay reaches up to `delivered`, which covers these.
   */
  private async dispatch(events: readonly LiveEvent[]) {
    const listeners = [...this.listeners];
    for (let start = 0; start < listeners.length; start += DISPATCH_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const listener of listeners.slice(start, start + DISPATCH_SLICE)) listener.deliver(events);
    }
  }

  /** Completes the subscriptions that delivered nothing for `idleMs` (clients resume with their cursor). */
  private closeIdle(idleMs: number) {
    const cutoff = Date.now() - idleMs;
    for (const listener of [...this.listeners]) {
      if (listener.lastActive > cutoff) continue;
      this.detach(listener);
      listener.end();
    }
  }

  /** Ends the subscriptions of revoked or expired keys and deactivated staff. */
  private async recheckCredentials() {
    this.credentialsDirty = false;
    const keyIds = new Set<string>();
    const staffIds = new Set<string>();
    for (const { viewer } of this.listeners) {
      if (viewer.kind === 'partner') keyIds.add(viewer.apiKeyId);
      if (viewer.kind === 'staff') staffIds.add(viewer.staffId);
    }
    if (keyIds.size === 0 && staffIds.size === 0) return;
    const now = new Date();
    const [keys, staff] = await Promise.all([
      keyIds.size ? this.db.prisma.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: { id: true, revokedAt: true, expiresAt: true } }) : [],
      staffIds.size ? this.db.prisma.staffUser.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, active: true } }) : [],
    ]);
    const validKeys = new Set(keys.filter((key) => !key.revokedAt && (!key.expiresAt || key.expiresAt > now)).map((key) => key.id));
    const activeStaff = new Set(staff.filter((member) => member.active).map((member) => member.id));
    for (const listener of [...this.listeners]) {
      const { viewer } = listener;
      const invalid =
        (viewer.kind === 'partner' && !validKeys.has(viewer.apiKeyId)) || (viewer.kind === 'staff' && !activeStaff.has(viewer.staffId));
      if (!invalid) continue;
      this.detach(listener);
      listener.end(new UnauthenticatedError(viewer.kind === 'partner' ? `API key ${viewer.prefix} is no longer valid` : 'This staff account is not active'));
    }
  }

  /** Completes every subscription (clients resume with their last cursor elsewhere) and stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    clearInterval(this.idleSweep);
    for (const listener of [...this.listeners]) {
      this.detach(listener);
      listener.end();
    }
    await this.wakeup.close();
  }
}
