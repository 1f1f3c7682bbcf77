// Calendar rules of the city (America/Los_Angeles): days are local days, deadlines end with the local day.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CITY_ZONE, calendarDate, cityDay, dueAtEndOfDay } from '../../src/workflow/deadlines.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: CITY_ZONE }).toJSDate();

describe('dueAtEndOfDay', () => {
  it.each([
    // received (local)            days  due (UTC instant of 23:59:59.999 local)   why
    ['2026-02-20T09:00', 10, '2026-03-03T07:59:59.999Z', 'before the spring change: PST (UTC-8)'],
    ['2026-03-05T16:30', 10, '2026-03-16T06:59:59.999Z', 'across the spring change: due in PDT (UTC-7)'],
    ['2026-10-28T08:15', 10, '2026-11-08T07:59:59.999Z', 'across the autumn change: due in PST (UTC-8)'],
    ['2026-12-25T23:30', 10, '2027-01-05T07:59:59.999Z', 'across the year end, received late in the local evening'],
    ['2026-11-07T17:00', 24, '2026-12-02T07:59:59.999Z', 'an extended deadline (10 + 14 days)'],
  ])('received %s + %i days is due %s (%s)', (received, days, due) => {
    expect(dueAtEndOfDay(local(received), days).toISOString()).toBe(due);
  });

  it('counts from the local day even when UTC is already on the next day', () => {
    // 2026-06-30 20:00 in Thousand Oaks is 2026-07-01 03:00 UTC; the deadline counts from June 30.
    const due = dueAtEndOfDay(new Date('2026-07-01T03:00:00Z'), 10);
    expect(DateTime.fromJSDate(due, { zone: CITY_ZONE }).toISO()).toBe('2026-07-10T23:59:59.999-07:00');
  });
});

describe('calendar days', () => {
  it('reads a stored calendar date (midnight UTC) as that day, in any zone', () => {
    expect(calendarDate(new Date('2016-03-01T00:00:00Z'))).toBe('2016-03-01');
  });

  it('places an instant on the local day of the city', () => {
    expect(cityDay(new Date('2027-01-01T05:00:00Z'))).toBe('2026-12-31');
    expect(cityDay(new Date('2026-03-08T10:00:00Z'))).toBe('2026-03-08'); // 03:00 PDT, just after the change
  });
});
