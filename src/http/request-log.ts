// Request ids and the log lines written on a request's behalf. The id is the caller's X-Request-Id when it
// is sane (so a proxy's id carries through), otherwise a new UUID; it is returned as X-Request-Id and kept on
// yoga's server context (and so on every GraphQL context), from where each request's lines take it: a
// client's mistake (one short line), an unexpected error (in full, once), a rate limit, a failed export.
// Only at debug level, where yoga itself writes lines about every request without saying which, is the id
// also held in an AsyncLocalStorage: its promise hooks cost every promise of every request (~10 % of a
// one-row lookup), too much to pay when those lines are not written.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { toClientError } from '../graphql/errors.js';
import { requestScope, type Logger } from '../infra/logger.js';

/** What the HTTP layer knows of a request beyond the fetch Request: yoga's server context. */
export interface ServerContext {
  req?: IncomingMessage;
  requestId?: string;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(headers: Headers): string {
  const incoming = headers.get('x-request-id');
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The logger for lines about this request. */
export function requestLogger(logger: Logger, { requestId }: ServerContext): Logger {
  return requestId ? logger.child({ requestId }) : logger;
}

// Unexpected errors are logged where the request is known; error masking logs only those nobody did.
const loggedUnexpected = new WeakSet<object>();

export function logUnexpected(logger: Logger, error: unknown, requestId?: string): void {
  if (typeof error === 'object' && error !== null) {
    if (loggedUnexpected.has(error)) return;
    loggedUnexpected.add(error);
  }
  logger.error({ err: error, ...(requestId ? { requestId } : {}) }, 'Unexpected error');
}

function errorCodes(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
  if (!results.some((one) => one?.errors?.length)) return []; // the common case: nothing to collect
  return results.flatMap((one) => one?.errors ?? []).map((error) => String(error.extensions?.code ?? 'BAD_REQUEST'));
}

export function useRequestLog(logger: Logger): Plugin<{}, ServerContext>[] {
  const tracing = logger.isLevelEnabled('debug');
  const requestIds: Plugin<{}, ServerContext> = {
    ...(tracing && {
      instrumentation: {
        request: ({ request }, handle) => requestScope.run({ requestId: requestIdOf(request.headers) }, handle),
      },
    }),
    onRequest({ request, serverContext }) {
      serverContext.requestId = requestScope.getStore()?.requestId ?? requestIdOf(request.headers);
    },
    onResultProcess({ result, serverContext }) {
      // Unexpected errors were logged in full before they were masked; the rest are the client's mistakes.
      const codes = errorCodes(result).filter((code) => code !== 'INTERNAL_SERVER_ERROR');
      if (codes.length) logger.info({ codes, requestId: (serverContext as ServerContext).requestId }, 'client error');
    },
    onResponse({ request, response, serverContext }) {
      // Some answers (GraphiQL's page) are given before any onRequest hook runs.
      serverContext.requestId ??= requestIdOf(request.headers);
      response.headers.set('x-request-id', serverContext.requestId);
    },
  };
  // Field errors (of queries, mutations and each subscription event), seen before masking replaces them. Only
  // executions are watched (parse and validation errors are the client's): no hook per request for the others.
  const logFieldErrors = ({ args, result }: { args: { contextValue?: unknown }; result: ExecutionResult & { incremental?: readonly { errors?: readonly GraphQLError[] }[] } }) => {
    const errors = [...(result.errors ?? []), ...(result.incremental ?? []).flatMap((part) => part.errors ?? [])];
    if (!errors.length) return;
    const requestId = (args.contextValue as ServerContext | undefined)?.requestId;
    for (const error of errors) toClientError(error, (original) => logUnexpected(logger, original, requestId));
  };
  const unexpectedFieldErrors: Plugin<{}, ServerContext> = {
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, logFieldErrors) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, logFieldErrors) }),
  };
  return [requestIds, unexpectedFieldErrors];
}

/**
 * Yoga's own logger. Yoga logs every error it masks at error level, stack included: a client's mistake is
 * already logged once as one line (above) and an unexpected error in full (logUnexpected), so those copies go
 * to debug.
 */
export function yogaLogging(logger: Logger) {
  return {
    // Yoga calls debug on every request: format its arguments only when debug lines are written.
    debug: (...args: unknown[]) => logger.isLevelEnabled('debug') && logger.debug(args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => logger.debug({ masked: args.map(String) }, 'masked error'),
  };
}
