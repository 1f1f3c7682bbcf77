// Dataset.complaints for a page of datasets: one query per request (DataLoader), not one per dataset.
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context.js';
import { requestLocal } from '../infra/request-local.js';
import { OPEN_COMPLAINT_STATUSES } from './lifecycle.js';
import { complaintOrder } from './queue.js';
import { visibleComplaintWhere } from './service.js';

type DatasetComplaint = Awaited<ReturnType<typeof load>>[number];

function load(context: Context, datasetIds: readonly string[], includeClosed: boolean) {
  return context.prisma.complaint.findMany({
    where: {
      AND: [
        { datasetId: { in: [...datasetIds] } },
        includeClosed ? {} : { status: { in: OPEN_COMPLAINT_STATUSES } },
        // A steward sees the complaints routed to them, not (say) a misuse complaint about their dataset.
        visibleComplaintWhere(context.viewer, context.trackedSubmissions),
      ],
    },
    include: { dataset: { select: { stewardId: true } } },
    orderBy: complaintOrder('PRIORITY'),
  });
}

const loaders = requestLocal(() => new Map<boolean, DataLoader<string, DatasetComplaint[]>>());

export function datasetComplaints(context: Context, includeClosed: boolean) {
  const byFlag = loaders(context);
  let loader = byFlag.get(includeClosed);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await load(context, ids, includeClosed);
      return ids.map((id) => rows.filter((row) => row.datasetId === id));
    });
    byFlag.set(includeClosed, loader);
  }
  return loader;
}
