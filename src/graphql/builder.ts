// The one Pothos SchemaBuilder: plugins, scalars, auth scopes and the Context type.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver, LocalDateResolver, EmailAddressResolver, JSONObjectResolver, JSONResolver, URLResolver } from 'graphql-scalars';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { Context } from './context.js';
import { buildAuthScopes, type AuthScopes } from './auth-scopes.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../errors.js';
import PageSizePlugin, { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    /** A calendar day, "YYYY-MM-DD" (no time, no zone). */
    Date: { Input: string; Output: string };
    EmailAddress: { Input: string; Output: string };
    URL: { Input: URL; Output: URL | string };
    JSON: { Input: unknown; Output: unknown };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
    /** A file of a multipart upload (GraphQL multipart request spec), handed over by yoga. */
    File: { Input: File; Output: never };
    /** A value compared with a record field (src/records/filter/types.ts). */
    FieldValue: { Input: string | number | boolean; Output: string | number | boolean };
  };
}>({
  defaultFieldNullability: false,
  // PageSizePlugin after ScopeAuthPlugin: authorization is checked before the page size.
  plugins: [ScopeAuthPlugin, PageSizePlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  scopeAuth: {
    authScopes: buildAuthScopes,
    // Subscriptions are authorized when opened; each event is then checked by src/live/subscriptions.ts.
    authorizeOnSubscribe: true,
    // Anonymous callers are told to authenticate; signed-in callers that lack a scope are forbidden.
    unauthorizedError: (_parent, context, _info, result) =>
      context.viewer.kind === 'anonymous'
        ? new UnauthenticatedError(`Sign in to do this (${result.message})`)
        : new ForbiddenError(),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'development' ? 'warn' : null,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A connection's cost is its page size (see pageComplexity); edges must not multiply it again.
    edgesFieldOptions: { complexity: { field: 0, multiplier: 1 } },
    // nodes(ids:) costs its selection once per id, and is capped before anything is looked up.
    nodesQueryOptions: {
      complexity: (args) => ({ field: 1, multiplier: args.ids.length }),
      resolve: (_root, args, _context, _info, resolveNodes) => resolveNodes(cappedNodeIds(args.ids)),
    },
  },
  errors: {
    defaultTypes: [],
    // createApiKey → CreateApiKeyResult = CreateApiKeyPayload | <the errors it lists>.
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
    // A generated payload is reachable only through its mutation, whose own scopes guard it.
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Payload`, authScopes: { public: true } },
    // Validation-plugin failures become ValidationError union members too.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (failure) =>
      new ValidationError(
        failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((segment) =>
            typeof segment === 'object' ? String(segment.key) : (segment as string | number),
          ) as (string | number)[],
          message: issue.message,
        })),
      ),
  },
  // The plugin measures (its field options); useComplexityLimit (complexity-limit.ts) checks the measure
  // once per operation instead of in each root field.
  complexity: {
    disabled: true,
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});

export const MAX_NODE_IDS = 100;

function cappedNodeIds<T>(ids: T[]): T[] {
  if (ids.length > MAX_NODE_IDS) {
    throw new ValidationError([{ path: ['ids'], message: `At most ${MAX_NODE_IDS} ids per request (got ${ids.length})` }]);
  }
  return ids;
}

export { pageComplexity } from './page-size.js';

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', LocalDateResolver);
builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);
builder.scalarType('File', {
  description: 'A file sent as a multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
  parseValue: (value) => {
    // yoga hands over its fetch implementation's File (a ponyfill on Node), not necessarily the global one.
    const file = value as Partial<File> | null;
    if (!file || typeof file.name !== 'string' || typeof file.stream !== 'function') {
      throw new ValidationError([{ path: [], message: 'must be a file of a multipart request' }]);
    }
    return file as File;
  },
});

builder.queryType({});
builder.mutationType({});
