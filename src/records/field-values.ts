// A raw value (a CSV cell, a GeoJSON property) checked against a declared field type and turned into the
// value records store: numbers as JSON numbers, booleans as booleans, days as "YYYY-MM-DD", instants as
// UTC ISO 8601 strings with milliseconds (so text order is time order), geometry as a GeoJSON object.
// Empty CSV cells and JSON null are "no value". Plain functions: the ingest and its tests call them.
import type { FieldType } from '../generated/prisma/enums.js';

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Coerced => ({ ok: true, value });
const fail = (message: string): Coerced => ({ ok: false, message });

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant needs its offset: a bare local time would be read in whatever zone the server runs in.
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, t: true, f: false, '1': true, '0': false, yes: true, no: false };

/** Whether a raw value means "no value" (an empty CSV cell, JSON null, an absent property). */
export function isMissing(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '';
}

/** A valid calendar day "YYYY-MM-DD" (no 2026-02-30). Plain arithmetic: it runs for every cell of a large import. */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= length;
}

function integer(raw: unknown): Coerced {
  const value = typeof raw === 'string' && INTEGER.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) return fail('is not an integer');
  if (!Number.isSafeInteger(value)) return fail(`is outside ±${Number.MAX_SAFE_INTEGER}`);
  return ok(value);
}

function decimal(raw: unknown): Coerced {
  const value = typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('is not a decimal number');
  return ok(value);
}

function boolean(raw: unknown): Coerced {
  if (typeof raw === 'boolean') return ok(raw);
  const value = typeof raw === 'string' ? BOOLEANS[raw.trim().toLowerCase()] : undefined;
  return value === undefined ? fail('is not a boolean (true/false, t/f, 1/0, yes/no)') : ok(value);
}

function day(raw: unknown): Coerced {
  return typeof raw === 'string' && isCalendarDay(raw.trim()) ? ok(raw.trim()) : fail('is not a calendar day YYYY-MM-DD');
}

function instant(raw: unknown): Coerced {
  if (typeof raw !== 'string' || !INSTANT.test(raw.trim())) return fail('is not an ISO 8601 date-time with an offset (e.g. 2026-03-01T08:30:00Z)');
  const text = raw.trim();
  if (!isCalendarDay(text.slice(0, 10))) return fail('is not a valid date-time');
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) ? fail('is not a valid date-time') : ok(new Date(time).toISOString());
}

function text(raw: unknown): Coerced {
  if (typeof raw !== 'string') return fail('is not text');
  return raw.includes('\u0000') ? fail('holds a NUL character') : ok(raw);
}

// ——— GeoJSON geometry (RFC 7946) ———

type Check = string | null;

function position(value: unknown): Check {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return 'a position must be [longitude, latitude] (optionally altitude)';
  }
  const [lon, lat] = value as number[];
  if (lon! < -180 || lon! > 180) return `longitude ${lon} is outside -180…180`;
  if (lat! < -90 || lat! > 90) return `latitude ${lat} is outside -90…90`;
  return null;
}

function positions(value: unknown, min: number, what: string): Check {
  if (!Array.isArray(value) || value.length < min) return `${what} needs at least ${min} positions`;
  for (const item of value) {
    const problem = position(item);
    if (problem) return problem;
  }
  return null;
}

function ring(value: unknown): Check {
  const problem = positions(value, 4, 'a polygon ring');
  if (problem) return problem;
  const list = value as number[][];
  const [first, last] = [list[0]!, list[list.length - 1]!];
  return first[0] === last[0] && first[1] === last[1] ? null : 'a polygon ring must end where it starts';
}

function each(value: unknown, what: string, check: (item: unknown) => Check): Check {
  if (!Array.isArray(value) || value.length === 0) return `${what} must be a non-empty array`;
  for (const item of value) {
    const problem = check(item);
    if (problem) return problem;
  }
  return null;
}

/** Why `value` is not a GeoJSON geometry object, or null when it is one. */
export function geometryProblem(value: unknown): Check {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a GeoJSON geometry object';
  const geometry = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const coordinates = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return position(coordinates);
    case 'MultiPoint':
      return each(coordinates, 'MultiPoint coordinates', position);
    case 'LineString':
      return positions(coordinates, 2, 'a LineString');
    case 'MultiLineString':
      return each(coordinates, 'MultiLineString coordinates', (line) => positions(line, 2, 'a LineString'));
    case 'Polygon':
      return each(coordinates, 'Polygon coordinates', ring);
    case 'MultiPolygon':
      return each(coordinates, 'MultiPolygon coordinates', (polygon) => each(polygon, 'Polygon coordinates', ring));
    case 'GeometryCollection':
      return each(geometry.geometries, 'GeometryCollection geometries', geometryProblem);
    default:
      return 'has no GeoJSON geometry type (Point, LineString, Polygon, Multi…, GeometryCollection)';
  }
}

function geometry(raw: unknown): Coerced {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return fail('is not GeoJSON (not valid JSON)');
    }
  }
  const problem = geometryProblem(value);
  return problem ? fail(problem.startsWith('is ') || problem.startsWith('has ') ? problem : `is not valid GeoJSON: ${problem}`) : ok(value);
}

const COERCIONS: Record<FieldType, (raw: unknown) => Coerced> = {
  TEXT: text,
  INTEGER: integer,
  DECIMAL: decimal,
  BOOLEAN: boolean,
  DATE: day,
  TIMESTAMP: instant,
  GEOMETRY: geometry,
};

/** The stored value of `raw` for a field of `type` (null for no value, when the field is nullable). */
export function coerceFieldValue(field: { type: FieldType; nullable: boolean }, raw: unknown): Coerced {
  if (isMissing(raw)) return field.nullable ? ok(null) : fail('is required');
  return COERCIONS[field.type](raw);
}
