// Public reference numbers (PRR-2026-0007): sequential per prefix and year, without gaps or duplicates.
// The counter row is incremented inside the transaction that creates the submission: concurrent
// submissions queue on its row lock, and a rolled-back submission rolls its number back too.
import type { Tx } from '../audit/service.js';
import { DateTime } from 'luxon';
import { CITY_ZONE } from './deadlines.js';

/** The next reference of `prefix` for the city year of `at`, e.g. "PRR-2026-0008". */
export async function nextReference(tx: Tx, prefix: string, at: Date): Promise<string> {
  const year = DateTime.fromJSDate(at, { zone: CITY_ZONE }).year;
  const [row] = await tx.$queryRaw<{ lastNumber: number }[]>`
    INSERT INTO "ReferenceCounter" (prefix, year, "lastNumber") VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET "lastNumber" = "ReferenceCounter"."lastNumber" + 1
    RETURNING "lastNumber"`;
  return `${prefix}-${year}-${String(row!.lastNumber).padStart(4, '0')}`;
}
