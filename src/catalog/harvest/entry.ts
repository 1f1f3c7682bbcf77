// Reading an upstream DCAT-US 1.1 catalog: each entry is checked on its own (an invalid one is reported
// with field paths and skipped) and normalised into what the catalog stores.
import { z } from 'zod';
import type { AccessLevel } from '../../generated/prisma/enums.js';
import type { FieldProblem } from '../../errors.js';
import { accessLevelFromDcat } from '../dcat.js';
import { EMAIL_PATTERN, isAccrualPeriodicity } from '../dcat-rules.js';

const text = z.string().trim().min(1, 'must not be empty');
const optionalText = z.string().trim().nullish();
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const optionalUrl = webUrl.nullish();
/** ISO 8601 date or date-time (DCAT-US allows a bare day). */
const isoDate = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date');
const mediaType = /^[-\w]+\/[-\w]+(\.[-\w]+)*([+][-\w]+)?$/;
const textList = z.array(text).nullish();

const distributionSchema = z
  .object({
    title: optionalText,
    description: optionalText,
    format: optionalText,
    mediaType: z.string().trim().regex(mediaType, 'must be a media type such as text/csv').nullish(),
    downloadURL: optionalUrl,
    accessURL: optionalUrl,
  })
  .superRefine((distribution, context) => {
    if (!distribution.downloadURL && !distribution.accessURL) {
      context.addIssue({ code: 'custom', path: ['downloadURL'], message: 'a distribution needs a downloadURL or an accessURL' });
    }
    if (distribution.downloadURL && !distribution.mediaType) {
      context.addIssue({ code: 'custom', path: ['mediaType'], message: 'required with a downloadURL' });
    }
  });

const entrySchema = z
  .object({
    identifier: text.max(500),
    title: text,
    description: text,
    keyword: textList,
    theme: textList,
    issued: isoDate.nullish(),
    modified: isoDate,
    accessLevel: z.enum(['public', 'restricted public', 'non-public'], { error: 'must be public, restricted public or non-public' }),
    rights: z.string().trim().min(1).max(255, 'must be at most 255 characters').nullish(),
    license: optionalUrl,
    accrualPeriodicity: z
      .string()
      .trim()
      .refine(isAccrualPeriodicity, 'must be an ISO 8601 repeating duration (R/P1D) or irregular')
      .nullish(),
    spatial: optionalText,
    temporal: optionalText,
    landingPage: optionalUrl,
    describedBy: optionalUrl,
    conformsTo: optionalUrl,
    references: z.array(webUrl).nullish(),
    publisher: z.object({ name: text }),
    contactPoint: z.object({
      fn: text,
      hasEmail: z
        .string({ error: 'required: the steward is matched by e-mail' })
        .trim()
        .refine((value) => value.startsWith('mailto:') && EMAIL_PATTERN.test(value.slice('mailto:'.length)), 'must be mailto: followed by an e-mail address'),
    }),
    distribution: z.array(distributionSchema).nullish(),
  })
  .superRefine((entry, context) => {
    if (entry.accessLevel !== 'public' && !entry.rights) {
      context.addIssue({ code: 'custom', path: ['rights'], message: `required when accessLevel is ${entry.accessLevel}` });
    }
  });

export interface HarvestDistribution {
  title: string | null;
  description: string | null;
  format: string;
  mediaType: string | null;
  downloadURL: string | null;
  accessURL: string | null;
}

/** One valid upstream entry, in the catalog's terms (references to departments etc. still by name). */
export interface HarvestEntry {
  identifier: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  issued: Date | null;
  modified: Date;
  /** `modified` exactly as upstream wrote it (provenance). */
  upstreamModified: string;
  accessLevel: AccessLevel;
  rights: string | null;
  licenseUrl: string | null;
  accrualPeriodicity: string | null;
  spatial: string | null;
  temporal: string | null;
  landingPage: string | null;
  describedBy: string | null;
  conformsTo: string | null;
  references: string[];
  publisherName: string;
  contact: { name: string; email: string };
  distributions: HarvestDistribution[];
}

export interface InvalidEntry {
  /** Position in the upstream `dataset` array. */
  index: number;
  identifier: string | null;
  problems: FieldProblem[];
}

/** DCAT-US makes `format` optional; the catalog needs one: CSV from text/csv, API for an accessURL alone. */
export function distributionFormat(distribution: { format?: string | null; mediaType?: string | null; downloadURL?: string | null }): string {
  if (distribution.format) return distribution.format;
  const subtype = distribution.mediaType?.split('/')[1]?.replace(/^vnd\./, '');
  if (subtype === 'geo+json') return 'GeoJSON';
  if (subtype) return subtype.split('+')[0]!.toUpperCase();
  return distribution.downloadURL ? 'File' : 'API';
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function normalise(entry: z.infer<typeof entrySchema>): HarvestEntry {
  return {
    identifier: entry.identifier,
    title: entry.title,
    description: entry.description,
    keywords: [...new Set(entry.keyword ?? [])],
    themes: [...new Set(entry.theme ?? [])],
    issued: entry.issued ? new Date(entry.issued) : null,
    modified: new Date(entry.modified),
    upstreamModified: entry.modified,
    accessLevel: accessLevelFromDcat[entry.accessLevel],
    rights: orNull(entry.rights),
    licenseUrl: orNull(entry.license),
    accrualPeriodicity: orNull(entry.accrualPeriodicity),
    spatial: orNull(entry.spatial),
    temporal: orNull(entry.temporal),
    landingPage: orNull(entry.landingPage),
    describedBy: orNull(entry.describedBy),
    conformsTo: orNull(entry.conformsTo),
    references: [...new Set(entry.references ?? [])],
    publisherName: entry.publisher.name,
    contact: { name: entry.contactPoint.fn, email: entry.contactPoint.hasEmail.slice('mailto:'.length).toLowerCase() },
    distributions: (entry.distribution ?? []).map((distribution) => ({
      title: orNull(distribution.title),
      description: orNull(distribution.description),
      format: distributionFormat(distribution),
      mediaType: orNull(distribution.mediaType),
      downloadURL: orNull(distribution.downloadURL),
      accessURL: orNull(distribution.accessURL),
    })),
  };
}

/** Checks every entry of a catalog's `dataset` array; duplicates of an earlier identifier are invalid. */
export function readEntries(datasets: unknown[]): { entries: HarvestEntry[]; invalid: InvalidEntry[] } {
  const entries: HarvestEntry[] = [];
  const invalid: InvalidEntry[] = [];
  const seen = new Set<string>();
  datasets.forEach((raw, index) => {
    const rawIdentifier = raw && typeof raw === 'object' && 'identifier' in raw ? (raw as { identifier: unknown }).identifier : null;
    const identifier = typeof rawIdentifier === 'string' ? rawIdentifier : null;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({
        path: ['dataset', index, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))],
        message: issue.message,
      }));
      invalid.push({ index, identifier, problems });
    } else if (seen.has(parsed.data.identifier)) {
      invalid.push({ index, identifier, problems: [{ path: ['dataset', index, 'identifier'], message: 'appears earlier in the catalog' }] });
    } else {
      seen.add(parsed.data.identifier);
      entries.push(normalise(parsed.data));
    }
  });
  return { entries, invalid };
}
