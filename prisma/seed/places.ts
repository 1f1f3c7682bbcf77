// Local color for generated records: Thousand Oaks streets, neighborhoods, people and points.
// People are fictitious; phone numbers use the 555-01xx range reserved for fiction.
import type { Rng } from './random.js';

export const CITY_BBOX = '-118.98,34.13,-118.76,34.24';
export const CITY_NAME = 'Thousand Oaks, CA';

export const STREETS = [
  'Thousand Oaks Blvd', 'Moorpark Rd', 'Lynn Rd', 'Hillcrest Dr', 'Westlake Blvd', 'Janss Rd',
  'Avenida de los Arboles', 'Olsen Rd', 'Borchard Rd', 'Reino Rd', 'Wendy Dr', 'Kanan Rd', 'Erbes Rd',
  'Hampshire Rd', 'Conejo School Rd', 'Newbury Rd', 'Ventu Park Rd', 'Rancho Conejo Blvd', 'Lawrence Dr',
  'Rolling Oaks Dr', 'Los Padres Dr', 'Sunset Hills Blvd', 'Hodencamp Rd', 'Gainsborough Rd', 'Agoura Rd',
  'Townsgate Rd', 'Lakeview Canyon Rd', 'Potrero Rd', 'Camino Dos Rios', 'Michael Dr', 'Live Oak St',
  'Calle Almendro', 'Avenida de las Flores', 'Pleasant Way', 'Oakview Dr', 'Duesenberg Dr',
] as const;

export const ARTERIALS = [
  'Thousand Oaks Blvd', 'Moorpark Rd', 'Lynn Rd', 'Hillcrest Dr', 'Westlake Blvd', 'Janss Rd', 'Olsen Rd',
  'Borchard Rd', 'Kanan Rd', 'Reino Rd', 'Wendy Dr', 'Avenida de los Arboles', 'Rancho Conejo Blvd',
] as const;

export const NEIGHBORHOODS = [
  'Newbury Park', 'Westlake', 'Lynn Ranch', 'Dos Vientos', 'Casa Conejo', 'Wildwood', 'North Ranch',
  'Lang Ranch', 'Conejo Oaks', 'Rolling Oaks', 'Shadow Oaks', 'Downtown Thousand Oaks',
] as const;

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Sophia', 'Mateo', 'Isabella', 'Ethan', 'Mia', 'Lucas', 'Ava', 'Daniel',
  'Camila', 'James', 'Harper', 'Benjamin', 'Aria', 'Henry', 'Chloe', 'Samuel', 'Grace', 'David', 'Lily',
  'Andrew', 'Zoe', 'Joseph', 'Nora', 'Gabriel', 'Hannah', 'Ryan', 'Leah', 'Jonathan', 'Elena', 'Marcus',
] as const;

const LAST_NAMES = [
  'Garcia', 'Smith', 'Johnson', 'Martinez', 'Nguyen', 'Brown', 'Lopez', 'Kim', 'Hernandez', 'Miller',
  'Patel', 'Anderson', 'Rodriguez', 'Chen', 'Wilson', 'Gonzalez', 'Taylor', 'Park', 'Ramirez', 'Thomas',
  'Flores', 'Moore', 'Sanchez', 'Jackson', 'Rivera', 'Lee', 'Torres', 'Walker', 'Cohen', 'Murphy',
] as const;

export const CONTRACTORS = [
  'Conejo Valley Builders Inc', 'Oak Creek Construction', 'Westlake Roofing Co', 'SunPath Solar LLC',
  'Ventura County Plumbing', 'Pacific Coast Electric', 'Blue Wave Pools', 'Santa Rosa Valley HVAC',
  'Triunfo Remodeling', 'Hillcrest General Contractors', 'Camarillo Concrete & Paving', 'Owner-Builder',
] as const;

export interface Point {
  lon: number;
  lat: number;
}

export interface PointGeometry {
  type: 'Point';
  coordinates: [number, number];
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A point inside the city's bounding box. */
export function randomPoint(rng: Rng): Point {
  return { lon: round6(-118.98 + rng.next() * 0.22), lat: round6(34.13 + rng.next() * 0.11) };
}

/** GeoJSON (RFC 7946): longitude first. */
export function pointGeometry(point: Point): PointGeometry {
  return { type: 'Point', coordinates: [point.lon, point.lat] };
}

export function streetAddress(rng: Rng, street: string = rng.pick(STREETS)): string {
  return `${rng.int(1, 48) * 50 + rng.int(0, 49)} ${street}`;
}

export function personName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** A fictitious phone number: (805) 555-01xx. */
export function fictionalPhone(rng: Rng): string {
  return `(805) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
}

export function emailFor(name: string, rng: Rng): string {
  const handle = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return `${handle}${rng.int(1, 99)}@${rng.pick(['example.com', 'example.org', 'example.net'])}`;
}

/** A Ventura County style assessor parcel number, e.g. 667-0-123-045. */
export function parcelNumber(rng: Rng): string {
  return `${rng.int(510, 695)}-0-${String(rng.int(10, 399)).padStart(3, '0')}-${String(rng.int(1, 99)).padStart(3, '0')}`;
}

function firstSundayOnOrAfter(year: number, month: number, dayOfMonth: number): number {
  const date = new Date(Date.UTC(year, month, dayOfMonth));
  return date.getTime() + ((7 - date.getUTCDay()) % 7) * 86_400_000;
}

/** The UTC instant of a Pacific wall-clock time on 'YYYY-MM-DD' (US daylight-saving rules since 2007). */
export function pacificTime(date: string, hour: number, minute = 0): Date {
  const year = Number(date.slice(0, 4));
  const wallClock = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  const dstStarts = firstSundayOnOrAfter(year, 2, 8) + 2 * 3_600_000; // 2nd Sunday of March, 02:00
  const dstEnds = firstSundayOnOrAfter(year, 10, 1) + 1 * 3_600_000; // 1st Sunday of November, 01:00 standard
  const offsetHours = wallClock >= dstStarts && wallClock < dstEnds ? 7 : 8;
  return new Date(wallClock + offsetHours * 3_600_000);
}
