// Redaction of personal (PII) record fields: the one function every channel uses (GraphQL queries now;
// exports and subscriptions reuse it). Callers who may not see personal data get null in those fields.
import { StaffRole } from '../generated/prisma/enums.js';
import { hasRole, type Viewer } from '../access/viewer.js';

/** Admins, records clerks and the dataset's own steward may see personal fields. */
export function canSeePersonalData(viewer: Viewer, dataset: { stewardId: string }): boolean {
  return (
    hasRole(viewer, StaffRole.ADMIN) ||
    hasRole(viewer, StaffRole.RECORDS_CLERK) ||
    (viewer.kind === 'staff' && viewer.stewardId === dataset.stewardId)
  );
}

export interface Redacted {
  attributes: Record<string, unknown>;
  /** Names of the fields whose values were withheld. */
  redactedFields: string[];
}

export function redactAttributes(
  viewer: Viewer,
  dataset: { stewardId: string; fields: { name: string; pii: boolean }[] },
  attributes: Record<string, unknown>,
): Redacted {
  const personal = dataset.fields.filter((field) => field.pii).map((field) => field.name);
  if (personal.length === 0 || canSeePersonalData(viewer, dataset)) return { attributes, redactedFields: [] };
  const copy = { ...attributes };
  for (const name of personal) copy[name] = null;
  return { attributes: copy, redactedFields: personal };
}
