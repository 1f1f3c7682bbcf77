// Database ids are UUIDs; a malformed id names nothing, so it must find nothing instead of reaching
// PostgreSQL as a type error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export function uuidOrNil(id: string): string {
  return isUuid(id) ? id : NIL_UUID;
}

/** Integer ids are PostgreSQL `integer` (int4) columns. */
export function isInt4(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
}

/** Integer ids (records, audit events): anything else names nothing (0 is never used). */
export function intIdOrZero(id: string): number {
  return /^\d{1,9}$/.test(id) ? Number(id) : 0;
}

/** node(id:) lookup options for UUID-keyed models: a missing or malformed id resolves to null. */
export const uuidNodeLookup = {
  nullable: true,
  findUnique: (id: string) => ({ id: uuidOrNil(id) }),
} as const;
