// Request ids and the one log line of a client's mistake. The id is the caller's X-Request-Id when it is
// sane (so a proxy's id carries through), otherwise a new UUID; it is returned as X-Request-Id and added to
// every log line written while the request is handled.
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestScope, type Logger } from '../infra/logger.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(headers: Headers): string {
  const incoming = headers.get('x-request-id');
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function errorCodes(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
  if (!results.some((one) => one?.errors?.length)) return []; // the common case: nothing to collect
  return results.flatMap((one) => one?.errors ?? []).map((error) => String(error.extensions?.code ?? 'BAD_REQUEST'));
}

export function useRequestLog(logger: Logger): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) => requestScope.run({ requestId: requestIdOf(request.headers) }, handle),
    },
    onResultProcess({ result }) {
      // Unexpected errors were logged in full where they were masked; the rest are the client's mistakes.
      const codes = errorCodes(result).filter((code) => code !== 'INTERNAL_SERVER_ERROR');
      if (codes.length) logger.info({ codes }, 'client error');
    },
    onResponse({ response }) {
      const scope = requestScope.getStore();
      if (scope) response.headers.set('x-request-id', scope.requestId);
    },
  };
}

/**
 * Yoga's own logger. Yoga logs every error it masks at error level, stack included: a client's mistake is
 * already logged once as one line (above) and an unexpected error in full where it is masked, so those
 * copies go to debug.
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
