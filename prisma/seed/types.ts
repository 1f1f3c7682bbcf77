// Shapes shared by the seed's data modules.
import type { AccessLevel, FieldType } from '../../src/generated/prisma/client.js';
import type { Point } from './places.js';
import type { Rng } from './random.js';

export type FieldValue = string | number | boolean | null;
export type Attributes = { [name: string]: FieldValue };

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  nullable: boolean;
  description: string;
  pii: boolean;
}

export interface GeneratedRecord {
  attributes: Attributes;
  /** Null for records without a location (or withheld for privacy). */
  point: Point | null;
}

/** One catalog dataset: DCAT-US metadata, declared fields and a record generator. */
export interface DatasetSpec {
  identifier: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  /** 'YYYY-MM-DD' */
  issued: string;
  /** ISO 8601 instant, before the seed anchor. */
  modified: string;
  accessLevel: AccessLevel;
  /** Required (≤ 255 chars) when accessLevel is not PUBLIC. */
  rights?: string;
  accrualPeriodicity: 'R/P1D' | 'R/P1W' | 'R/P1M' | 'R/P1Y' | 'irregular';
  spatial: string;
  temporal: string;
  /** Department slug. */
  publisher: string;
  /** Steward email. */
  steward: string;
  /** License spdxId. */
  license: string;
  /** Has point geometry, hence a GeoJSON distribution. */
  geographic: boolean;
  /** The geometry locates people: redacted like a personal field. */
  geometryPii?: boolean;
  /** Keys a legacy import left in some rows (row index → extra keys): never declared, so never shown. */
  undeclaredAttributes?: { [index: number]: Attributes };
  references?: string[];
  recordCount: number;
  fields: FieldSpec[];
  generate: (rng: Rng, index: number) => GeneratedRecord;
}

interface FieldOptions {
  nullable?: boolean;
  pii?: boolean;
}

/** Declares a field; fields are required and non-PII unless told otherwise. */
export function field(
  name: string,
  type: FieldType,
  label: string,
  description: string,
  options: FieldOptions = {},
): FieldSpec {
  return { name, label, type, description, nullable: options.nullable ?? false, pii: options.pii ?? false };
}

/** `value` with probability `probability`, otherwise null. */
export function maybe<T extends FieldValue>(rng: Rng, probability: number, value: () => T): T | null {
  return rng.chance(probability) ? value() : null;
}

export function padded(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Whole days before the anchor for row `index` of `count`, oldest first: rows are spread evenly (with jitter)
 * from `oldest` to `newest` days ago, so running numbers grow with dates as in a real register.
 */
export function chronoDaysAgo(rng: Rng, index: number, count: number, oldest: number, newest: number): number {
  return Math.round(oldest - ((oldest - newest) * (index + rng.next())) / count);
}
