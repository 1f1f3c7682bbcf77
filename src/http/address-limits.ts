// Charges every request to its client address before yoga parses it (see access/caller-limits.ts), and
// answers 429 with Retry-After and the usual RATE_LIMITED error when a budget is spent.
import type { Plugin } from 'graphql-yoga';
import { RateLimitedError } from '../errors.js';
import type { CallerLimits } from '../access/caller-limits.js';
import type { Logger } from '../infra/logger.js';
import { clientIp } from './client-ip.js';
import { logUnexpected, type ServerContext } from './request-log.js';

function rateLimitedResponse(error: RateLimitedError, fetchAPI: { Response: typeof Response }): Response {
  const body = { errors: [{ message: error.message, extensions: { code: error.code, ...error.details() } }] };
  return new fetchAPI.Response(JSON.stringify(body), {
    status: error.httpStatus,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(error.retryAfterSeconds) },
  });
}

export function useAddressLimits(limits: CallerLimits, trustProxy: boolean, logger: Logger): Plugin<{}, ServerContext> {
  /** The 429 to answer instead, if this request is over budget. */
  async function admit(request: Request, { req, requestId }: ServerContext, fetchAPI: { Response: typeof Response }) {
    try {
      await limits.admit(request.headers, clientIp(request, req, trustProxy));
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) {
        logUnexpected(logger, error, requestId);
        throw error;
      }
      logger.info({ code: error.code, retryAfterSeconds: error.retryAfterSeconds, requestId }, 'rate limited');
      return rateLimitedResponse(error, fetchAPI);
    }
  }

  return {
    async onRequest({ request, serverContext, fetchAPI, endResponse }) {
      const rejection = await admit(request, serverContext, fetchAPI);
      if (rejection) endResponse(rejection);
    },
    // Yoga answers GraphiQL page loads before this plugin's onRequest runs; they are charged here instead
    // (rendering the page touches no database).
    onResponse({ request, serverContext, response, fetchAPI, setResponse }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return; // no promise for the rest
      return admit(request, serverContext, fetchAPI).then((rejection) => rejection && setResponse(rejection));
    },
  };
}
