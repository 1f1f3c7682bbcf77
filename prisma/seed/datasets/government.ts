// City government: council and commission agendas, business tax certificates (business licenses).
import { CITY_BBOX, CITY_NAME, pacificTime, personName, randomPoint, streetAddress } from '../places.js';
import { addDays, daysAgo, isoDate } from '../random.js';
import { field, maybe, padded, type DatasetSpec } from '../types.js';

const LAST_COUNCIL_TUESDAY = '2026-11-17';

export const agendas: DatasetSpec = {
  identifier: 'toaks-council-agendas',
  title: 'City Council and Planning Commission Agendas',
  description:
    'Agendas of City Council and Planning Commission meetings held in the Council Chambers at the Civic Arts Plaza, with meeting date ' +
    'and start time, meeting type, number of agenda items, and links to the agenda packet, the approved minutes and the meeting video. ' +
    'Minutes are linked once the body approves them. Updated weekly.',
  keywords: ['city council', 'agendas', 'minutes', 'planning commission', 'public meetings'],
  themes: ['Government'],
  issued: '2019-05-01',
  modified: '2026-11-18T17:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1W',
  spatial: CITY_NAME,
  temporal: '2024-08-01/2026-11-17',
  publisher: 'city-clerk',
  steward: 'heather.morales@toaks.example',
  license: 'PDDL-1.0',
  geographic: false,
  recordCount: 120,
  fields: [
    field('meeting_id', 'TEXT', 'Meeting ID', 'Clerk meeting identifier.'),
    field('body', 'TEXT', 'Body', 'City Council or Planning Commission.'),
    field('meeting_type', 'TEXT', 'Meeting type', 'Regular, Special or Closed Session.'),
    field('meeting_date', 'DATE', 'Date', 'Meeting date.'),
    field('starts_at', 'TIMESTAMP', 'Start time', 'Scheduled start time.'),
    field('location', 'TEXT', 'Location', 'Meeting place.'),
    field('item_count', 'INTEGER', 'Agenda items', 'Number of items on the agenda.'),
    field('cancelled', 'BOOLEAN', 'Cancelled', 'The meeting was cancelled.'),
    field('agenda_url', 'TEXT', 'Agenda', 'Agenda packet (PDF).'),
    field('minutes_url', 'TEXT', 'Minutes', 'Approved minutes (PDF).', { nullable: true }),
    field('video_url', 'TEXT', 'Video', 'Meeting video.', { nullable: true }),
  ],
  generate(rng, index) {
    const council = index % 2 === 0;
    const date = isoDate(addDays(new Date(`${LAST_COUNCIL_TUESDAY}T12:00:00Z`), -7 * index - (council ? 0 : 1)));
    const body = council ? 'City Council' : 'Planning Commission';
    const type = council ? rng.weighted([['Regular', 85], ['Special', 10], ['Closed Session', 5]] as const) : 'Regular';
    const cancelled = rng.chance(0.04);
    const slug = council ? 'city-council' : 'planning-commission';
    const held = !cancelled && type !== 'Closed Session';
    return {
      attributes: {
        meeting_id: `${council ? 'CC' : 'PC'}-${date.replaceAll('-', '')}`,
        body,
        meeting_type: type,
        meeting_date: date,
        starts_at: pacificTime(date, type === 'Closed Session' ? 17 : 18).toISOString(),
        location: 'Council Chambers, Civic Arts Plaza, 2100 Thousand Oaks Blvd',
        item_count: type === 'Closed Session' ? rng.int(1, 4) : rng.int(council ? 10 : 3, council ? 28 : 9),
        cancelled,
        agenda_url: `https://www.toaks.example/agendas/${slug}/${date}.pdf`,
        minutes_url: held && index >= 4 ? `https://www.toaks.example/minutes/${slug}/${date}.pdf` : null,
        video_url: held ? `https://www.toaks.example/video/${slug}/${date}` : null,
      },
      point: null,
    };
  },
};

const CATEGORIES = [
  ['621210', 'Offices of Dentists', 'Dental Group', 20], ['722515', 'Snack and Nonalcoholic Beverage Bars', 'Coffee Co', 18],
  ['811111', 'General Automotive Repair', 'Auto Care', 16], ['713940', 'Fitness and Recreational Sports Centers', 'Fitness Studio', 14],
  ['541611', 'Management Consulting Services', 'Consulting LLC', 30], ['561730', 'Landscaping Services', 'Landscaping', 22],
  ['311811', 'Retail Bakeries', 'Bakery', 8], ['812910', 'Pet Care (except Veterinary) Services', 'Pet Grooming', 12],
  ['541213', 'Tax Preparation Services', 'Tax Services', 14], ['531210', 'Offices of Real Estate Agents and Brokers', 'Realty', 26],
  ['722511', 'Full-Service Restaurants', 'Kitchen', 24], ['541511', 'Custom Computer Programming Services', 'Software Inc', 18],
] as const;
const PREFIXES = ['Conejo', 'Oak Valley', 'Westlake', 'Janss', 'Lynn Ranch', 'Los Robles', 'Triunfo', 'Wildwood', 'Arroyo', 'Hillcrest', 'Ventu', 'Rancho'] as const;

export const businessLicenses: DatasetSpec = {
  identifier: 'toaks-business-licenses',
  title: 'Business Tax Certificates',
  description:
    'Businesses holding a City of Thousand Oaks business tax certificate (business license), with business name, NAICS industry code ' +
    'and description, location, home-based status, certificate issue and expiration dates and reported employee count. Home-based ' +
    'businesses show no address or map point. The license for reuse of this extract has not been determined.',
  keywords: ['business licenses', 'business tax', 'NAICS', 'economy'],
  themes: ['Government'],
  issued: '2021-01-20',
  modified: '2026-11-09T18:20:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1W',
  spatial: CITY_BBOX,
  temporal: '2018-01-01/2026-11-08',
  publisher: 'finance',
  steward: 'brian.kessler@toaks.example',
  license: 'not-specified',
  geographic: true,
  recordCount: 300,
  fields: [
    field('certificate_number', 'TEXT', 'Certificate', 'Business tax certificate number.'),
    field('business_name', 'TEXT', 'Business name', 'Registered business name.'),
    field('naics_code', 'TEXT', 'NAICS code', 'Six-digit NAICS industry code.'),
    field('naics_description', 'TEXT', 'Industry', 'NAICS industry title.'),
    field('address', 'TEXT', 'Address', 'Business location; null for home-based businesses.', { nullable: true }),
    field('home_based', 'BOOLEAN', 'Home-based', 'Operates from a residence.'),
    field('status', 'TEXT', 'Status', 'Active, Expired or Closed.'),
    field('issue_date', 'DATE', 'Issued', 'Date the current certificate was issued.'),
    field('expiration_date', 'DATE', 'Expires', 'Certificate expiration date.'),
    field('employees', 'INTEGER', 'Employees', 'Employees reported at renewal.', { nullable: true }),
    field('owner_name', 'TEXT', 'Owner', 'Owner or principal named on the application.', { pii: true }),
  ],
  generate(rng, index) {
    const [code, industry, suffix] = rng.weighted(CATEGORIES.map((row) => [row, row[3]] as const));
    const homeBased = (code === '541611' || code === '541213' || code === '541511' || code === '561730') && rng.chance(0.55);
    const status = rng.weighted([['Active', 75], ['Expired', 17], ['Closed', 8]] as const);
    const issued = daysAgo(status === 'Active' ? rng.int(12, 360) : rng.int(400, 3200));
    const expires = addDays(issued, 365);
    return {
      attributes: {
        certificate_number: `BTC-${padded(104_000 + index * 11, 6)}`,
        business_name: `${rng.pick(PREFIXES)} ${suffix}`,
        naics_code: code,
        naics_description: industry,
        address: homeBased ? null : `${streetAddress(rng)}${rng.chance(0.4) ? `, Suite ${rng.int(100, 320)}` : ''}`,
        home_based: homeBased,
        status,
        issue_date: isoDate(issued),
        expiration_date: isoDate(expires),
        employees: maybe(rng, 0.85, () => (homeBased ? rng.int(1, 3) : rng.int(1, 60))),
        owner_name: personName(rng),
      },
      point: homeBased ? null : randomPoint(rng),
    };
  },
};
