// Routing as data: the ComplaintRoute table says which teams a category goes to, its priority, and whether
// it flags the dataset "under review". Admins change it; new complaints follow the table as it is then.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ComplaintCategory, Priority, RoutingTeam } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';
import { audited } from '../audit/service.js';
import { routesComplaints } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import type { SlaHours } from '../config-rules.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';

export interface Routing {
  routedTo: RoutingTeam[];
  priority: Priority;
  flagsDatasetForReview: boolean;
}

/** Where a new complaint goes. Without a dataset there is no steward: the steward's share goes to IT. */
export async function routeComplaint(tx: Tx, category: ComplaintCategory, hasDataset: boolean): Promise<Routing> {
  const route = await tx.complaintRoute.findUniqueOrThrow({ where: { category } });
  const teams = hasDataset ? route.teams : route.teams.map((team): RoutingTeam => (team === 'STEWARD' ? 'IT' : team));
  return { routedTo: [...new Set(teams)], priority: route.priority, flagsDatasetForReview: route.flagsDatasetForReview && hasDataset };
}

/** When the service level of `priority` runs out for a complaint received at `receivedAt`. */
export function slaDueAt(receivedAt: Date, priority: Priority, hours: SlaHours): Date {
  return new Date(receivedAt.getTime() + hours[priority] * 3600_000);
}

export interface RouteChange extends Routing {
  category: ComplaintCategory;
  expectedVersion: number;
}

export async function setComplaintRoute(prisma: PrismaClient, viewer: Viewer, change: RouteChange) {
  if (!routesComplaints(viewer)) throw new ForbiddenError('Only admins change the complaint routing');
  if (change.routedTo.length === 0) throw new ValidationError([{ path: ['routedTo'], message: 'must name at least one team' }]);
  return audited(prisma, viewer, async (tx) => {
    const before = await tx.complaintRoute.findUniqueOrThrow({ where: { category: change.category } });
    const { count } = await tx.complaintRoute.updateMany({
      where: { category: change.category, version: change.expectedVersion },
      data: { teams: [...new Set(change.routedTo)], priority: change.priority, flagsDatasetForReview: change.flagsDatasetForReview, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(`The route changed since you read it (version ${change.expectedVersion}; it is now at ${before.version}): reload it and try again`);
    const after = await tx.complaintRoute.findUniqueOrThrow({ where: { category: change.category } });
    return { result: after, audit: { action: 'complaintRoute.set', targetType: 'ComplaintRoute', targetId: change.category, before, after } };
  });
}
