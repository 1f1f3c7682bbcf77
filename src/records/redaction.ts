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

export function redactRecord(
  viewer: Viewer,
  dataset: RedactionFacts,
  record: { attributes: unknown; geometry: unknown },
): RedactedRecord {
  const stored = record.attributes && typeof record.attributes === 'object' ? (record.attributes as Record<string, unknown>) : {};
  const mayShowPersonal = seesPersonalData(viewer, dataset);
  const attributes: Record<string, unknown> = {};
  const redactedFields: string[] = [];
  for (const field of dataset.fields) {
    const withheld = field.pii && !mayShowPersonal;
    attributes[field.name] = withheld ? null : (stored[field.name] ?? null);
    if (withheld) redactedFields.push(field.name);
  }
  const geometryWithheld = dataset.geometryPii && !mayShowPersonal;
  if (geometryWithheld) redactedFields.push(GEOMETRY);
  return { attributes, geometry: geometryWithheld ? null : (record.geometry ?? null), redactedFields };
}
