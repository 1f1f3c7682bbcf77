// Calendar facts of the city: dates and deadlines are days in America/Los_Angeles, not UTC instants.
// A day is shown as "YYYY-MM-DD" (so no client shifts it into the previous day); a deadline is the last
// millisecond of its local day, whatever the UTC offset is that day (PST or PDT).
import { DateTime } from 'luxon';

export const CITY_ZONE = 'America/Los_Angeles';

/** A stored calendar date (PostgreSQL DATE, read as midnight UTC) as "YYYY-MM-DD". */
export function calendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The city's calendar day on which an instant falls, as "YYYY-MM-DD". */
export function cityDay(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: CITY_ZONE }).toISODate()!;
}

/** End (23:59:59.999 local) of the city day that is `days` calendar days after the day of `from`. */
export function dueAtEndOfDay(from: Date, days: number): Date {
  return DateTime.fromJSDate(from, { zone: CITY_ZONE }).plus({ days }).endOf('day').toJSDate();
}
