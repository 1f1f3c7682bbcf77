// Who may receive which event: the per-event rules of each subscription, as plain functions over the
// event (with its access facts) and the subscriber. Checked for every event, replayed or live.
import { canReadDataset } from '../access/visibility.js';
import { worksComplaint, worksDataRequest } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';
import type { LiveEvent } from './events.js';

/** An archival is announced to whoever could read the dataset just before it. */
const archival = (event: LiveEvent) => event.operation === 'DELETED' && event.entityType === 'Dataset';

export function mayReadEventDataset(viewer: Viewer, event: LiveEvent): boolean {
  if (!event.dataset) return false;
  return canReadDataset(viewer, archival(event) ? { ...event.dataset, archivedAt: null } : event.dataset);
}

export interface DatasetChangeFilter {
  ids?: readonly string[] | null;
  department?: string | null;
  theme?: string | null;
}

export function matchesDatasetFilter(event: LiveEvent, filter: DatasetChangeFilter | null | undefined): boolean {
  if (!filter || !event.dataset) return true;
  if (filter.ids?.length && !filter.ids.includes(event.dataset.id)) return false;
  if (filter.department && event.dataset.departmentSlug !== filter.department) return false;
  const theme = filter.theme?.toLowerCase();
  if (theme && !event.dataset.themes.some((candidate) => candidate.toLowerCase() === theme)) return false;
  return true;
}

export type SubmissionQueueName = 'DATA_REQUESTS' | 'COMPLAINTS';

export const queueTopic: Record<SubmissionQueueName, string> = { DATA_REQUESTS: 'dataRequest', COMPLAINTS: 'complaint' };

/** Staff queue events: only submissions the staff member works. */
export function worksEventSubmission(viewer: Viewer, event: LiveEvent): boolean {
  const dataset = event.dataset ? { stewardId: event.dataset.stewardId } : null;
  if (event.topic === 'dataRequest') return worksDataRequest(viewer, { dataset });
  if (event.topic === 'complaint') return worksComplaint(viewer, { routedTo: event.complaintRoutedTo ?? [], dataset });
  return false;
}

/** Whose subscription budget a subscription counts against. */
export function subscriberKey(viewer: Viewer, addressBucket: string): string {
  if (viewer.kind === 'partner') return `key:${viewer.apiKeyId}`;
  if (viewer.kind === 'staff') return `staff:${viewer.staffId}`;
  return `address:${addressBucket}`;
}
