// Harvest: bring an upstream DCAT-US catalog into ours. Entries are matched by identifier and created or
// updated only when something differs (a second run writes nothing); entries that were harvested from the
// same source and are gone upstream are archived, never deleted. Every created, updated or archived
// dataset gets its AuditEvent and ChangeEvent in the transaction that changes it, and a new `version`.
import { randomUUID } from 'node:crypto';
import type { Dataset, Distribution, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ChangeOperation } from '../../generated/prisma/enums.js';
import { recordAudits, type AuditActor, type AuditEntry } from '../../audit/service.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { ConflictError } from '../../errors.js';
import { readEntries, type HarvestDistribution, type HarvestEntry, type InvalidEntry } from './entry.js';
import { resolveReferences, type References } from './references.js';
import type { CatalogDocument } from './source.js';

export interface HarvestReport {
  source: string;
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  invalid: InvalidEntry[];
}

export interface HarvestOptions {
  now?: Date;
  /** Called as work lands: `done` of `total` entries (plus datasets to archive). */
  onProgress?: (done: number, total: number) => void;
  /** Changed datasets written per transaction. */
  batchSize?: number;
}

/** The columns a harvest owns; a dataset is unchanged when all of them and its distributions match. */
const HARVESTED_FIELDS = [
  'title', 'description', 'keywords', 'themes', 'issued', 'modified', 'accessLevel', 'rights', 'accrualPeriodicity',
  'spatial', 'temporal', 'landingPage', 'describedBy', 'conformsTo', 'references', 'publisherId', 'stewardId',
  'licenseId', 'archivedAt', 'harvestSource', 'upstreamModified',
] as const satisfies readonly (keyof Dataset)[];

type HarvestedState = Pick<Dataset, (typeof HARVESTED_FIELDS)[number]>;
type StoredDataset = Dataset & { distributions: Distribution[] };

type Change =
  | { kind: 'create'; id: string; entry: HarvestEntry; state: HarvestedState }
  | { kind: 'update'; before: StoredDataset; entry: HarvestEntry; fields: (keyof HarvestedState)[]; state: HarvestedState; distributionsChanged: boolean }
  | { kind: 'archive'; before: StoredDataset };

function harvestedState(entry: HarvestEntry, refs: References, source: string): HarvestedState {
  return {
    title: entry.title,
    description: entry.description,
    keywords: entry.keywords,
    themes: entry.themes,
    issued: entry.issued,
    modified: entry.modified,
    accessLevel: entry.accessLevel,
    rights: entry.rights,
    accrualPeriodicity: entry.accrualPeriodicity,
    spatial: entry.spatial,
    temporal: entry.temporal,
    landingPage: entry.landingPage,
    describedBy: entry.describedBy,
    conformsTo: entry.conformsTo,
    references: entry.references,
    publisherId: refs.departmentId(entry.publisherName),
    stewardId: refs.stewardId(entry.contact.email),
    licenseId: refs.licenseId(entry.licenseUrl),
    archivedAt: null,
    harvestSource: source,
    upstreamModified: entry.upstreamModified,
  };
}

const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : Array.isArray(value) ? JSON.stringify(value) : value);

const distributionShape = (d: HarvestDistribution): HarvestDistribution => ({
  title: d.title, description: d.description, format: d.format, mediaType: d.mediaType, downloadURL: d.downloadURL, accessURL: d.accessURL,
});

function planChanges(entries: HarvestEntry[], stored: StoredDataset[], refs: References, source: string, stillUpstream: Set<string>) {
  const byIdentifier = new Map(stored.map((dataset) => [dataset.identifier, dataset]));
  const changes: Change[] = [];
  let unchanged = 0;
  for (const entry of entries) {
    const state = harvestedState(entry, refs, source);
    const before = byIdentifier.get(entry.identifier);
    if (!before) {
      changes.push({ kind: 'create', id: randomUUID(), entry, state });
      continue;
    }
    const fields = HARVESTED_FIELDS.filter((field) => comparable(before[field]) !== comparable(state[field]));
    const distributionsChanged =
      JSON.stringify(before.distributions.map(distributionShape)) !== JSON.stringify(entry.distributions.map(distributionShape));
    if (fields.length === 0 && !distributionsChanged) unchanged++;
    else changes.push({ kind: 'update', before, entry, fields, state, distributionsChanged });
  }
  for (const before of stored) {
    if (before.harvestSource === source && !before.archivedAt && !stillUpstream.has(before.identifier)) {
      changes.push({ kind: 'archive', before });
    }
  }
  return { changes, unchanged };
}

const distributionRows = (datasetId: string, distributions: HarvestDistribution[]): Prisma.DistributionCreateManyInput[] =>
  distributions.map((distribution, position) => ({ datasetId, ...distributionShape(distribution), position }));

const pick = <T extends object, K extends keyof T>(object: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;

/** Writes one batch of changes with their audit and change events, in one transaction. */
async function applyChanges(prisma: PrismaClient, actor: AuditActor, changes: Change[], now: Date) {
  await prisma.$transaction(
    async (tx) => {
      const audits: AuditEntry[] = [];
      const events: Prisma.ChangeEventCreateManyInput[] = [];
      const event = (datasetId: string, operation: ChangeOperation, payload: Prisma.InputJsonObject) =>
        events.push({ topic: 'dataset', datasetId, entityType: 'Dataset', entityId: datasetId, operation, payload });

      const created = changes.flatMap((change) => (change.kind === 'create' ? [change] : []));
      if (created.length) {
        await tx.dataset.createMany({
          data: created.map(({ id, entry, state }) => ({ id, identifier: entry.identifier, ...state, harvestedAt: now })),
        });
      }
      const newDistributions = created.flatMap(({ id, entry }) => distributionRows(id, entry.distributions));
      for (const { id, entry, state } of created) {
        audits.push({ action: 'dataset.harvest.create', targetType: 'Dataset', targetId: id, after: { identifier: entry.identifier, ...state } });
        event(id, ChangeOperation.CREATED, { identifier: entry.identifier, version: 1, harvestSource: state.harvestSource });
      }

      const redistributed: string[] = [];
      for (const change of changes) {
        if (change.kind === 'create') continue;
        const { before } = change;
        const fields = change.kind === 'update' ? change.fields : (['archivedAt'] as const);
        const data = change.kind === 'update' ? { ...pick(change.state, change.fields), harvestedAt: now } : { archivedAt: now };
        const { version } = await tx.dataset.update({
          where: { id: before.id },
          data: { ...data, version: { increment: 1 } },
          select: { version: true },
        });
        if (change.kind === 'update' && change.distributionsChanged) {
          redistributed.push(before.id);
          newDistributions.push(...distributionRows(before.id, change.entry.distributions));
        }
        const changed = [...fields, ...(change.kind === 'update' && change.distributionsChanged ? ['distributions'] : [])];
        audits.push({
          action: change.kind === 'update' ? 'dataset.harvest.update' : 'dataset.harvest.archive',
          targetType: 'Dataset',
          targetId: before.id,
          before: { ...pick(before, fields), ...(changed.includes('distributions') ? { distributions: before.distributions.map(distributionShape) } : {}) },
          after: { ...data, ...(changed.includes('distributions') && change.kind === 'update' ? { distributions: change.entry.distributions } : {}) },
        });
        event(before.id, ChangeOperation.UPDATED, { identifier: before.identifier, version, changed });
      }
      if (redistributed.length) await tx.distribution.deleteMany({ where: { datasetId: { in: redistributed } } });
      if (newDistributions.length) await tx.distribution.createMany({ data: newDistributions });
      await recordAudits(tx, actor, audits);
      await tx.changeEvent.createMany({ data: events });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Sources this process is harvesting now: a second harvest of one of them is refused, not interleaved. */
const harvestsRunning = new Set<string>();

export async function importCatalog(prisma: PrismaClient, actor: AuditActor, document: CatalogDocument, options: HarvestOptions = {}) {
  const { source } = document;
  if (harvestsRunning.has(source)) throw new ConflictError(`A harvest of ${source} is already running`);
  harvestsRunning.add(source);
  try {
    return await importEntries(prisma, actor, document, options);
  } catch (error) {
    // Another instance harvested the same entries (or departments, stewards) at the same moment.
    if (isUniqueViolation(error)) throw new ConflictError('Another harvest wrote the same datasets at the same time; run it again');
    throw error;
  } finally {
    harvestsRunning.delete(source);
  }
}

async function importEntries(
  prisma: PrismaClient,
  actor: AuditActor,
  document: CatalogDocument,
  { now = new Date(), onProgress = () => {}, batchSize = 500 }: HarvestOptions,
): Promise<HarvestReport> {
  const { source } = document;
  const { entries, invalid } = readEntries(document.datasets);
  const refs = await resolveReferences(prisma, actor, entries);
  const stored = await prisma.dataset.findMany({
    where: { OR: [{ identifier: { in: entries.map((entry) => entry.identifier) } }, { harvestSource: source }] },
    include: { distributions: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  // An entry that is still upstream but invalid this time is skipped, not archived.
  const stillUpstream = new Set([...entries.map((entry) => entry.identifier), ...invalid.flatMap((entry) => entry.identifier ?? [])]);
  const { changes, unchanged } = planChanges(entries, stored, refs, source, stillUpstream);

  const total = entries.length + changes.filter((change) => change.kind === 'archive').length;
  let done = unchanged;
  onProgress(done, total);
  for (let start = 0; start < changes.length; start += batchSize) {
    const batch = changes.slice(start, start + batchSize);
    await applyChanges(prisma, actor, batch, now);
    onProgress((done += batch.length), total);
  }
  const count = (kind: Change['kind']) => changes.filter((change) => change.kind === kind).length;
  const report = { source, created: count('create'), updated: count('update'), unchanged, archived: count('archive'), invalid };
  // The run itself is audited as well, so a harvest that changed nothing still records who ran it and what it found.
  const summary = { ...report, invalid: invalid.length };
  await prisma.$transaction((tx) => recordAudits(tx, actor, [{ action: 'dataset.harvest', targetType: 'Catalog', targetId: source, after: summary }]));
  return report;
}
