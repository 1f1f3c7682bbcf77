// One subscription's event stream: resume (replay from the outbox, then live), per-event filtering and
// authorization, a bounded queue, and the idle close. Transports (SSE, graphql-ws) iterate it.
import { CursorExpiredError, ValidationError } from '../errors.js';
import type { Viewer } from '../access/viewer.js';
import { decodeCursor, type LiveEvent } from './events.js';
import { enrichEvents, type LiveHub, type LiveListener } from './hub.js';
import { latestSequence, readRange } from './outbox.js';

/** A subscriber further behind than this is cut off (it resumes with its cursor). */
const MAX_QUEUED = 1_000;
const REPLAY_BATCH = 500;

export interface StreamSpec {
  viewer: Viewer;
  key: string;
  topics: readonly string[];
  /** Filter and per-event authorization: true when this subscriber may receive the event. */
  accepts(event: LiveEvent): boolean;
  since?: string | null;
}

/** The last item of a stream ended by an error: the subscription's resolver raises it as a GraphQL error. */
export interface StreamFailure {
  failure: Error;
}

export type StreamItem = LiveEvent | StreamFailure;

export function raiseFailure<T extends StreamItem>(item: T): Exclude<T, StreamFailure> {
  if ('failure' in item) throw item.failure;
  return item as Exclude<T, StreamFailure>;
}

class EventQueue implements AsyncIterableIterator<StreamItem> {
  private readonly queue: StreamItem[] = [];
  private waiter: ((result: IteratorResult<StreamItem>) => void) | undefined;
  private roomWaiter: (() => void) | undefined;
  done = false;

  constructor(private readonly onClose: () => void) {}

  private hand(item: StreamItem) {
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve({ value: item, done: false });
    } else {
      this.queue.push(item);
    }
  }

  push(event: LiveEvent) {
    if (this.done) return;
    if (!this.waiter && this.queue.length >= MAX_QUEUED) {
      this.finish(new ValidationError([{ path: [], message: 'This subscriber fell too far behind: resume with the last cursor received' }]));
    } else {
      this.hand(event);
    }
  }

  /** Ends the stream; with an error, the error is its last item. */
  finish(error?: Error) {
    if (this.done) return;
    if (error) this.hand({ failure: error });
    this.done = true;
    this.roomWaiter?.();
    this.onClose();
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  /** Resolves once the consumer has taken the queue below `size` (or the stream ended). */
  room(size: number): Promise<void> {
    if (this.queue.length < size || this.done) return Promise.resolve();
    return new Promise((resolve) => (this.roomWaiter = resolve));
  }

  next(): Promise<IteratorResult<StreamItem>> {
    if (this.roomWaiter && this.queue.length < MAX_QUEUED / 2) {
      this.roomWaiter();
      this.roomWaiter = undefined;
    }
    const item = this.queue.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<StreamItem>> {
    this.queue.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<StreamItem>> {
    return this.return();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** Checks a resume cursor against the retention window (and against the outbox's end). */
async function resumePoint(hub: LiveHub, since: string): Promise<bigint> {
  const cursor = decodeCursor(since);
  if (cursor.createdAt.getTime() < Date.now() - hub.settings.retentionSeconds * 1000) {
    throw new CursorExpiredError(hub.settings.retentionSeconds);
  }
  if (cursor.sequence > (await latestSequence(hub.db))) {
    throw new ValidationError([{ path: ['since'], message: 'This cursor is ahead of the change history (not from this gateway?)' }]);
  }
  return cursor.sequence;
}

/**
 * Opens a stream: everything after `since` (or from now), in sequence order, once each. The listener is
 * attached before the replay is read, and buffers what arrives live meanwhile; the replay covers exactly
 * the events handed out before the attachment, so the seam has neither a gap nor a duplicate.
 */
export async function openEventStream(hub: LiveHub, spec: StreamSpec): Promise<AsyncIterableIterator<StreamItem>> {
  const from = spec.since ? await resumePoint(hub, spec.since) : undefined;
  const topics = new Set(spec.topics);
  let last = from ?? 0n;
  let replaying = from !== undefined;
  const buffered: LiveEvent[] = [];

  const listener: LiveListener = {
    viewer: spec.viewer,
    key: spec.key,
    deliver(events) {
      for (const event of events) {
        if (!topics.has(event.topic) || !spec.accepts(event)) continue;
        if (replaying) buffered.push(event);
        else send(event);
      }
    },
    end: (error) => queue.finish(error),
    // The hub completes a subscription idle for longer than the idle timeout.
    lastActive: Date.now(),
  };
  const queue = new EventQueue(() => hub.detach(listener));
  function send(event: LiveEvent) {
    if (event.sequence <= last) return;
    last = event.sequence;
    listener.lastActive = Date.now();
    queue.push(event);
  }

  const upTo = await hub.attach(listener);
  listener.lastActive = Date.now();
  if (from !== undefined) {
    // Replayed in the background, a batch at a time as the consumer keeps up.
    void (async () => {
      for (let after = from; after < upTo && !queue.done; ) {
        await queue.room(MAX_QUEUED / 2);
        const rows = await readRange(hub.db, after, upTo, REPLAY_BATCH);
        if (rows.length === 0) break;
        for (const event of await enrichEvents(hub.db, rows)) {
          if (topics.has(event.topic) && spec.accepts(event)) send(event);
        }
        after = rows[rows.length - 1]!.sequence;
      }
      replaying = false;
      for (const event of buffered.splice(0)) send(event);
    })().catch((error: Error) => queue.finish(error));
  }
  return queue;
}
