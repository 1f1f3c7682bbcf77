// Public Works programs: capital improvement projects and 311-style service requests.
import { ARTERIALS, CITY_BBOX, STREETS, randomPoint, streetAddress } from '../places.js';
import { addDays, addHours, ANCHOR, daysAgo, isoDate, LAST_DAY } from '../random.js';
import { chronoDaysAgo, field, padded, type DatasetSpec } from '../types.js';

const PARKS = ['Conejo Creek Park', 'Borchard Community Park', 'Thousand Oaks Community Park', 'Wildwood Park', 'Dos Vientos Community Park', 'Estella Park'] as const;
const CIP_CATEGORIES = [
  ['Streets', (street: string) => `${street} Pavement Rehabilitation`],
  ['Traffic', (street: string) => `${street} Traffic Signal Modernization`],
  ['Water', (street: string) => `${street} Water Main Replacement`],
  ['Wastewater', (street: string) => `${street} Sewer Lining`],
  ['Storm Drain', (street: string) => `${street} Storm Drain Improvements`],
  ['Bike & Pedestrian', (street: string) => `${street} Sidewalk and Bike Lane Gap Closure`],
  ['Facilities', (_: string, park: string) => `${park} Restroom and ADA Upgrades`],
  ['Parks', (_: string, park: string) => `${park} Playground Replacement`],
] as const;
const FUNDING = ['Gas Tax (SB 1)', 'General Fund', 'Water Enterprise Fund', 'Wastewater Enterprise Fund', 'Federal HSIP Grant', 'Measure O', 'Developer Impact Fees'] as const;
const MANAGERS = ['A. Reyes', 'J. Kaplan', 'M. Soto', 'T. Brennan', 'L. Ng'] as const;

export const capitalProjects: DatasetSpec = {
  identifier: 'toaks-capital-improvement-projects',
  title: 'Capital Improvement Projects',
  description:
    'Projects in the adopted Capital Improvement Program: street rehabilitation, traffic signals, water and sewer mains, storm drains, ' +
    'sidewalks and bike lanes, and park and facility upgrades. One row per project with category, current phase, budget, expenditures ' +
    'to date, funding source, project manager and estimated completion. Updated monthly from the project ledger.',
  keywords: ['capital improvement program', 'CIP', 'infrastructure', 'budget', 'construction'],
  themes: ['Government', 'Transportation'],
  issued: '2020-07-01',
  modified: '2026-11-05T17:45:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1M',
  spatial: CITY_BBOX,
  temporal: '2020-07-01/2026-10-31',
  publisher: 'public-works',
  steward: 'angela.reyes@toaks.example',
  license: 'CC0-1.0',
  geographic: true,
  recordCount: 60,
  fields: [
    field('project_number', 'TEXT', 'Project number', 'CIP project number, e.g. CI 5412.'),
    field('project_name', 'TEXT', 'Project', 'Project title.'),
    field('category', 'TEXT', 'Category', 'Program category.'),
    field('phase', 'TEXT', 'Phase', 'Planning, Design, Bid, Construction or Complete.'),
    field('budget', 'DECIMAL', 'Budget (USD)', 'Total adopted project budget.'),
    field('expended', 'DECIMAL', 'Expended (USD)', 'Expenditures to date.'),
    field('funding_source', 'TEXT', 'Funding', 'Primary funding source.'),
    field('start_fiscal_year', 'TEXT', 'First fiscal year', 'Fiscal year the project was first funded, e.g. FY 2024-25.'),
    field('estimated_completion', 'DATE', 'Estimated completion', 'Planned completion date; actual date when complete.', { nullable: true }),
    field('project_manager', 'TEXT', 'Project manager', 'Engineering project manager.'),
  ],
  generate(rng, index) {
    const [category, name] = rng.pick(CIP_CATEGORIES);
    const phase = rng.weighted([['Planning', 12], ['Design', 25], ['Bid', 6], ['Construction', 27], ['Complete', 30]] as const);
    const budget = rng.int(15, 900) * 10_000;
    const spentShare = { Planning: 0.03, Design: 0.12, Bid: 0.18, Construction: 0.55, Complete: 0.97 }[phase];
    const completion = phase === 'Complete' ? daysAgo(rng.int(30, 1600)) : rng.chance(0.8) ? addDays(ANCHOR, rng.int(60, 1100)) : null;
    const startYear = phase === 'Complete' && completion ? Math.max(2020, completion.getUTCFullYear() - rng.int(1, 3)) : rng.int(2020, 2026);
    return {
      attributes: {
        project_number: `CI ${5100 + index * 7}`,
        project_name: name(rng.pick(ARTERIALS), rng.pick(PARKS)),
        category,
        phase,
        budget,
        expended: Math.round(budget * spentShare * (0.8 + rng.next() * 0.3) * 100) / 100,
        funding_source: rng.pick(FUNDING),
        start_fiscal_year: `FY ${startYear}-${String(startYear + 1).slice(2)}`,
        estimated_completion: completion ? isoDate(completion) : null,
        project_manager: rng.pick(MANAGERS),
      },
      point: randomPoint(rng),
    };
  },
};

const REQUEST_TYPES = [
  ['Pothole', 'Public Works — Streets', 150, 6], ['Graffiti', 'Public Works — Maintenance', 90, 3],
  ['Streetlight Out', 'Public Works — Streetlights', 80, 12], ['Illegal Dumping', 'Public Works — Maintenance', 70, 4],
  ['Sidewalk Damage', 'Public Works — Streets', 50, 45], ['Tree Trimming / Fallen Limb', 'Public Works — Urban Forestry', 60, 20],
  ['Storm Drain Blockage', 'Public Works — Stormwater', 25, 5], ['Abandoned Shopping Cart', 'Public Works — Maintenance', 30, 2],
  ['Traffic Signal Issue', 'Public Works — Traffic Engineering', 25, 2], ['Weeds / Overgrown Lot', 'Code Compliance', 20, 25],
] as const;

export const serviceRequests: DatasetSpec = {
  identifier: 'toaks-service-requests',
  title: 'Service Requests (311)',
  description:
    'Non-emergency service requests submitted by residents through the city app, website, phone and email: potholes, graffiti, ' +
    'streetlight outages, illegal dumping, damaged sidewalks, tree limbs and more. One row per request with its type, channel, status, ' +
    'submission and closure times, responsible work group and location. Updated daily.',
  keywords: ['311', 'service requests', 'potholes', 'graffiti', 'city services'],
  themes: ['Government', 'Transportation'],
  issued: '2021-03-15',
  modified: '2026-11-20T05:30:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1D',
  spatial: CITY_BBOX,
  temporal: '2021-01-01/2026-11-19',
  publisher: 'public-works',
  steward: 'marcus.bell@toaks.example',
  license: 'CC0-1.0',
  geographic: true,
  recordCount: 600,
  fields: [
    field('request_id', 'TEXT', 'Request ID', 'Service request number.'),
    field('request_type', 'TEXT', 'Type', 'What the resident reported.'),
    field('channel', 'TEXT', 'Channel', 'Mobile App, Web, Phone or Email.'),
    field('status', 'TEXT', 'Status', 'Open, Assigned or Closed.'),
    field('submitted_at', 'TIMESTAMP', 'Submitted', 'When the request was submitted.'),
    field('closed_at', 'TIMESTAMP', 'Closed', 'When the request was closed.', { nullable: true }),
    field('days_to_close', 'INTEGER', 'Days to close', 'Whole days from submission to closure.', { nullable: true }),
    field('work_group', 'TEXT', 'Work group', 'Group responsible for the request.'),
    field('address', 'TEXT', 'Address', 'Approximate location reported.'),
  ],
  generate(rng, index) {
    const [type, group, , typicalDays] = rng.weighted(REQUEST_TYPES.map((row) => [row, row[2]] as const));
    const submitted = addHours(daysAgo(chronoDaysAgo(rng, index, serviceRequests.recordCount, 2150, 1)), -rng.int(0, 600) / 60);
    const closedAt = addHours(submitted, Math.max(1, Math.round(typicalDays * 24 * (0.2 + rng.next() * 1.8))));
    const closed = closedAt <= LAST_DAY && rng.chance(0.96) ? closedAt : null;
    const toMinute = (date: Date) => new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString();
    return {
      attributes: {
        request_id: `SR-${padded(240_000 + index * 13, 7)}`,
        request_type: type,
        channel: rng.weighted([['Mobile App', 45], ['Web', 25], ['Phone', 25], ['Email', 5]] as const),
        status: closed ? 'Closed' : rng.chance(0.6) ? 'Assigned' : 'Open',
        submitted_at: toMinute(submitted),
        closed_at: closed ? toMinute(closed) : null,
        days_to_close: closed ? Math.floor((closed.getTime() - submitted.getTime()) / 86_400_000) : null,
        work_group: group,
        address: streetAddress(rng, rng.pick(STREETS)),
      },
      point: randomPoint(rng),
    };
  },
};
