// Admins read the audit trail, newest first, filtered by actor, action, target and time.
import { builder, pageComplexity } from '../graphql/builder.js';
import { intIdOrZero } from '../graphql/ids.js';
import { isAdmin } from '../access/policy.js';
import { auditEventsWhere } from './service.js';
import { sharedConnection } from '../graphql/connections.js';

const AuditEvent = builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  authScopes: { admin: true },
  nullable: true,
  // Only admins read the trail: for anyone else node(id:) is null, exactly like an unknown id.
  findUnique: (id, context) => ({ id: isAdmin(context.viewer) ? intIdOrZero(id) : 0 }),
  fields: (t) => ({
    actorType: t.exposeString('actorType'),
    actorId: t.exposeString('actorId', { nullable: true }),
    actorLabel: t.exposeString('actorLabel'),
    action: t.exposeString('action'),
    targetType: t.exposeString('targetType'),
    targetId: t.exposeString('targetId', { nullable: true }),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    actorType: t.string({ description: 'staff | apiKey | anonymous' }),
    actorId: t.string(),
    action: t.string({ description: 'e.g. apiKey.create' }),
    targetType: t.string(),
    targetId: t.string(),
    since: t.field({ type: 'DateTime' }),
    until: t.field({ type: 'DateTime' }),
  }),
});

const AuditEventConnection = sharedConnection(AuditEvent, 'AuditEventConnection');

builder.queryFields((t) => ({
  auditEvents: t.prismaConnection(
    {
      type: 'AuditEvent',
      cursor: 'id',
      complexity: pageComplexity,
      authScopes: { admin: true },
      args: { filter: t.arg({ type: AuditFilter }) },
      totalCount: (_root, args, context) => context.prisma.auditEvent.count({ where: auditEventsWhere(args.filter ?? {}) }),
      resolve: (query, _root, args, context) =>
        context.prisma.auditEvent.findMany({ ...query, where: auditEventsWhere(args.filter ?? {}), orderBy: { id: 'desc' } }),
    },
    AuditEventConnection,
  ),
}));
