// What harvested entries point at: publisher → department (created when missing, slug from the name),
// contactPoint → steward (matched by e-mail, else created), license URL → License (unknown → "not specified").
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { recordAudits, type AuditActor, type AuditEntry } from '../../audit/service.js';
import type { HarvestEntry } from './entry.js';

export interface References {
  departmentId(publisherName: string): string;
  stewardId(email: string): string;
  licenseId(url: string | null): string;
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'department';
}

/** Licenses are matched by URL whatever the scheme, "www.", trailing slash or /legalcode suffix. */
export function licenseUrlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/(legalcode)?\/?$/, '');
}

const NOT_SPECIFIED = {
  spdxId: 'not-specified',
  name: 'License not specified',
  reuseTerms: 'License not specified — contact the steward before redistributing.',
  specified: false,
};

function uniqueSlug(name: string, taken: Set<string>): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/** Loads what exists and creates what is missing, audited, in one transaction. */
export async function resolveReferences(prisma: PrismaClient, actor: AuditActor, entries: HarvestEntry[]): Promise<References> {
  const publisherNames = [...new Set(entries.map((entry) => entry.publisherName))];
  const contacts = new Map(entries.map((entry) => [entry.contact.email, entry] as const));
  const [departments, stewards, licenses] = await Promise.all([
    prisma.department.findMany({ select: { id: true, name: true, slug: true } }),
    prisma.steward.findMany({ where: { email: { in: [...contacts.keys()] } }, select: { id: true, email: true } }),
    prisma.license.findMany({ select: { id: true, url: true, specified: true } }),
  ]);
  const departmentIds = new Map(departments.map((department) => [department.name, department.id]));
  const stewardIds = new Map(stewards.map((steward) => [steward.email.toLowerCase(), steward.id]));
  const licenseIds = new Map(licenses.filter((license) => license.url).map((license) => [licenseUrlKey(license.url!), license.id]));

  const slugs = new Set(departments.map((department) => department.slug));
  const newDepartments = publisherNames
    .filter((name) => !departmentIds.has(name))
    .map((name) => ({ id: randomUUID(), name, slug: uniqueSlug(name, slugs) }));
  newDepartments.forEach((department) => departmentIds.set(department.name, department.id));
  const newStewards = [...contacts.values()]
    .filter((entry) => !stewardIds.has(entry.contact.email))
    .map((entry) => ({
      id: randomUUID(),
      name: entry.contact.name,
      email: entry.contact.email,
      title: 'Data contact',
      departmentId: departmentIds.get(entry.publisherName)!,
    }));
  newStewards.forEach((steward) => stewardIds.set(steward.email, steward.id));
  let notSpecifiedId = licenses.find((license) => !license.specified)?.id;
  const newLicense = notSpecifiedId ? null : { id: (notSpecifiedId = randomUUID()), ...NOT_SPECIFIED };

  if (newDepartments.length || newStewards.length || newLicense) {
    const audits: AuditEntry[] = [
      ...newDepartments.map((d) => ({ action: 'department.create', targetType: 'Department', targetId: d.id, after: d })),
      ...newStewards.map(({ id, name, departmentId }) => ({ action: 'steward.create', targetType: 'Steward', targetId: id, after: { name, departmentId } })),
      ...(newLicense ? [{ action: 'license.create', targetType: 'License', targetId: newLicense.id, after: newLicense }] : []),
    ];
    await prisma.$transaction(async (tx) => {
      if (newDepartments.length) await tx.department.createMany({ data: newDepartments });
      if (newStewards.length) await tx.steward.createMany({ data: newStewards });
      if (newLicense) await tx.license.create({ data: newLicense });
      await recordAudits(tx, actor, audits);
    });
  }
  return {
    departmentId: (name) => departmentIds.get(name)!,
    stewardId: (email) => stewardIds.get(email)!,
    licenseId: (url) => (url && licenseIds.get(licenseUrlKey(url))) || notSpecifiedId!,
  };
}
