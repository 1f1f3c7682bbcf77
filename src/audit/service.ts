// The audit trail: every mutation runs through `audited`, which performs the change and writes its
// AuditEvent (actor, action, target, before/after) in one transaction — both land or neither does.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { actorLabel, type Viewer } from '../access/viewer.js';

export type Tx = Prisma.TransactionClient;

/** Who an audit entry names: a caller, or the system itself (e.g. the harvest command line). */
export type AuditActor = Viewer | { kind: 'system'; label: string };

export interface AuditEntry {
  /** dotted verb, e.g. "apiKey.create" */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Snapshots; never include secrets or hashes. */
  before?: unknown;
  after?: unknown;
}

export function actor(viewer: AuditActor) {
  switch (viewer.kind) {
    case 'system':
      return { actorType: 'system', actorId: null, actorLabel: viewer.label };
    case 'staff':
      return { actorType: 'staff', actorId: viewer.staffId, actorLabel: actorLabel(viewer) };
    case 'partner':
      return { actorType: 'apiKey', actorId: viewer.apiKeyId, actorLabel: actorLabel(viewer) };
    default:
      return { actorType: 'anonymous', actorId: null, actorLabel: actorLabel(viewer) };
  }
}

const json = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/** The AuditEvent columns of an entry (also written by raw-SQL bulk writers, which cannot use Prisma). */
export const auditRow = (viewer: AuditActor, entry: AuditEntry) => ({
  ...actor(viewer),
  action: entry.action,
  targetType: entry.targetType,
  targetId: entry.targetId ?? null,
  before: json(entry.before),
  after: json(entry.after),
});

export async function recordAudit(tx: Tx, viewer: AuditActor, entry: AuditEntry) {
  await tx.auditEvent.create({ data: auditRow(viewer, entry) });
}

/** Many entries in one statement, for bulk changes (each changed entity still gets its own event). */
export async function recordAudits(tx: Tx, viewer: AuditActor, entries: AuditEntry[]) {
  if (entries.length > 0) await tx.auditEvent.createMany({ data: entries.map((entry) => auditRow(viewer, entry)) });
}

/** Runs `change` in a transaction and records the audit entry it returns alongside its result. */
export async function audited<T>(
  prisma: PrismaClient,
  viewer: AuditActor,
  change: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const { result, audit } = await change(tx);
    await recordAudit(tx, viewer, audit);
    return result;
  });
}

export interface AuditFilter {
  actorType?: string | null;
  actorId?: string | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export function auditEventsWhere(filter: AuditFilter = {}): Prisma.AuditEventWhereInput {
  return {
    actorType: filter.actorType ?? undefined,
    actorId: filter.actorId ?? undefined,
    action: filter.action ?? undefined,
    targetType: filter.targetType ?? undefined,
    targetId: filter.targetId ?? undefined,
    createdAt: filter.since || filter.until ? { gte: filter.since ?? undefined, lt: filter.until ?? undefined } : undefined,
  };
}
