// Redaction of records: the one function every channel uses (GraphQL queries now; exports and subscriptions
// reuse it). Only declared fields ever leave the gateway (an allow-list: stray keys in stored attributes are
// dropped); personal fields, and the geometry of a dataset whose locations are personal, are null for callers
// who may not see personal data, and listed in redactedFields.
import { seesPersonalData } from '../access/policy.js';
import type { Viewer } from '../access/viewer.js';

/** What redaction needs to know about a record's dataset. */
export interface RedactionFacts {
  stewardId: string;
  geometryPii: boolean;
  fields: { name: string; pii: boolean }[];
}

export interface RedactedRecord {
  attributes: Record<string, unknown>;
  geometry: unknown;
  /** Names of the withheld values: personal field names, and "geometry" when the location is personal. */
  redactedFields: string[];
}

/** The name listed in redactedFields when a record's geometry is withheld. */
export const GEOMETRY = 'geometry';

/** Where a record row keeps its redaction once made (or, for a records page, the row itself: page.ts). */
export const REDACTED = Symbol('redacted');

/** What a caller gets of a dataset's records: which declared fields are shown and withheld, and the geometry. */
export interface RedactionPlan {
  fields: { name: string; withheld: boolean }[];
  geometryWithheld: boolean;
}

/**
 * The redaction rule for one caller and dataset. redactRecord applies it to a record in JavaScript; exports
 * render the same plan as their SQL projection (declared fields only, withheld ones as NULL), so that a
 * million rows need no per-row work here: one rule, two renderings.
 */
export function redactionPlan(viewer: Viewer, dataset: RedactionFacts): RedactionPlan {
  const mayShowPersonal = seesPersonalData(viewer, dataset);
  return {
    fields: dataset.fields.map((field) => ({ name: field.name, withheld: field.pii && !mayShowPersonal })),
    geometryWithheld: dataset.geometryPii && !mayShowPersonal,
  };
}

export function redactRecord(
  viewer: Viewer,
  dataset: RedactionFacts,
  record: { attributes: unknown; geometry: unknown },
): RedactedRecord {
  return applyRedactionPlan(redactionPlan(viewer, dataset), record);
}

/** The names a plan withholds: personal fields in declared order, then "geometry". */
export function redactedFieldsOf(plan: RedactionPlan): string[] {
  const names = plan.fields.filter((field) => field.withheld).map((field) => field.name);
  if (plan.geometryWithheld) names.push(GEOMETRY);
  return names;
}

/** redactRecord with the plan made once for many records of one dataset. */
export function applyRedactionPlan(plan: RedactionPlan, record: { attributes: unknown; geometry: unknown }): RedactedRecord {
  const stored = record.attributes && typeof record.attributes === 'object' ? (record.attributes as Record<string, unknown>) : {};
  const attributes: Record<string, unknown> = {};
  for (const field of plan.fields) attributes[field.name] = field.withheld ? null : (stored[field.name] ?? null);
  return { attributes, geometry: plan.geometryWithheld ? null : (record.geometry ?? null), redactedFields: redactedFieldsOf(plan) };
}
