// GraphQL surface of identity and administration: `me`, staff accounts, partner API keys.
import { builder, pageComplexity } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { sharedConnection } from '../graphql/connections.js';
import { underArgument } from '../graphql/validation.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { StaffRole } from '../generated/prisma/enums.js';
import { createApiKey, revokeApiKey, setStaffRoles } from './service.js';
import type { Viewer } from '../access/viewer.js';
import { visibleApiKeyWhere, visibleStaffUserWhere } from './visibility.js';
import { z } from 'zod';

export const StaffRoleEnum = builder.enumType(StaffRole, { name: 'StaffRole' });

const ApiKeyStatus = builder.enumType('ApiKeyStatus', { values: ['ACTIVE', 'EXPIRED', 'REVOKED', 'SUSPENDED'] as const });

export const StaffUser = builder.prismaNode('StaffUser', {
  id: { field: 'id' },
  description: 'A staff account. Listed for admins; staff see their own, and the assignees of submissions they work.',
  // node(id:) finds admins any account and staff their own; others are null, exactly like unknown ids.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), AND: [visibleStaffUserWhere(context.viewer)] }),
  // Reached only through admin lists, `me`, node(id:) above, or a submission's assignee (which checks its own rule).
  authScopes: { staff: true },
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    roles: t.field({ type: [StaffRoleEnum], resolve: (staff) => staff.roles }),
    active: t.exposeBoolean('active'),
    department: t.relation('department', { nullable: true }),
  }),
});

export const ApiKey = builder.prismaNode('ApiKey', {
  id: { field: 'id' },
  // node(id:) finds admins any key and partners their own; others are null, exactly like unknown ids.
  nullable: true,
  findUnique: (id, context) => ({ id: uuidOrNil(id), AND: [visibleApiKeyWhere(context.viewer)] }),
  description: 'A partner API key. The secret is shown once, by createApiKey; only its hash is stored.',
  authScopes: (key) => ({ admin: true, apiKeySelf: key.id }),
  runScopesOnType: true,
  fields: (t) => ({
    prefix: t.exposeString('prefix', { description: 'Non-secret identifier shown in listings and logs.' }),
    name: t.exposeString('name'),
    organization: t.exposeString('organization'),
    ownerEmail: t.exposeString('ownerEmail', { nullable: true }),
    scopes: t.exposeStringList('scopes'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    status: t.field({
      type: ApiKeyStatus,
      resolve: (key) => (key.revokedAt ? 'REVOKED' : key.suspendedAt ? 'SUSPENDED' : key.expiresAt && key.expiresAt <= new Date() ? 'EXPIRED' : 'ACTIVE'),
    }),
  }),
});

const ViewerKind = builder.enumType('ViewerKind', { values: ['ANONYMOUS', 'STAFF', 'PARTNER'] as const });

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who the gateway thinks you are.',
  authScopes: { public: true },
  fields: (t) => ({
    kind: t.field({ type: ViewerKind, resolve: (viewer) => viewer.kind.toUpperCase() as 'ANONYMOUS' | 'STAFF' | 'PARTNER' }),
    roles: t.field({ type: [StaffRoleEnum], resolve: (viewer) => (viewer.kind === 'staff' ? [...viewer.roles] : []) }),
    staff: t.prismaField({
      type: 'StaffUser',
      nullable: true,
      resolve: (query, viewer, _args, context) =>
        viewer.kind === 'staff' ? context.prisma.staffUser.findUnique({ ...query, where: { id: viewer.staffId } }) : null,
    }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      nullable: true,
      resolve: (query, viewer, _args, context) =>
        viewer.kind === 'partner' ? context.prisma.apiKey.findUnique({ ...query, where: { id: viewer.apiKeyId } }) : null,
    }),
  }),
});

const CreateApiKeyPayload = builder
  .objectRef<{ apiKey: Awaited<ReturnType<typeof createApiKey>>['apiKey']; secret: string }>('CreateApiKeyPayload')
  .implement({
    authScopes: { admin: true },
    fields: (t) => ({
      apiKey: t.field({ type: ApiKey, resolve: (payload) => payload.apiKey }),
      secret: t.exposeString('secret', { description: 'Send as X-API-Key. Shown only now: store it safely.' }),
    }),
  });

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    // Checked by createApiKey after authorization (a validate: here would run before authScopes).
    name: t.string({ required: true }),
    organization: t.string({ required: true }),
    ownerEmail: t.field({ type: 'EmailAddress' }),
    scopes: t.stringList({
      required: true,
      description: '"datasets:read:<identifier>", "subscribe", "rate:high".',
    }),
    expiresAt: t.field({ type: 'DateTime' }),
  }),
});

const ApiKeyConnection = sharedConnection(ApiKey, 'ApiKeyConnection');

builder.queryFields((t) => ({
  me: t.field({ type: ViewerRef, authScopes: { public: true }, resolve: (_root, _args, context) => context.viewer }),
  staffUsers: t.prismaField({
    type: ['StaffUser'],
    authScopes: { admin: true },
    resolve: (query, _root, _args, context) => context.prisma.staffUser.findMany({ ...query, orderBy: { email: 'asc' } }),
  }),
  apiKeys: t.prismaConnection(
    {
      type: 'ApiKey',
      cursor: 'id',
      complexity: pageComplexity,
      authScopes: { admin: true },
      totalCount: (_root, _args, context) => context.prisma.apiKey.count(),
      resolve: (query, _root, _args, context) =>
        context.prisma.apiKey.findMany({ ...query, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
    },
    ApiKeyConnection,
  ),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description: 'Admins: issue a partner API key. The secret is returned once.',
    authScopes: { admin: true },
    extensions: { audit: 'apiKey.create' },
    // The payload itself is the success member: CreateApiKeyResult = CreateApiKeyPayload | ValidationError.
    errors: { types: [ValidationError], directResult: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, context) => underArgument('input', () => createApiKey(context.prisma, context.viewer, input)),
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    authScopes: { admin: true },
    extensions: { audit: 'apiKey.revoke' },
    errors: { types: [NotFoundError, ConflictError], dataField: { name: 'apiKey' } },
    args: { id: t.arg.globalID({ for: ApiKey, required: true }) },
    resolve: (_root, { id }, context) => revokeApiKey(context.prisma, context.viewer, uuidOrNil(id.id)),
  }),
  setStaffRoles: t.field({
    type: StaffUser,
    description: 'Admins: change a staff member’s roles or deactivate them. Takes effect on their next request.',
    authScopes: { admin: true },
    extensions: { audit: 'staff.setRoles' },
    errors: { types: [NotFoundError, ConflictError], dataField: { name: 'staff' } },
    args: {
      staffId: t.arg.globalID({ for: StaffUser, required: true }),
      roles: t.arg({ type: [StaffRoleEnum], required: true }),
      active: t.arg.boolean(),
    },
    resolve: (_root, args, context) => setStaffRoles(context.prisma, context.viewer, uuidOrNil(args.staffId.id), args.roles, args.active),
  }),
}));
