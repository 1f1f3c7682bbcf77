// Location filters over the record's generated `geoBox` column (the bounding box of its GeoJSON geometry,
// longitude/latitude; a point for a Point), served by its SP-GiST index. Core PostgreSQL types only, so the
// embedded database needs no extension. Distance is great-circle (haversine on the mean Earth radius) to
// the geometry's point, or to the centre of its bounding box for lines and polygons; a bounding box around
// the circle, checked first, lets the index find the candidates.
import type { FieldProblem } from '../../errors.js';
import type { Path, SqlParams } from './scope.js';

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Near {
  longitude: number;
  latitude: number;
  meters: number;
}

export const EARTH_RADIUS_METERS = 6_371_008.8;
const MAX_METERS = 20_000_000;
const GEO_BOX = 'r."geoBox"';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function checkCoordinate(value: unknown, limit: number, path: Path, problems: FieldProblem[]): boolean {
  if (!isNumber(value) || Math.abs(value) > limit) {
    problems.push({ path, message: `must be a number between -${limit} and ${limit}` });
    return false;
  }
  return true;
}

/** Overlap with a longitude/latitude box; one crossing the antimeridian (west > east) is split in two. */
function overlaps(sql: SqlParams, west: number, south: number, east: number, north: number): string {
  const box = (w: number, e: number) => `${GEO_BOX} && box(point(${sql.bind(w, 'float8')}, ${sql.bind(south, 'float8')}), point(${sql.bind(e, 'float8')}, ${sql.bind(north, 'float8')}))`;
  return west <= east ? box(west, east) : `(${box(west, 180)} OR ${box(-180, east)})`;
}

/** Great-circle distance in metres from the centre of the record's box to a bound point. */
export function distanceExpression(sql: SqlParams, longitude: number, latitude: number): string {
  const lat = sql.bind(latitude, 'float8');
  const lon = sql.bind(longitude, 'float8');
  const center = `(center(${GEO_BOX}))`;
  return (
    `(2 * ${EARTH_RADIUS_METERS} * asin(least(1, sqrt(power(sin(radians(${center}[1] - ${lat}) / 2), 2) + ` +
    `cos(radians(${lat})) * cos(radians(${center}[1])) * power(sin(radians(${center}[0] - ${lon}) / 2), 2)))))`
  );
}

export function geoCondition(withinBox: BoundingBox | null | undefined, near: Near | null | undefined, sql: SqlParams, path: Path, problems: FieldProblem[]): string[] {
  const parts: string[] = [];
  if (withinBox != null) {
    const at = [...path, 'withinBox'];
    const ok = [
      checkCoordinate(withinBox.west, 180, [...at, 'west'], problems),
      checkCoordinate(withinBox.east, 180, [...at, 'east'], problems),
      checkCoordinate(withinBox.south, 90, [...at, 'south'], problems),
      checkCoordinate(withinBox.north, 90, [...at, 'north'], problems),
    ].every(Boolean);
    if (ok && withinBox.south > withinBox.north) problems.push({ path: [...at, 'south'], message: 'must not be north of north' });
    else if (ok) parts.push(overlaps(sql, withinBox.west, withinBox.south, withinBox.east, withinBox.north));
  }
  if (near != null) {
    const at = [...path, 'near'];
    const ok = [
      checkCoordinate(near.longitude, 180, [...at, 'longitude'], problems),
      checkCoordinate(near.latitude, 90, [...at, 'latitude'], problems),
    ].every(Boolean);
    if (!isNumber(near.meters) || near.meters < 0 || near.meters > MAX_METERS) {
      problems.push({ path: [...at, 'meters'], message: `must be between 0 and ${MAX_METERS}` });
    } else if (ok) {
      // Degrees of latitude the circle spans (with a margin), and of longitude at this latitude.
      const dLat = ((near.meters / EARTH_RADIUS_METERS) * 180) / Math.PI * 1.01 + 1e-9;
      const south = Math.max(-90, near.latitude - dLat);
      const north = Math.min(90, near.latitude + dLat);
      const cos = Math.cos((Math.max(Math.abs(south), Math.abs(north)) * Math.PI) / 180);
      const dLon = cos > 1e-6 ? dLat / cos : 360;
      const spansAll = dLon >= 180 || north >= 90 || south <= -90;
      const west = spansAll ? -180 : ((near.longitude - dLon + 540) % 360) - 180;
      const east = spansAll ? 180 : ((near.longitude + dLon + 540) % 360) - 180;
      parts.push(overlaps(sql, west, south, east, north));
      parts.push(`${distanceExpression(sql, near.longitude, near.latitude)} <= ${sql.bind(near.meters, 'float8')}`);
    }
  }
  return parts;
}
