// Shared pieces of the request and complaint seeds: actors, timelines and routing.
import type { ComplaintCategory, Priority, RoutingTeam, TimelineEventKind } from '../../src/generated/prisma/client.js';
import { hashSecret } from '../../src/access/secrets.js';
import { ANCHOR, addHours, daysAgo, stableId, trackingToken } from './random.js';

export const CLERK = 'clerk@toaks.example';
export const COMPLIANCE = 'compliance@toaks.example';
export const ADMIN = 'admin@toaks.example';

/** Who acted: the submitter (requester or reporter), a staff email, or the system. */
export type ActorKey = 'submitter' | 'system' | string;

const STAFF_LABELS: { [email: string]: string } = {
  [CLERK]: 'Records Clerk',
  [COMPLIANCE]: 'Compliance Officer',
  [ADMIN]: 'IT Administrator',
};

export function staffId(email: string): string {
  return stableId('staff', email);
}

export function actorOf(key: ActorKey, submitterLabel: string): { actorId: string | null; actorLabel: string } {
  if (key === 'submitter') return { actorId: null, actorLabel: submitterLabel };
  if (key === 'system') return { actorId: null, actorLabel: 'System' };
  return { actorId: staffId(key), actorLabel: STAFF_LABELS[key] ?? 'Steward' };
}

/** One timeline entry, `at` hours after the submission. */
export interface EventSeed<Status extends string> {
  at: number;
  kind: TimelineEventKind;
  by: ActorKey;
  to?: Status;
  message?: string;
  internal?: boolean;
}

export interface TimelineRow<Status extends string> {
  id: string;
  kind: TimelineEventKind;
  fromStatus: Status | null;
  toStatus: Status | null;
  message: string | null;
  internal: boolean;
  actorId: string | null;
  actorLabel: string;
  createdAt: Date;
}

/**
 * Expands event seeds into rows: status changes get their `fromStatus` from the previous status, and the trail
 * must end in `finalStatus` (so a seeded record never contradicts its own timeline).
 */
export function buildTimeline<Status extends string>(
  reference: string,
  submittedAt: Date,
  initial: Status,
  finalStatus: Status,
  submitterLabel: string,
  events: EventSeed<Status>[],
): TimelineRow<Status>[] {
  let current = initial;
  let previousAt = -1;
  const rows = events.map((event, index) => {
    if (event.at < previousAt) throw new Error(`seed: ${reference} event ${index + 1} is out of order`);
    previousAt = event.at;
    const createdAt = addHours(submittedAt, event.at);
    if (createdAt > ANCHOR) throw new Error(`seed: ${reference} event ${index + 1} is after the seed anchor`);
    const fromStatus = event.kind === 'STATUS_CHANGE' ? current : null;
    if (event.kind === 'STATUS_CHANGE') {
      if (!event.to) throw new Error(`seed: ${reference} event ${index + 1} changes status without a target`);
      current = event.to;
    }
    return {
      id: stableId('event', `${reference}#${index + 1}`),
      kind: event.kind,
      fromStatus,
      toStatus: event.kind === 'STATUS_CHANGE' ? (event.to ?? null) : null,
      message: event.message ?? null,
      internal: event.internal ?? false,
      ...actorOf(event.by, submitterLabel),
      createdAt,
    };
  });
  if (current !== finalStatus) throw new Error(`seed: ${reference} timeline ends in ${current}, not ${finalStatus}`);
  return rows;
}

/** When the (last) change to `status` happened, if it did. */
export function reachedAt<Status extends string>(rows: TimelineRow<Status>[], status: Status): Date | null {
  const row = rows.filter((r) => r.kind === 'STATUS_CHANGE' && r.toStatus === status).at(-1);
  return row ? row.createdAt : null;
}

export function lastEventAt<Status extends string>(rows: TimelineRow<Status>[], fallback: Date): Date {
  return rows.at(-1)?.createdAt ?? fallback;
}

/** The submission instant, `daysBefore` days before the anchor. */
export function submittedAt(daysBefore: number): Date {
  return daysAgo(daysBefore);
}

export interface Tracking {
  kind: 'dataRequest' | 'complaint';
  reference: string;
  token: string;
}

/** The deterministic token of a submission and the hash that is stored in its place. */
export function tracking(kind: Tracking['kind'], reference: string): { demo: Tracking; hash: string } {
  const token = trackingToken(reference);
  return { demo: { kind, reference, token }, hash: hashSecret(token) };
}

/** Default routing of complaints (domain rules). */
export function routeFor(category: ComplaintCategory): RoutingTeam[] {
  switch (category) {
    case 'DATA_MISUSE':
      return ['CODE_COMPLIANCE'];
    case 'DATASET_ERROR':
      return ['STEWARD'];
    case 'ACCESS_PROBLEM':
      return ['IT'];
    case 'EXPOSED_PERSONAL_DATA':
      return ['IT', 'STEWARD'];
    case 'LICENSE_QUESTION':
      return ['STEWARD'];
  }
}

/** Exposed personal data is always urgent; otherwise the triaged priority. */
export function priorityFor(category: ComplaintCategory, triaged: Priority): Priority {
  return category === 'EXPOSED_PERSONAL_DATA' ? 'URGENT' : triaged;
}
