// The GraphQL gateway as a fetch-style handler (yoga). main.ts binds it to a port; tests call yoga.fetch.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { AppError, RateLimitedError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { useQueryExecution } from '../graphql/execution.js';
import { useArgumentGuard } from '../graphql/argument-guard.js';
import { useComplexityLimit } from '../graphql/complexity-limit.js';
import { toClientError } from '../graphql/errors.js';
import { useHiddenSuggestions } from '../graphql/hide-suggestions.js';
import { useRequestCacheRelease } from '../graphql/request-cache-release.js';
import { schema } from '../schema/index.js';
import { addressBucket } from '../access/address-bucket.js';
import { CallerLimits } from '../access/caller-limits.js';
import { identifyViewer } from '../access/identify.js';
import { RateLimiter } from '../access/rate-limit.js';
import { createTokenVerifier } from '../access/tokens.js';
import { createLogger, type Logger } from '../infra/logger.js';
import { createReader } from '../read/reader.js';
import { useAddressLimits } from './address-limits.js';
import { useBodyLimit } from './body-limit.js';
import { useDataJson } from './data-json.js';
import { useChangeFeeds } from './feeds.js';
import { useFollowLinks } from './follow-links.js';
import { useRecordExports } from './record-exports.js';
import { useDataRequestExports } from './data-request-exports.js';
import { clientIp } from './client-ip.js';
import { useCors } from './cors.js';
import { renderGraphiQLPage, useGraphiQLAssets, useSecurityHeaders } from './graphiql.js';
import { exampleQuery } from './example-query.js';
import { logUnexpected, useRequestLog, yogaLogging, type ServerContext } from './request-log.js';
import { LiveHub } from '../live/hub.js';
import { createWakeupChannel } from '../live/wakeup.js';
import { useLiveHub } from '../live/plugins.js';
import { useSharedDelivery } from '../live/shared-delivery.js';

export interface GatewayOptions {
  db: Database;
  config: Config;
  /** Shared store for rate limits; in-memory when absent. */
  redis?: Redis;
  logger?: Logger;
  /** The live-updates dispatcher; one is made (and closed with the gateway) when absent. */
  live?: LiveHub;
}

export function createLiveHub(db: Database, config: Config, logger: Logger): LiveHub {
  return new LiveHub(db, config.live, createWakeupChannel(config.redisUrl, logger), logger);
}

/** Request-level failures (identity, rate limit) carry their HTTP status and headers. */
function requestError(error: AppError, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details(), http: { status: error.httpStatus, headers } },
  });
}

export function createGateway({ db, config, redis, logger = createLogger(config.logLevel), live }: GatewayOptions) {
  const hub = live ?? createLiveHub(db, config, logger);
  const verifyToken = createTokenVerifier(config.jwt);
  const rateLimiter = new RateLimiter(config.rateLimits, redis);
  const callerLimits = new CallerLimits(rateLimiter);
  const reader = createReader(config.database.readPath, db);
  const { limits } = config;
  const plugins: Plugin[] = [
    ...(useRequestLog(logger) as Plugin[]),
    useCors(config.corsOrigins),
    useSecurityHeaders(),
    useAddressLimits(callerLimits, config.trustProxy, logger) as Plugin,
    useBodyLimit(limits.maxBodyBytes, limits.importMaxBytes),
    useDataJson(db.prisma, config.publicBaseUrl),
    useChangeFeeds(db.prisma, config.publicBaseUrl),
    useFollowLinks(db.prisma),
    useRecordExports({ db, callerLimits, verifyToken, trustProxy: config.trustProxy, logger }) as Plugin,
    useDataRequestExports({ db, callerLimits, verifyToken, trustProxy: config.trustProxy, logger }) as Plugin,
    useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'graphql-preflight'] }),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, flattenFragments: true },
      maxAliases: { n: limits.maxAliases },
      maxTokens: { n: limits.maxTokens },
      maxDirectives: { n: limits.maxDirectives },
      costLimit: { maxCost: limits.maxCost },
      blockFieldSuggestion: { enabled: false }, // useHiddenSuggestions keeps suggestions out (outside development)
    }) as Plugin,
    useArgumentGuard(),
    useComplexityLimit({ complexity: limits.maxComplexity, depth: limits.maxDepth, breadth: limits.maxBreadth }),
    // Before useHiddenSuggestions, which wraps whichever executor is chosen by then.
    useQueryExecution(),
    useRequestCacheRelease(),
    useLiveHub(hub),
    useSharedDelivery(),
    ...(config.env === 'development' ? [] : [useHiddenSuggestions()]),
  ];
  if (config.graphiql) plugins.push(useGraphiQLAssets());
  if (!config.introspection) plugins.push(useDisableIntrospection());
  return createYoga<ServerContext, Context>({
    schema,
    logging: yogaLogging(logger),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // GraphiQL subscribes with a GET (text/event-stream), which CSRF prevention refuses without this header.
    graphiql: config.graphiql
      ? { defaultQuery: exampleQuery, title: 'City Open Data Gateway', headers: '{}', additionalHeaders: { 'x-graphql-csrf': '1' } }
      : false,
    // GraphiQL's assets are served by the gateway itself: it works on a city intranet without a CDN.
    renderGraphiQL: renderGraphiQLPage,
    cors: false, // see useCors
    // useBodyLimit bounds every body (by Content-Length, or by reading a chunked one up to the limit) before
    // yoga parses it, with the larger upload limit for imports. Yoga's own 25 MB limit would refuse imports
    // between 25 MB and IMPORT_MAX_BYTES and costs every request a stream pipeline (and its DOMException).
    maxRequestBodySize: false,
    maskedErrors: {
      maskError: (error) => toClientError(error, (unexpected) => logUnexpected(logger, unexpected)),
    },
    plugins,
    context: async ({ request, req, requestId }): Promise<Context> => {
      const ip = clientIp(request, req, config.trustProxy);
      try {
        const viewer = await callerLimits.identify(ip, () => identifyViewer(db.prisma, verifyToken, request.headers));
        const chargeSubmission = () => rateLimiter.charge('submission', addressBucket(ip));
        return { db, prisma: db.prisma, reader, config, viewer, clientIp: ip, trackedSubmissions: new Set(), chargeSubmission, idempotencyKey: request.headers.get('idempotency-key') };
      } catch (error) {
        if (!(error instanceof AppError)) {
          logUnexpected(logger, error, requestId);
          throw error;
        }
        const headers: Record<string, string> = {};
        if (error instanceof RateLimitedError) headers['Retry-After'] = String(error.retryAfterSeconds);
        throw requestError(error, headers);
      }
    },
  });
}

export type Gateway = ReturnType<typeof createGateway>;
