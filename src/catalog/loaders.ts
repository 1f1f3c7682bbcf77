// Per-parent catalog values that are not plain relations (counts, the latest change), loaded through
// request-scoped DataLoaders: a page of 50 datasets costs one grouped query per value, as a page of 5 does.
// Loaders are created on first use for a request's context and die with it, so no cache outlives a request
// (or crosses callers with different visibility).
import DataLoader from 'dataloader';
import type { Prisma } from '../generated/prisma/client.js';
import { ComplaintStatus } from '../generated/prisma/enums.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import type { Context } from '../graphql/context.js';
import { requestLocal } from '../infra/request-local.js';

/** Complaints still being worked: neither resolved nor dismissed (the complaint lifecycle builds on this list). */
export const OPEN_COMPLAINT_STATUSES: ComplaintStatus[] = [ComplaintStatus.RECEIVED, ComplaintStatus.TRIAGED, ComplaintStatus.IN_PROGRESS];

type DatasetOwner = 'licenseId' | 'stewardId' | 'publisherId';

function createLoaders(context: Context) {
  const { prisma, viewer } = context;

  /** Datasets the caller may see, counted per owner (license, steward or department) in one query. */
  const visibleDatasetCount = (owner: DatasetOwner) =>
    new DataLoader<string, number>(async (ids) => {
      const where: Prisma.DatasetWhereInput = { AND: [datasetVisibilityWhere(viewer), { [owner]: { in: [...ids] } }] };
      const groups = await prisma.dataset.groupBy({ by: [owner], where, _count: { _all: true } });
      const counts = new Map(groups.map((group) => [group[owner], group._count._all]));
      return ids.map((id) => counts.get(id) ?? 0);
    });

  return {
    openComplaintCount: new DataLoader<string, number>(async (datasetIds) => {
      const groups = await prisma.complaint.groupBy({
        by: ['datasetId'],
        where: { datasetId: { in: [...datasetIds] }, status: { in: OPEN_COMPLAINT_STATUSES } },
        _count: { _all: true },
      });
      const counts = new Map(groups.map((group) => [group.datasetId, group._count._all]));
      return datasetIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Datasets an open complaint flagged "under review" (exposed personal data). */
    underReview: new DataLoader<string, boolean>(async (datasetIds) => {
      const flagged = await prisma.complaint.findMany({
        where: { datasetId: { in: [...datasetIds] }, flagsDatasetForReview: true, status: { in: OPEN_COMPLAINT_STATUSES } },
        distinct: ['datasetId'],
        select: { datasetId: true },
      });
      const ids = new Set(flagged.map((complaint) => complaint.datasetId));
      return datasetIds.map((id) => ids.has(id));
    }),
    lastChangeAt: new DataLoader<string, Date | null>(async (datasetIds) => {
      const groups = await prisma.changeEvent.groupBy({ by: ['datasetId'], where: { datasetId: { in: [...datasetIds] } }, _max: { createdAt: true } });
      const latest = new Map(groups.map((group) => [group.datasetId, group._max.createdAt]));
      return datasetIds.map((id) => latest.get(id) ?? null);
    }),
    licenseDatasetCount: visibleDatasetCount('licenseId'),
    stewardDatasetCount: visibleDatasetCount('stewardId'),
    departmentDatasetCount: visibleDatasetCount('publisherId'),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;

/** This request's catalog loaders, created on first use. */
export const catalogLoaders = requestLocal(createLoaders);
