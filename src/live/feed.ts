// Atom feeds of catalog changes for people who follow without code (feed readers, e-mail-from-feed
// services): the whole catalog, one department, or one dataset. Public datasets only; an archival is an
// entry of its own, so a retired dataset is announced rather than silently gone.
import type { PrismaClient } from '../generated/prisma/client.js';
import { AccessLevel } from '../generated/prisma/enums.js';

const ENTRIES = 50;

export interface FeedScope {
  department?: string;
  dataset?: string;
}

const verbs: Record<string, string> = {
  'dataset.create': 'published',
  'dataset.archive': 'archived (retired)',
  'dataset.harvest.archive': 'archived (retired: gone from its source catalog)',
  'dataset.restore': 'restored',
  'dataset.harvest.update': 'updated from its source catalog',
  'dataset.changeAccessLevel': 'access level changed',
  'dataset.setLicense': 'license changed',
};

export function describeChange(action: string | undefined, entityType: string): string {
  if (action && verbs[action]) return verbs[action]!;
  if (entityType === 'Distribution') return 'downloads changed';
  if (entityType === 'DatasetField') return 'fields changed';
  return 'metadata updated';
}

/** The feed document, or null when the department or dataset is unknown or not public. */
export async function catalogChangesFeed(prisma: PrismaClient, baseUrl: string, scope: FeedScope): Promise<string | null> {
  const datasets = await prisma.dataset.findMany({
    where: {
      accessLevel: AccessLevel.PUBLIC,
      ...(scope.department ? { publisher: { slug: scope.department } } : {}),
      ...(scope.dataset ? { identifier: scope.dataset } : {}),
    },
    select: { id: true, identifier: true, title: true, landingPage: true, archivedAt: true, publisher: { select: { name: true } } },
  });
  if ((scope.department || scope.dataset) && datasets.length === 0) return null;
  const byId = new Map(datasets.map((dataset) => [dataset.id, dataset]));
  const events = await prisma.changeEvent.findMany({
    where: { topic: 'dataset', datasetId: { in: [...byId.keys()] } },
    orderBy: { sequence: 'desc' },
    take: ENTRIES,
  });
  const path = scope.dataset ? `/datasets/${scope.dataset}/changes.atom` : `/feeds/catalog.atom${scope.department ? `?department=${encodeURIComponent(scope.department)}` : ''}`;
  const title = scope.dataset
    ? `Changes to ${datasets[0]!.title}`
    : scope.department
      ? `Catalog changes: ${datasets[0]!.publisher.name}`
      : 'City open data: catalog changes';
  const { Feed } = await import('feed'); // loaded by the first feed, not by every server start
  const feed = new Feed({
    id: `${baseUrl}${path}`,
    link: `${baseUrl}/data.json`,
    title,
    updated: events[0]?.createdAt ?? new Date(0),
    copyright: 'Open data of the city',
    generator: 'city-open-data-gateway',
    feedLinks: { atom: `${baseUrl}${path}` },
  });
  for (const event of events) {
    const dataset = byId.get(event.datasetId!)!;
    const payload = event.payload as { action?: string; version?: number };
    const change = describeChange(payload.action, event.entityType);
    feed.addItem({
      id: `${baseUrl}/changes/${event.sequence}`,
      title: `${dataset.title}: ${change}`,
      link: dataset.landingPage ?? `${baseUrl}/datasets/${dataset.identifier}/changes.atom`,
      date: event.createdAt,
      description: `${dataset.title} (${dataset.identifier}, ${dataset.publisher.name}): ${change}${payload.version ? `, now version ${payload.version}` : ''}.`,
      category: [{ term: dataset.identifier }],
    });
  }
  return feed.atom1();
}
