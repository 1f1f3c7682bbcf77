// Publishing a dataset: its steward (in their own department) and admins create and edit it; admins archive
// and restore it. Every change is authorized before its input is examined, checks DCAT-US rules, claims the
// expected version atomically, bumps `version` and `modified`, and writes its AuditEvent and a ChangeEvent
// in the same transaction: all land or none does.
import { Prisma, type Dataset, type PrismaClient } from '../generated/prisma/client.js';
import { AccessLevel, ChangeOperation } from '../generated/prisma/enums.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { audited, type Tx } from '../audit/service.js';
import { archivesDatasets, createsDataset, isAdmin, publishesDataset } from '../access/policy.js';
import { canReadDataset } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import {
  accessRightsProblems,
  calendarDayProblems,
  emailProblems,
  identifierProblems,
  periodicityProblems,
  termListProblems,
  textProblems,
  urlProblems,
} from './dcat-rules.js';

export const NOT_SPECIFIED_LICENSE = 'not-specified';

/** What a publishing step changed, for its audit entry and change event. */
export interface Publication {
  action: string;
  entityType: string;
  entityId: string;
  operation: ChangeOperation;
  before?: unknown;
  after?: unknown;
}

/** What may be recorded about a dataset: its own columns, without the generated search terms. */
export function datasetSnapshot(dataset: Dataset) {
  const { keywordTerms: _generated, ...snapshot } = dataset;
  return snapshot;
}

/** The stale-version failure, carrying the version the caller should reload. */
export function versionConflict(currentVersion: number) {
  return new ConflictError(`The dataset changed meanwhile: it is at version ${currentVersion}; reload and retry`, currentVersion);
}

/**
 * The dataset `datasetId` if the viewer may publish it. Datasets the viewer cannot see are not found (their
 * existence is not revealed); visible ones of another steward are forbidden.
 */
export async function datasetToPublish(prisma: PrismaClient, viewer: Viewer, datasetId: string, mayChange = publishesDataset) {
  const dataset = await prisma.dataset.findUnique({ where: { id: datasetId } });
  if (!dataset || !canReadDataset(viewer, dataset)) throw new NotFoundError('Dataset', datasetId);
  if (!mayChange(viewer, dataset)) throw new ForbiddenError();
  return dataset;
}

/** Outbox row for subscribers: what changed, never the values themselves (they may be restricted). */
async function recordChange(tx: Tx, dataset: Dataset, publication: Publication) {
  await tx.changeEvent.create({
    data: {
      topic: 'dataset',
      datasetId: dataset.id,
      entityType: publication.entityType,
      entityId: publication.entityId,
      operation: publication.operation,
      payload: { action: publication.action, identifier: dataset.identifier, version: dataset.version },
    },
  });
}

/**
 * Runs one publishing step on `dataset` as loaded at `expectedVersion`: claims that version (so of
 * concurrent writers exactly one proceeds), applies `datasetChanges` and `step`, and records the change.
 */
export async function publish(
  prisma: PrismaClient,
  viewer: Viewer,
  dataset: Dataset,
  expectedVersion: number,
  datasetChanges: Prisma.DatasetUncheckedUpdateManyInput,
  step: (tx: Tx) => Promise<Publication>,
  now = new Date(),
): Promise<Dataset> {
  if (dataset.version !== expectedVersion) throw versionConflict(dataset.version);
  return audited(prisma, viewer, async (tx) => {
    const { updated, publication } = await publishIn(tx, dataset, expectedVersion, datasetChanges, step, now);
    const { action, entityType, entityId, before, after } = publication;
    return { result: updated, audit: { action, targetType: entityType, targetId: entityId, before, after } };
  });
}

/** The publishing step inside a caller's transaction (which also writes its audit entry). */
export async function publishIn(
  tx: Tx,
  dataset: Dataset,
  expectedVersion: number,
  datasetChanges: Prisma.DatasetUncheckedUpdateManyInput,
  step: (tx: Tx) => Promise<Publication>,
  now = new Date(),
) {
  const { count } = await tx.dataset.updateMany({
    where: { id: dataset.id, version: expectedVersion },
    data: { ...datasetChanges, version: { increment: 1 }, modified: now },
  });
  if (count === 0) {
    const current = await tx.dataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { version: true } });
    throw versionConflict(current.version);
  }
  const publication = await step(tx);
  const updated = await tx.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
  await recordChange(tx, updated, publication);
  return { updated, publication };
}

function throwIfAny(problems: FieldProblem[]) {
  if (problems.length) throw new ValidationError(problems);
}

// ——— dataset metadata ———

/** Metadata fields a steward edits. Absent = unchanged; null clears the optional ones. */
export interface DatasetMetadataInput {
  title?: string | null;
  description?: string | null;
  keywords?: string[] | null;
  themes?: string[] | null;
  /** Day of first publication, YYYY-MM-DD. */
  issued?: string | null;
  accrualPeriodicity?: string | null;
  spatial?: string | null;
  temporal?: string | null;
  landingPage?: string | null;
  describedBy?: string | null;
  conformsTo?: string | null;
  references?: string[] | null;
  geometryPii?: boolean | null;
}

const REQUIRED_METADATA = ['title', 'description', 'keywords', 'themes', 'references', 'geometryPii'] as const;
const URL_METADATA = ['landingPage', 'describedBy', 'conformsTo'] as const;

export function metadataProblems(input: DatasetMetadataInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of REQUIRED_METADATA) if (input[key] === null) problems.push({ path: [key], message: 'cannot be cleared' });
  if (input.title != null) problems.push(...textProblems(input.title, ['title'], 300));
  if (input.description != null) problems.push(...textProblems(input.description, ['description'], 20_000));
  if (input.keywords) problems.push(...termListProblems(input.keywords, ['keywords']));
  if (input.themes) problems.push(...termListProblems(input.themes, ['themes']));
  if (input.issued != null) problems.push(...calendarDayProblems(input.issued, ['issued']));
  if (input.accrualPeriodicity != null) problems.push(...periodicityProblems(input.accrualPeriodicity, ['accrualPeriodicity']));
  if (input.spatial != null) problems.push(...textProblems(input.spatial, ['spatial'], 1000));
  if (input.temporal != null) problems.push(...textProblems(input.temporal, ['temporal'], 100));
  for (const key of URL_METADATA) {
    const value = input[key];
    if (value != null) problems.push(...urlProblems(value, [key]));
  }
  input.references?.forEach((reference, index) => problems.push(...urlProblems(reference, ['references', index])));
  return problems;
}

/** The Prisma data for validated metadata: trimmed terms, `issued` as a date, absent keys left out. */
function metadataData(input: DatasetMetadataInput): Prisma.DatasetUncheckedUpdateManyInput {
  const data: Prisma.DatasetUncheckedUpdateManyInput = {};
  for (const [key, value] of Object.entries(input) as [keyof DatasetMetadataInput, unknown][]) {
    if (value === undefined) continue;
    if (key === 'issued') data.issued = value === null ? null : new Date(`${value as string}T00:00:00Z`);
    else if (key === 'keywords' || key === 'themes') data[key] = (value as string[]).map((term) => term.trim());
    else (data as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
  }
  return data;
}

export async function updateDataset(
  prisma: PrismaClient,
  viewer: Viewer,
  datasetId: string,
  expectedVersion: number,
  input: DatasetMetadataInput,
) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  throwIfAny(metadataProblems(input));
  const changes = metadataData(input);
  return publish(prisma, viewer, dataset, expectedVersion, changes, async () => ({
    action: 'dataset.update',
    entityType: 'Dataset',
    entityId: dataset.id,
    operation: ChangeOperation.UPDATED,
    before: Object.fromEntries(Object.keys(changes).map((key) => [key, dataset[key as keyof Dataset]])),
    after: changes,
  }));
}

export async function setDatasetLicense(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, spdxId: string) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  const license = await prisma.license.findUnique({ where: { spdxId } });
  if (!license) throw new NotFoundError('License', spdxId);
  return publish(prisma, viewer, dataset, expectedVersion, { licenseId: license.id }, async () => ({
    action: 'dataset.setLicense',
    entityType: 'Dataset',
    entityId: dataset.id,
    operation: ChangeOperation.UPDATED,
    before: { licenseId: dataset.licenseId },
    after: { licenseId: license.id, spdxId },
  }));
}

export async function changeAccessLevel(
  prisma: PrismaClient,
  viewer: Viewer,
  datasetId: string,
  expectedVersion: number,
  accessLevel: AccessLevel,
  rights?: string | null,
) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  throwIfAny(accessRightsProblems(accessLevel, rights, ['rights']));
  const changes = { accessLevel, rights: rights?.trim() || null };
  return publish(prisma, viewer, dataset, expectedVersion, changes, async () => ({
    action: 'dataset.changeAccessLevel',
    entityType: 'Dataset',
    entityId: dataset.id,
    operation: ChangeOperation.UPDATED,
    before: { accessLevel: dataset.accessLevel, rights: dataset.rights },
    after: changes,
  }));
}

async function setArchived(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, archive: boolean, now = new Date()) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId, archivesDatasets);
  if (Boolean(dataset.archivedAt) === archive) throw new ConflictError(`The dataset is ${archive ? 'already archived' : 'not archived'}`);
  const archivedAt = archive ? now : null;
  return publish(prisma, viewer, dataset, expectedVersion, { archivedAt }, async () => ({
    action: archive ? 'dataset.archive' : 'dataset.restore',
    entityType: 'Dataset',
    entityId: dataset.id,
    // Subscribers drop an archived dataset as if deleted; the row stays and can be restored.
    operation: archive ? ChangeOperation.DELETED : ChangeOperation.CREATED,
    before: { archivedAt: dataset.archivedAt },
    after: { archivedAt },
  }), now);
}

export const archiveDataset = (prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number) =>
  setArchived(prisma, viewer, datasetId, expectedVersion, true);

export const restoreDataset = (prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number) =>
  setArchived(prisma, viewer, datasetId, expectedVersion, false);

// ——— creation ———

export interface CreateDatasetInput extends DatasetMetadataInput {
  identifier: string;
  title: string;
  description: string;
  /** Department slug; defaults to the steward's department. */
  department?: string | null;
  /** The steward's e-mail; defaults to the caller (admins without a steward account must give it). */
  stewardEmail?: string | null;
  /** License id (SPDX-like); defaults to "not-specified". */
  license?: string | null;
  accessLevel?: AccessLevel | null;
  rights?: string | null;
}

/** The steward and department of a new dataset, once the caller is known to be allowed to create it there. */
async function authorizeCreation(prisma: PrismaClient, viewer: Viewer, input: CreateDatasetInput) {
  if (!isAdmin(viewer)) {
    if (viewer.kind !== 'staff' || !viewer.stewardId) throw new ForbiddenError('Only stewards and admins create datasets');
    // A steward names no one but themselves: decided before the given e-mail is examined.
    if (input.stewardEmail != null && input.stewardEmail.toLowerCase() !== viewer.email.toLowerCase()) {
      throw new ForbiddenError('Stewards create datasets they steward themselves');
    }
  }
  const stewardWhere = input.stewardEmail != null ? stewardByEmail(input.stewardEmail) : ownSteward(viewer);
  const steward = await prisma.steward.findUnique({ where: stewardWhere });
  if (!steward) throw new NotFoundError('Steward', input.stewardEmail ?? 'of the caller');
  const department = input.department
    ? await prisma.department.findUnique({ where: { slug: input.department } })
    : await prisma.department.findUnique({ where: { id: steward.departmentId } });
  if (!department) throw new NotFoundError('Department', input.department ?? steward.departmentId);
  if (!createsDataset(viewer, steward, department.id)) throw new ForbiddenError('Stewards create datasets in their own department');
  return { steward, department };
}

function stewardByEmail(email: string): Prisma.StewardWhereUniqueInput {
  throwIfAny(emailProblems(email, ['stewardEmail']));
  return { email };
}

function ownSteward(viewer: Viewer): Prisma.StewardWhereUniqueInput {
  if (viewer.kind !== 'staff' || !viewer.stewardId) throw new ValidationError([{ path: ['stewardEmail'], message: 'is required for callers who steward no datasets' }]);
  return { id: viewer.stewardId };
}

export async function createDataset(prisma: PrismaClient, viewer: Viewer, input: CreateDatasetInput, now = new Date()) {
  const { steward, department } = await authorizeCreation(prisma, viewer, input);
  const { identifier, department: _slug, stewardEmail: _email, license: spdxId, accessLevel, rights, ...metadata } = input;
  const level = accessLevel ?? AccessLevel.PUBLIC;
  throwIfAny([...identifierProblems(identifier, ['identifier']), ...metadataProblems(metadata), ...accessRightsProblems(level, rights, ['rights'])]);
  const license = await prisma.license.findUnique({ where: { spdxId: spdxId ?? NOT_SPECIFIED_LICENSE } });
  if (!license) throw new NotFoundError('License', spdxId ?? NOT_SPECIFIED_LICENSE);
  const taken = new ConflictError(`A dataset with identifier "${identifier}" exists already`);
  if (await prisma.dataset.findUnique({ where: { identifier }, select: { id: true } })) throw taken;
  return audited(prisma, viewer, async (tx) => {
    const dataset = await tx.dataset.create({
      data: {
        keywords: [],
        themes: [],
        ...(metadataData(metadata) as Prisma.DatasetUncheckedCreateInput),
        identifier,
        title: metadata.title.trim(),
        description: metadata.description.trim(),
        accessLevel: level,
        rights: rights?.trim() || null,
        modified: now,
        publisherId: department.id,
        stewardId: steward.id,
        licenseId: license.id,
      },
    });
    const publication: Publication = {
      action: 'dataset.create',
      entityType: 'Dataset',
      entityId: dataset.id,
      operation: ChangeOperation.CREATED,
      after: datasetSnapshot(dataset),
    };
    await recordChange(tx, dataset, publication);
    return { result: dataset, audit: { action: publication.action, targetType: 'Dataset', targetId: dataset.id, after: publication.after } };
  }).catch((error: unknown) => {
    // The identifier was taken between the check above and the insert.
    throw isUniqueViolation(error) ? taken : error;
  });
}
