// Community Development and Planning datasets: building permits and zoning.
import { CITY_BBOX, CONTRACTORS, fictionalPhone, parcelNumber, personName, randomPoint, streetAddress } from '../places.js';
import { addDays, daysAgo, isoDate, LAST_DAY } from '../random.js';
import { chronoDaysAgo, field, maybe, padded, type DatasetSpec } from '../types.js';

const PERMIT_TYPES = [
  ['Residential Alteration', 260, 8_000, 95_000], ['Re-roof', 180, 9_000, 38_000],
  ['Solar PV System', 210, 12_000, 48_000], ['Pool / Spa', 60, 45_000, 130_000],
  ['Accessory Dwelling Unit', 70, 120_000, 360_000], ['New Single-Family Dwelling', 25, 650_000, 2_400_000],
  ['Residential Addition', 80, 60_000, 320_000], ['Commercial Tenant Improvement', 110, 40_000, 900_000],
  ['Electrical', 90, 1_500, 25_000], ['Plumbing / Water Heater', 120, 1_200, 14_000],
  ['Mechanical / HVAC', 110, 6_000, 28_000], ['Demolition', 15, 5_000, 60_000],
] as const;

const HAS_AREA = new Set(['Accessory Dwelling Unit', 'New Single-Family Dwelling', 'Residential Addition', 'Commercial Tenant Improvement']);

export const buildingPermits: DatasetSpec = {
  identifier: 'toaks-building-permits',
  title: 'Building Permits',
  description:
    'Building permits applied for with the Building & Safety Division since 2015, one row per permit. Each row gives the permit type, ' +
    'status, application, issue and final inspection dates, job address and parcel, declared valuation and floor area, and the contractor. ' +
    'Applicant names and phone numbers are personal information and are redacted for public callers. Updated nightly from the permitting system.',
  keywords: ['building permits', 'construction', 'inspections', 'solar', 'ADU'],
  themes: ['Housing & Development'],
  issued: '2016-03-01',
  modified: '2026-11-20T06:15:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1D',
  spatial: CITY_BBOX,
  temporal: '2015-01-01/2026-11-19',
  publisher: 'community-development',
  steward: 'maria.delgado@toaks.example',
  license: 'CC-BY-4.0',
  geographic: true,
  recordCount: 1200,
  fields: [
    field('permit_number', 'TEXT', 'Permit number', 'Permit number assigned at application, e.g. BLD2024-00123.'),
    field('permit_type', 'TEXT', 'Permit type', 'Kind of work permitted.'),
    field('status', 'TEXT', 'Status', 'In Review, Issued, Finaled, Expired or Withdrawn.'),
    field('applied_date', 'DATE', 'Applied', 'Date the application was accepted.'),
    field('issued_date', 'DATE', 'Issued', 'Date the permit was issued.', { nullable: true }),
    field('finaled_date', 'DATE', 'Finaled', 'Date of the passed final inspection.', { nullable: true }),
    field('address', 'TEXT', 'Job address', 'Street address of the work.'),
    field('apn', 'TEXT', 'Parcel (APN)', 'Ventura County assessor parcel number.'),
    field('valuation', 'DECIMAL', 'Valuation (USD)', 'Declared value of the work in dollars.'),
    field('square_feet', 'INTEGER', 'Floor area (sq ft)', 'New or altered floor area, where applicable.', { nullable: true }),
    field('contractor_name', 'TEXT', 'Contractor', 'Licensed contractor of record.', { nullable: true }),
    field('applicant_name', 'TEXT', 'Applicant name', 'Person who applied for the permit.', { pii: true }),
    field('applicant_phone', 'TEXT', 'Applicant phone', 'Applicant contact phone number.', { nullable: true, pii: true }),
  ],
  generate(rng, index) {
    const [type, , minValue, maxValue] = rng.weighted(PERMIT_TYPES.map((row) => [row, row[1]] as const));
    const applied = daysAgo(chronoDaysAgo(rng, index, buildingPermits.recordCount, 4300, 2));
    const age = (LAST_DAY.getTime() - applied.getTime()) / 86_400_000;
    const issued = age > 5 && rng.chance(0.93) ? addDays(applied, rng.int(1, Math.min(120, Math.floor(age)))) : null;
    const finaled = issued && age > 60 && rng.chance(0.85) ? addDays(issued, rng.int(14, 300)) : null;
    const finalOk = finaled !== null && finaled <= LAST_DAY ? finaled : null;
    const status = !issued ? (age > 400 ? 'Withdrawn' : 'In Review') : finalOk ? 'Finaled' : age > 540 ? 'Expired' : 'Issued';
    return {
      attributes: {
        permit_number: `BLD${applied.getUTCFullYear()}-${padded(index + 1, 5)}`,
        permit_type: type,
        status,
        applied_date: isoDate(applied),
        issued_date: issued ? isoDate(issued) : null,
        finaled_date: finalOk ? isoDate(finalOk) : null,
        address: streetAddress(rng),
        apn: parcelNumber(rng),
        valuation: rng.decimal(minValue, maxValue, 2),
        square_feet: HAS_AREA.has(type) ? rng.int(type === 'Accessory Dwelling Unit' ? 350 : 200, 4800) : null,
        contractor_name: maybe(rng, 0.85, () => rng.pick(CONTRACTORS)),
        applicant_name: personName(rng),
        applicant_phone: maybe(rng, 0.8, () => fictionalPhone(rng)),
      },
      point: randomPoint(rng),
    };
  },
};

const ZONES = [
  ['R-1', 'Single-Family Residential', 'Low Density Residential', 330],
  ['R-E', 'Rural Exclusive', 'Very Low Density Residential', 60],
  ['RPD', 'Residential Planned Development', 'Low Density Residential', 170],
  ['R-2', 'Two-Family Residential', 'Medium Density Residential', 40],
  ['R-3', 'Multiple-Family Residential', 'High Density Residential', 50],
  ['C-1', 'Neighborhood Shopping Center', 'Commercial', 30],
  ['C-2', 'Retail Business', 'Commercial', 35],
  ['CO', 'Commercial Office', 'Commercial', 35],
  ['CPD', 'Commercial Planned Development', 'Commercial', 40],
  ['M-1', 'Industrial Park', 'Industrial', 25],
  ['P-L', 'Public, Quasi-Public and Institutional Lands', 'Institutional', 20],
  ['O-S', 'Open Space', 'Existing Open Space', 45],
] as const;
const OVERLAYS = ['Scenic Corridor (SC)', 'Hillside Planned Development', 'Thousand Oaks Boulevard Specific Plan', 'Rancho Conejo Specific Plan'] as const;

export const zoning: DatasetSpec = {
  identifier: 'toaks-zoning-districts',
  title: 'Zoning Districts by Parcel',
  description:
    'Zoning district and General Plan land-use designation of each parcel in the city, as adopted by the City Council and amended by ' +
    'ordinance. One row per parcel with its assessor parcel number, situs address, zoning code, overlay district where one applies, ' +
    'lot area and the most recent zoning amendment. Points are parcel centroids. Updated after each zone change.',
  keywords: ['zoning', 'land use', 'general plan', 'parcels', 'planning'],
  themes: ['Housing & Development'],
  issued: '2017-01-15',
  modified: '2026-10-28T20:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'irregular',
  spatial: CITY_BBOX,
  temporal: '1964-10-07/2026-10-28',
  publisher: 'planning',
  steward: 'james.obrien@toaks.example',
  license: 'ODbL-1.0',
  geographic: true,
  references: ['https://www.toaks.example/municipal-code/title-9-planning-and-zoning'],
  recordCount: 250,
  fields: [
    field('apn', 'TEXT', 'Parcel (APN)', 'Ventura County assessor parcel number.'),
    field('situs_address', 'TEXT', 'Address', 'Situs address of the parcel.', { nullable: true }),
    field('zone_code', 'TEXT', 'Zoning code', 'Zoning district code, e.g. R-1, CPD, M-1.'),
    field('zone_description', 'TEXT', 'Zoning district', 'Name of the zoning district.'),
    field('general_plan', 'TEXT', 'General Plan designation', 'Land-use designation in the General Plan.'),
    field('overlay', 'TEXT', 'Overlay', 'Overlay district or specific plan, if any.', { nullable: true }),
    field('lot_area_sqft', 'INTEGER', 'Lot area (sq ft)', 'Parcel area in square feet.'),
    field('in_hillside_area', 'BOOLEAN', 'Hillside area', 'Parcel lies in the hillside development area.'),
    field('last_amended', 'DATE', 'Last amended', 'Effective date of the latest zone change affecting the parcel.', { nullable: true }),
    field('ordinance_number', 'TEXT', 'Ordinance', 'Ordinance of the latest zone change.', { nullable: true }),
  ],
  generate(rng) {
    const [code, description, plan] = rng.weighted(ZONES.map((zone) => [zone, zone[3]] as const));
    const amended = rng.chance(0.35) ? daysAgo(rng.int(30, 9000)) : null;
    const residential = code.startsWith('R');
    return {
      attributes: {
        apn: parcelNumber(rng),
        situs_address: code === 'O-S' ? null : streetAddress(rng),
        zone_code: code,
        zone_description: description,
        general_plan: plan,
        overlay: maybe(rng, 0.18, () => rng.pick(OVERLAYS)),
        lot_area_sqft: code === 'O-S' ? rng.int(40_000, 2_500_000) : code === 'R-E' ? rng.int(20_000, 90_000) : residential ? rng.int(4_500, 22_000) : rng.int(12_000, 180_000),
        in_hillside_area: rng.chance(code === 'R-E' || code === 'O-S' ? 0.6 : 0.12),
        last_amended: amended ? isoDate(amended) : null,
        ordinance_number: amended ? `${amended.getUTCFullYear()}-${padded(rng.int(1, 40), 3)}-NS` : null,
      },
      point: randomPoint(rng),
    };
  },
};
