// A dataset's distributions (downloads and APIs), edited by whoever publishes the dataset. Each change is
// a publishing step on the dataset: it claims the dataset's expected version and bumps it.
import type { Distribution, PrismaClient } from '../generated/prisma/client.js';
import { ChangeOperation } from '../generated/prisma/enums.js';
import type { Viewer } from '../access/viewer.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { textProblems, urlProblems } from './dcat-rules.js';
import { datasetToPublish, publish } from './publishing.js';

export interface DistributionInput {
  title?: string | null;
  description?: string | null;
  /** CSV, GeoJSON, API … */
  format?: string | null;
  mediaType?: string | null;
  downloadURL?: string | null;
  accessURL?: string | null;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** DCAT-US: a download has a downloadURL and its mediaType; an API an accessURL. Checks the merged result. */
export function distributionProblems(distribution: DistributionInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (distribution.format == null) problems.push({ path: ['format'], message: 'is required' });
  else problems.push(...textProblems(distribution.format, ['format'], 50));
  if (distribution.title != null) problems.push(...textProblems(distribution.title, ['title'], 300));
  if (distribution.description != null) problems.push(...textProblems(distribution.description, ['description'], 5000));
  if (distribution.downloadURL != null) problems.push(...urlProblems(distribution.downloadURL, ['downloadURL']));
  if (distribution.accessURL != null) problems.push(...urlProblems(distribution.accessURL, ['accessURL']));
  if (distribution.downloadURL == null && distribution.accessURL == null) {
    problems.push({ path: ['downloadURL'], message: 'give a downloadURL (a file) or an accessURL (an API)' });
  }
  if (distribution.mediaType != null && !MEDIA_TYPE.test(distribution.mediaType)) {
    problems.push({ path: ['mediaType'], message: 'must be a media type such as text/csv' });
  } else if (distribution.downloadURL != null && distribution.mediaType == null) {
    problems.push({ path: ['mediaType'], message: 'is required with a downloadURL' });
  }
  return problems;
}

function checked(distribution: DistributionInput) {
  const problems = distributionProblems(distribution);
  if (problems.length) throw new ValidationError(problems);
  const trim = (value: string | null | undefined) => (value == null ? null : value.trim());
  return {
    title: trim(distribution.title),
    description: trim(distribution.description),
    format: distribution.format!.trim(),
    mediaType: trim(distribution.mediaType),
    downloadURL: trim(distribution.downloadURL),
    accessURL: trim(distribution.accessURL),
  };
}

const snapshot = ({ createdAt: _createdAt, ...distribution }: Distribution) => distribution;

export async function addDistribution(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, input: DistributionInput) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  const data = checked(input);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    const last = await tx.distribution.aggregate({ where: { datasetId }, _max: { position: true } });
    const distribution = await tx.distribution.create({ data: { ...data, datasetId, position: (last._max.position ?? -1) + 1 } });
    return { action: 'distribution.add', entityType: 'Distribution', entityId: distribution.id, operation: ChangeOperation.CREATED, after: snapshot(distribution) };
  });
}

/** The distribution and its dataset, once the viewer is known to publish that dataset. */
async function distributionToPublish(prisma: PrismaClient, viewer: Viewer, distributionId: string) {
  const found = await prisma.distribution.findUnique({ where: { id: distributionId }, select: { datasetId: true } });
  if (!found) throw new NotFoundError('Distribution', distributionId);
  const dataset = await datasetToPublish(prisma, viewer, found.datasetId);
  const distribution = await prisma.distribution.findUnique({ where: { id: distributionId } });
  if (!distribution) throw new NotFoundError('Distribution', distributionId);
  return { dataset, distribution };
}

export async function updateDistribution(prisma: PrismaClient, viewer: Viewer, distributionId: string, expectedVersion: number, input: DistributionInput) {
  const { dataset, distribution } = await distributionToPublish(prisma, viewer, distributionId);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const data = checked({ ...distribution, ...given });
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    const updated = await tx.distribution.update({ where: { id: distributionId }, data });
    return { action: 'distribution.update', entityType: 'Distribution', entityId: distributionId, operation: ChangeOperation.UPDATED, before: snapshot(distribution), after: snapshot(updated) };
  });
}

export async function removeDistribution(prisma: PrismaClient, viewer: Viewer, distributionId: string, expectedVersion: number) {
  const { dataset, distribution } = await distributionToPublish(prisma, viewer, distributionId);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    await tx.distribution.delete({ where: { id: distributionId } });
    return { action: 'distribution.remove', entityType: 'Distribution', entityId: distributionId, operation: ChangeOperation.DELETED, before: snapshot(distribution) };
  });
}

/** `order` lists every distribution of the dataset once, in the new order. */
export async function reorderDistributions(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, order: string[]) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  const current = await prisma.distribution.findMany({ where: { datasetId }, orderBy: { position: 'asc' }, select: { id: true } });
  const ids = new Set(current.map((distribution) => distribution.id));
  const problems: FieldProblem[] = order.flatMap((id, index) =>
    !ids.has(id) ? [{ path: [index], message: 'is not a distribution of this dataset' }] : order.indexOf(id) !== index ? [{ path: [index], message: 'is listed twice' }] : [],
  );
  if (!problems.length && order.length !== ids.size) problems.push({ path: [], message: `must list all ${ids.size} distributions of the dataset` });
  if (problems.length) throw new ValidationError(problems);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    // The version claim has locked the dataset, so no distribution was added or removed since the check.
    for (const [position, id] of order.entries()) await tx.distribution.update({ where: { id }, data: { position } });
    return {
      action: 'distribution.reorder',
      entityType: 'Dataset',
      entityId: datasetId,
      operation: ChangeOperation.UPDATED,
      before: { distributions: current.map((distribution) => distribution.id) },
      after: { distributions: order },
    };
  });
}
