// Which datasets a caller may see. The one rule, used by every query path (lists, lookups, node(id:),
// relations) and later by exports and subscriptions. Invisible datasets are absent, never errors. Also the
// data requests a staff member works, as a filter of the same policy.
import type { Prisma } from '../generated/prisma/client.js';
import { AccessLevel } from '../generated/prisma/enums.js';
import { isStewardOf, seesAllDatasets, seesArchivedDatasets, worksDataRequests } from './policy.js';
import type { Viewer } from './viewer.js';

export interface DatasetAccessFacts {
  id: string;
  identifier: string;
  accessLevel: AccessLevel;
  stewardId: string;
  archivedAt: Date | null;
}

/** Partner scope granting read access to one restricted or non-public dataset. */
export const datasetReadScope = (identifier: string) => `datasets:read:${identifier}`;

function grantedIdentifiers(viewer: Viewer): string[] {
  if (viewer.kind !== 'partner') return [];
  const prefix = datasetReadScope('');
  return [...viewer.scopes].filter((scope) => scope.startsWith(prefix)).map((scope) => scope.slice(prefix.length));
}

export function canReadDataset(viewer: Viewer, dataset: DatasetAccessFacts): boolean {
  if (dataset.archivedAt && !seesArchivedDatasets(viewer)) return false;
  if (dataset.accessLevel === AccessLevel.PUBLIC || seesAllDatasets(viewer)) return true;
  if (viewer.kind === 'staff') {
    return dataset.accessLevel === AccessLevel.RESTRICTED_PUBLIC || isStewardOf(viewer, dataset.stewardId);
  }
  return grantedIdentifiers(viewer).includes(dataset.identifier);
}

/** The same rule as a Prisma filter, so lists never fetch what they must not show. */
export function datasetVisibilityWhere(viewer: Viewer): Prisma.DatasetWhereInput {
  const byAccess = accessLevelWhere(viewer);
  if (seesArchivedDatasets(viewer)) return byAccess;
  return { AND: [{ archivedAt: null }, byAccess] };
}

function accessLevelWhere(viewer: Viewer): Prisma.DatasetWhereInput {
  if (seesAllDatasets(viewer)) return {};
  const visible: Prisma.DatasetWhereInput[] = [{ accessLevel: AccessLevel.PUBLIC }];
  if (viewer.kind === 'staff') {
    visible.push({ accessLevel: AccessLevel.RESTRICTED_PUBLIC });
    if (viewer.stewardId) visible.push({ stewardId: viewer.stewardId });
  }
  const granted = grantedIdentifiers(viewer);
  if (granted.length > 0) visible.push({ identifier: { in: granted } });
  return { archivedAt: null, ...(visible.length === 1 ? visible[0]! : { OR: visible }) };
}

const NONE: Prisma.DataRequestWhereInput = { id: { in: [] } };

/** The requests the caller works (queue, contact data, assignee, internal notes): `worksDataRequest` as a filter. */
export function dataRequestWorkWhere(viewer: Viewer): Prisma.DataRequestWhereInput {
  if (worksDataRequests(viewer)) return {};
  return viewer.kind === 'staff' && viewer.stewardId !== null ? { dataset: { stewardId: viewer.stewardId } } : NONE;
}
