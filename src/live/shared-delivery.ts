// Fan-out without repeating work per subscriber. A change event reaches thousands of subscriptions; most of
// them ask the same selection as the same kind of caller. So:
//
// 1. Each subscription event is executed once per (event, document, operation, variables, principal) and the
//    result shared by every subscription with that key. The principal is everything a resolver may consult
//    for authorization: anonymous, or the API key with its scopes, or the staff member with roles and
//    steward. Whether a subscriber receives the event at all is still decided per subscriber, per event
//    (stream.ts); only the rendering of an event it was allowed to receive is shared.
// 2. Over SSE, the bytes of a shared result are encoded once, written as one chunk per event, and every
//    stream is kept alive by one shared ping timer instead of a timer per stream.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../access/viewer.js';

type MaybePromise<T> = T | Promise<T>;

/** Results per event object (the hub hands the same event object to every subscription). */
const sharedResults = new WeakMap<object, Map<string, MaybePromise<ExecutionResult>>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function principalKey(viewer: Viewer | undefined): string | undefined {
  if (!viewer) return undefined;
  switch (viewer.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'partner':
      return `key:${viewer.apiKeyId}:${[...viewer.scopes].sort().join(',')}`;
    case 'staff':
      return `staff:${viewer.staffId}:${[...viewer.roles].sort().join(',')}:${viewer.stewardId ?? ''}`;
    default:
      return undefined;
  }
}

/** The key under which subscriptions may share an event's result, or undefined (not shared). */
function sharingKey(args: ExecutionArgs): string | undefined {
  const principal = principalKey((args.contextValue as { viewer?: Viewer } | undefined)?.viewer);
  if (principal === undefined) return undefined;
  let documentId = documentIds.get(args.document);
  if (documentId === undefined) documentIds.set(args.document, (documentId = nextDocumentId++));
  return `${documentId}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${principal}`;
}

/** graphql's subscribe, with each event's execution shared between subscriptions of the same key. */
async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const key = sharingKey(args);
  // Never the request's abort signal: a shared execution must not fail because its first subscriber left.
  const perEvent = (payload: unknown) => execute({ ...args, rootValue: payload });
  const run = (payload: unknown): MaybePromise<ExecutionResult> => {
    if (key === undefined || typeof payload !== 'object' || payload === null) return perEvent(payload);
    let results = sharedResults.get(payload);
    if (!results) sharedResults.set(payload, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = perEvent(payload)));
    return result;
  };
  const iterator = (source as AsyncGenerator<unknown>)[Symbol.asyncIterator]();
  const mapped: AsyncGenerator<ExecutionResult> = {
    async next() {
      const item = await iterator.next();
      return item.done ? { done: true, value: undefined } : { done: false, value: await run(item.value) };
    },
    async return() {
      await iterator.return?.(undefined);
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await iterator.return?.(undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<ExecutionResult>;
  return mapped;
}

// ---------------------------------------------------------------- SSE

const encoder = new TextEncoder();
const PING = encoder.encode(':\n\n');
const COMPLETE = encoder.encode('event: complete\ndata:\n\n');
const encodedResults = new WeakMap<object, Uint8Array>();

/** An error as yoga serialises it: without the internal `http` and `unexpected` extensions. */
function publicError(error: GraphQLError) {
  const json = typeof error.toJSON === 'function' ? error.toJSON() : { message: (error as Error).message };
  const { http: _http, unexpected: _unexpected, ...extensions } = (json.extensions ?? {}) as Record<string, unknown>;
  return { ...json, extensions: Object.keys(extensions).length ? extensions : undefined };
}

function encodeResult(result: ExecutionResult): Uint8Array {
  let bytes = encodedResults.get(result);
  if (!bytes) {
    let body: ExecutionResult | Record<string, unknown> = result;
    if (result.errors?.length || result.extensions?.http) {
      const { http: _http, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
      body = { ...result, errors: result.errors?.map(publicError), extensions: Object.keys(extensions).length ? extensions : undefined };
    }
    bytes = encoder.encode(`event: next\ndata: ${JSON.stringify(body)}\n\n`);
    encodedResults.set(result, bytes);
  }
  return bytes;
}

/** Every open SSE stream, pinged together. */
const openStreams = new Set<ReadableStreamDefaultController<Uint8Array>>();
let pingTimer: NodeJS.Timeout | undefined;

function keepAlive(controller: ReadableStreamDefaultController<Uint8Array>) {
  openStreams.add(controller);
  if (pingTimer) return;
  // Yoga's interval (shortened under test so its ping tests stay quick).
  pingTimer = setInterval(() => {
    for (const stream of openStreams) {
      if (stream.desiredSize === null) openStreams.delete(stream);
      else if (stream.desiredSize > 0) stream.enqueue(PING);
    }
    if (openStreams.size === 0) {
      clearInterval(pingTimer);
      pingTimer = undefined;
    }
  }, process.env.NODE_ENV === 'test' ? 300 : 12_000);
  pingTimer.unref();
}

function processSharedSse(result: AsyncIterable<ExecutionResult>, fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response }) {
  const iterator = result[Symbol.asyncIterator]();
  let streamController: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      streamController = controller;
      // A first ping flushes the headers (some browsers wait for a body byte).
      controller.enqueue(PING);
      keepAlive(controller);
    },
    async pull(controller) {
      try {
        const item = await iterator.next();
        if (item.value != null) controller.enqueue(encodeResult(item.value));
        if (item.done) {
          openStreams.delete(controller);
          controller.enqueue(COMPLETE);
          controller.close();
        }
      } catch (error) {
        openStreams.delete(controller);
        controller.error(error);
      }
    },
    async cancel(reason) {
      if (streamController) openStreams.delete(streamController);
      await iterator.return?.(reason);
    },
  });
  return new fetchAPI.Response(stream, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', 'Cache-Control': 'no-cache', 'Content-Encoding': 'none' },
  });
}

export function useSharedDelivery(): Plugin {
  const subscriptionRequests = new WeakSet<object>();
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const request = (args.contextValue as { request?: object }).request;
      if (request) subscriptionRequests.add(request);
      setSubscribeFn(sharedSubscribe as never);
    },
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      // Yoga picked its SSE processor for this subscription's stream (the only one it offers for a stream
      // of a subscription): use the shared-bytes one instead.
      if (resultProcessor && subscriptionRequests.has(request) && typeof result === 'object' && result !== null && Symbol.asyncIterator in result) {
        setResultProcessor(processSharedSse as never, 'text/event-stream');
      }
    },
  };
}
