// The GraphQL gateway as a fetch-style handler (yoga). main.ts binds it to a port; tests call yoga.fetch.
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Context } from '../graphql/context.js';
import { toClientError } from '../graphql/errors.js';
import { schema } from '../graphql/schema.js';
import { anonymous } from '../access/viewer.js';
import { exampleQuery } from './example-query.js';

export interface GatewayOptions {
  db: Database;
  config: Config;
  logger?: Pick<Console, 'info' | 'warn' | 'error' | 'debug'>;
}

export function createGateway({ db, config, logger = console }: GatewayOptions) {
  const plugins: Plugin[] = [];
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    logging: logger,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql ? { defaultQuery: exampleQuery, title: 'City Open Data Gateway' } : false,
    maskedErrors: {
      maskError: (error) => toClientError(error, (unexpected) => logger.error('Unexpected error', unexpected)),
    },
    plugins,
    context: async ({ request }): Promise<Context> => ({
      db,
      prisma: db.prisma,
      config,
      viewer: anonymous,
      clientIp: request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown',
      trackedSubmissions: new Set(),
    }),
  });
  return yoga;
}

export type Gateway = ReturnType<typeof createGateway>;
