// Community places: parks and recreation facilities, library branches.
import { CITY_BBOX, CITY_NAME, NEIGHBORHOODS, type Point } from '../places.js';
import { Rng } from '../random.js';
import { field, padded, type DatasetSpec } from '../types.js';

const PARKS = [
  ['Conejo Creek Park', 44.0], ['Borchard Community Park', 18.5], ['Thousand Oaks Community Park', 14.2],
  ['Dos Vientos Community Park', 19.6], ['Estella Park', 5.1], ['Cypress Park', 6.3], ['Fiore Playfield', 9.8],
  ['Glenwood Park', 4.4], ['Lang Ranch Community Park', 12.7], ['Walnut Grove Park', 7.5],
  ['Stagecoach Inn Park', 3.2], ['Newbury Gateway Park', 2.6], ['Beyer Park', 3.9], ['Waverly Park', 4.8],
  ['Wildwood Park', 1.9],
] as const;
const FACILITIES = [
  'Playground', 'Picnic Shelter', 'Restrooms', 'Tennis Courts', 'Pickleball Courts', 'Basketball Court', 'Dog Park',
  'Baseball Field', 'Soccer Field', 'Community Center', 'Skate Park', 'Trailhead Parking',
] as const;
const RESERVABLE = new Set(['Picnic Shelter', 'Tennis Courts', 'Baseball Field', 'Soccer Field', 'Community Center']);
const LIGHTABLE = new Set(['Tennis Courts', 'Pickleball Courts', 'Basketball Court', 'Baseball Field', 'Soccer Field', 'Skate Park']);

/** A fixed center for each park, so its facilities cluster around it. */
function parkCenter(name: string): Point {
  const rng = new Rng(`park:${name}`);
  return { lon: -118.96 + rng.next() * 0.18, lat: 34.15 + rng.next() * 0.08 };
}

export const parks: DatasetSpec = {
  identifier: 'toaks-parks-facilities',
  title: 'Parks and Recreation Facilities',
  description:
    'Parks and recreation facilities in the city, operated with the Conejo Recreation and Park District: playgrounds, picnic shelters, ' +
    'courts, sports fields, dog parks, community centers and trailhead parking. One row per facility with its park, neighborhood, park ' +
    'acreage, whether it can be reserved, whether it is lighted for evening use and its ADA accessibility.',
  keywords: ['parks', 'recreation', 'facilities', 'playgrounds', 'sports fields'],
  themes: ['Recreation'],
  issued: '2018-03-20',
  modified: '2026-09-15T19:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1Y',
  spatial: CITY_BBOX,
  temporal: '1962-01-01/2026-09-15',
  publisher: 'parks-recreation',
  steward: 'laura.chen@toaks.example',
  license: 'ODC-By-1.0',
  geographic: true,
  recordCount: 60,
  fields: [
    field('facility_id', 'TEXT', 'Facility ID', 'Facility identifier.'),
    field('park_name', 'TEXT', 'Park', 'Park where the facility is.'),
    field('facility_type', 'TEXT', 'Facility', 'Kind of facility.'),
    field('neighborhood', 'TEXT', 'Neighborhood', 'Neighborhood of the park.'),
    field('park_acres', 'DECIMAL', 'Park acreage', 'Total park area in acres.'),
    field('reservable', 'BOOLEAN', 'Reservable', 'Can be reserved through the park district.'),
    field('lighted', 'BOOLEAN', 'Lighted', 'Lighted for evening use.'),
    field('ada_accessible', 'BOOLEAN', 'ADA accessible', 'Meets ADA accessibility guidelines.'),
    field('opened_year', 'INTEGER', 'Opened', 'Year the facility opened, when known.', { nullable: true }),
  ],
  generate(rng, index) {
    const park = index % PARKS.length;
    const [parkName, acres] = PARKS[park] ?? PARKS[0];
    const type = FACILITIES[(park * 5 + Math.floor(index / PARKS.length) * 3) % FACILITIES.length] ?? 'Playground';
    const center = parkCenter(parkName);
    return {
      attributes: {
        facility_id: `CRPD-${padded(index + 1, 3)}`,
        park_name: parkName,
        facility_type: type,
        neighborhood: NEIGHBORHOODS[park % NEIGHBORHOODS.length] ?? 'Newbury Park',
        park_acres: acres,
        reservable: RESERVABLE.has(type),
        lighted: LIGHTABLE.has(type) && rng.chance(0.6),
        ada_accessible: rng.chance(0.8),
        opened_year: rng.chance(0.85) ? rng.int(1966, 2022) : null,
      },
      point: {
        lon: Math.round((center.lon + (rng.next() - 0.5) * 0.003) * 1e6) / 1e6,
        lat: Math.round((center.lat + (rng.next() - 0.5) * 0.003) * 1e6) / 1e6,
      },
    };
  },
};

const BRANCHES = [
  {
    branch_name: 'Grant R. Brimhall Library', address: '1401 E. Janss Road, Thousand Oaks, CA 91362', phone: '(805) 449-2660',
    square_feet: 62_000, opened_year: 1982, weekly_open_hours: 60, meeting_rooms: 4, makerspace: true, annual_checkouts: 812_400,
    point: { lon: -118.860711, lat: 34.203389 },
  },
  {
    branch_name: 'Newbury Park Branch Library', address: '2331 Borchard Road, Newbury Park, CA 91320', phone: '(805) 498-2139',
    square_feet: 22_000, opened_year: 2000, weekly_open_hours: 52.5, meeting_rooms: 2, makerspace: false, annual_checkouts: 356_900,
    point: { lon: -118.929174, lat: 34.181602 },
  },
] as const;

export const libraries: DatasetSpec = {
  identifier: 'toaks-library-branches',
  title: 'Library Branches',
  description:
    'The two branches of the Thousand Oaks Library: the Grant R. Brimhall Library and the Newbury Park Branch Library, with address, ' +
    'phone, building size, weekly open hours, meeting rooms, makerspace availability and annual checkouts from the last fiscal year.',
  keywords: ['library', 'branches', 'hours', 'circulation'],
  themes: ['Recreation', 'Government'],
  issued: '2019-01-10',
  modified: '2026-07-15T16:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1Y',
  spatial: CITY_NAME,
  temporal: '2025-07-01/2026-06-30',
  publisher: 'library-services',
  steward: 'sofia.ramirez@toaks.example',
  license: 'CC0-1.0',
  geographic: true,
  recordCount: BRANCHES.length,
  fields: [
    field('branch_name', 'TEXT', 'Branch', 'Branch name.'),
    field('address', 'TEXT', 'Address', 'Street address.'),
    field('phone', 'TEXT', 'Phone', 'Public phone number.'),
    field('square_feet', 'INTEGER', 'Building area (sq ft)', 'Gross building area.'),
    field('opened_year', 'INTEGER', 'Opened', 'Year the current building opened.'),
    field('weekly_open_hours', 'DECIMAL', 'Weekly hours', 'Hours open to the public per week.'),
    field('meeting_rooms', 'INTEGER', 'Meeting rooms', 'Rooms the public can reserve.'),
    field('makerspace', 'BOOLEAN', 'Makerspace', 'Has a makerspace.'),
    field('annual_checkouts', 'INTEGER', 'Annual checkouts', 'Physical and digital checkouts in FY 2025-26.'),
  ],
  generate(_rng, index) {
    const branch = BRANCHES[index];
    if (!branch) throw new Error(`seed: no library branch ${index}`);
    const { point, ...attributes } = branch;
    return { attributes, point };
  },
};
