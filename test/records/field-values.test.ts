// The one coercion of raw import values against declared field types, called directly.
import { describe, expect, it } from 'vitest';
import { coerceFieldValue, geometryProblem, isCalendarDay } from '../../src/records/field-values.js';

const coerce = (type: any, raw: unknown, nullable = true) => coerceFieldValue({ type, nullable }, raw);

describe('coerceFieldValue', () => {
  it.each([
    ['TEXT', 'Oak', 'Oak'],
    ['INTEGER', ' -42 ', -42],
    ['INTEGER', 7, 7],
    ['DECIMAL', '12.50', 12.5],
    ['DECIMAL', '1e3', 1000],
    ['BOOLEAN', 'TRUE', true],
    ['BOOLEAN', '0', false],
    ['BOOLEAN', false, false],
    ['DATE', '2024-02-29', '2024-02-29'],
    ['TIMESTAMP', '2026-03-01T08:30:00-08:00', '2026-03-01T16:30:00.000Z'],
    ['TIMESTAMP', '2026-03-01 08:30Z', '2026-03-01T08:30:00.000Z'],
    ['GEOMETRY', '{"type":"Point","coordinates":[-118.8,34.2]}', { type: 'Point', coordinates: [-118.8, 34.2] }],
  ])('%s %j → %j', (type, raw, value) => {
    expect(coerce(type, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['TEXT', 5, 'is not text'],
    ['INTEGER', '1.5', 'is not an integer'],
    ['INTEGER', '9007199254740993', 'is outside'],
    ['DECIMAL', '12,5', 'is not a decimal number'],
    ['DECIMAL', 'NaN', 'is not a decimal number'],
    ['BOOLEAN', 'maybe', 'is not a boolean'],
    ['DATE', '2026-02-30', 'is not a calendar day'],
    ['DATE', '03/01/2026', 'is not a calendar day'],
    ['TIMESTAMP', '2026-03-01T08:30:00', 'with an offset'],
    ['GEOMETRY', '{"type":"Point"', 'not valid JSON'],
    ['GEOMETRY', { type: 'Point', coordinates: [10, 95] }, 'latitude 95'],
  ])('%s %j is refused (%s)', (type, raw, message) => {
    const result = coerce(type, raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('treats empty cells and null as no value: null when nullable, "is required" otherwise', () => {
    expect(coerce('INTEGER', '')).toEqual({ ok: true, value: null });
    expect(coerce('TEXT', null, false)).toEqual({ ok: false, message: 'is required' });
    expect(coerce('DATE', undefined, false)).toEqual({ ok: false, message: 'is required' });
  });
});

describe('geometryProblem', () => {
  it('accepts RFC 7946 geometries and names what is wrong with others', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] })).toBeNull();
    expect(geometryProblem({ type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 1]] }] })).toBeNull();
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toMatch(/end where it starts/);
    expect(geometryProblem({ type: 'LineString', coordinates: [[0, 0]] })).toMatch(/at least 2/);
    expect(geometryProblem({ type: 'Circle', coordinates: [0, 0] })).toMatch(/no GeoJSON geometry type/);
  });

  it('knows calendar days', () => {
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2024-12-31')).toBe(true);
  });
});
