// City departments (DCAT publishers), data stewards (contact points) and staff accounts.
import type { StaffRole } from '../../src/generated/prisma/client.js';

export interface DepartmentSeed {
  slug: string;
  name: string;
  description: string;
  email: string;
  phone: string;
}

export const DEPARTMENTS: DepartmentSeed[] = [
  {
    slug: 'public-works',
    name: 'Public Works',
    description: 'Maintains streets, streetlights, the urban forest, storm drains, water and wastewater systems, and delivers the capital improvement program.',
    email: 'publicworks@toaks.example',
    phone: '(805) 449-2400',
  },
  {
    slug: 'community-development',
    name: 'Community Development — Building & Safety',
    description: 'Reviews plans, issues building permits, inspects construction and runs the code compliance program.',
    email: 'building@toaks.example',
    phone: '(805) 449-2500',
  },
  {
    slug: 'planning',
    name: 'Planning',
    description: 'Maintains the General Plan and zoning ordinance, processes land-use entitlements and supports the Planning Commission.',
    email: 'planning@toaks.example',
    phone: '(805) 449-2323',
  },
  {
    slug: 'parks-recreation',
    name: 'Parks & Recreation',
    description: 'City liaison to the Conejo Recreation and Park District: parks, open space trailheads, sports fields and community centers.',
    email: 'parks@toaks.example',
    phone: '(805) 495-6471',
  },
  {
    slug: 'police-traffic-safety',
    name: 'Police — Traffic Safety',
    description: 'Traffic Bureau of the contracted police services: collision investigation, traffic enforcement and safety education.',
    email: 'traffic.safety@toaks.example',
    phone: '(805) 494-8200',
  },
  {
    slug: 'information-technology',
    name: 'Information Technology',
    description: 'Runs the city network, GIS, the open data portal and its API, and handles access and privacy incidents.',
    email: 'it.help@toaks.example',
    phone: '(805) 449-2200',
  },
  {
    slug: 'city-clerk',
    name: 'City Clerk',
    description: 'Keeps the official record: council agendas and minutes, elections, and Public Records Act requests.',
    email: 'cityclerk@toaks.example',
    phone: '(805) 449-2151',
  },
  {
    slug: 'finance',
    name: 'Finance',
    description: 'Budget, treasury, purchasing and business tax certificates (business licenses).',
    email: 'finance@toaks.example',
    phone: '(805) 449-2200',
  },
  {
    slug: 'library-services',
    name: 'Library Services',
    description: 'Operates the Grant R. Brimhall Library and the Newbury Park Branch Library.',
    email: 'library@toaks.example',
    phone: '(805) 449-2660',
  },
];

export interface StewardSeed {
  name: string;
  email: string;
  title: string;
  phone: string;
  department: string;
}

export const STEWARDS: StewardSeed[] = [
  { name: 'Maria Delgado', email: 'maria.delgado@toaks.example', title: 'Senior Permit Technician', phone: '(805) 449-2501', department: 'community-development' },
  { name: 'Kevin Ostrowski', email: 'kevin.ostrowski@toaks.example', title: 'Code Compliance Supervisor', phone: '(805) 449-2517', department: 'community-development' },
  { name: 'Daniel Whitfield', email: 'daniel.whitfield@toaks.example', title: 'Municipal Arborist', phone: '(805) 449-2415', department: 'public-works' },
  { name: 'Angela Reyes', email: 'angela.reyes@toaks.example', title: 'Senior Civil Engineer', phone: '(805) 449-2432', department: 'public-works' },
  { name: 'Marcus Bell', email: 'marcus.bell@toaks.example', title: 'Maintenance Services Superintendent', phone: '(805) 449-2478', department: 'public-works' },
  { name: 'James O\'Brien', email: 'james.obrien@toaks.example', title: 'Senior Planner', phone: '(805) 449-2329', department: 'planning' },
  { name: 'Laura Chen', email: 'laura.chen@toaks.example', title: 'Park Planning Analyst', phone: '(805) 495-6480', department: 'parks-recreation' },
  { name: 'Rebecca Hall', email: 'rebecca.hall@toaks.example', title: 'Traffic Bureau Sergeant', phone: '(805) 494-8212', department: 'police-traffic-safety' },
  { name: 'Priya Natarajan', email: 'priya.natarajan@toaks.example', title: 'GIS & Open Data Coordinator', phone: '(805) 449-2214', department: 'information-technology' },
  { name: 'Heather Morales', email: 'heather.morales@toaks.example', title: 'Deputy City Clerk', phone: '(805) 449-2153', department: 'city-clerk' },
  { name: 'Brian Kessler', email: 'brian.kessler@toaks.example', title: 'Revenue Manager', phone: '(805) 449-2241', department: 'finance' },
  { name: 'Sofia Ramirez', email: 'sofia.ramirez@toaks.example', title: 'Library Services Manager', phone: '(805) 449-2664', department: 'library-services' },
];

export interface StaffSeed {
  email: string;
  name: string;
  roles: StaffRole[];
  department: string | null;
  active: boolean;
}

/** Staff who are not stewards. Every steward also gets a STEWARD account (see stewardStaff). */
export const OTHER_STAFF: StaffSeed[] = [
  { email: 'admin@toaks.example', name: 'Alex Moreno', roles: ['ADMIN'], department: 'information-technology', active: true },
  { email: 'clerk@toaks.example', name: 'Jennifer Walsh', roles: ['RECORDS_CLERK'], department: 'city-clerk', active: true },
  { email: 'compliance@toaks.example', name: 'Robert Tanaka', roles: ['COMPLIANCE_OFFICER'], department: 'community-development', active: true },
  { email: 'former.analyst@toaks.example', name: 'Gregory Lane', roles: ['STEWARD'], department: 'planning', active: false },
];

export function stewardStaff(steward: StewardSeed): StaffSeed {
  return { email: steward.email, name: steward.name, roles: ['STEWARD'], department: steward.department, active: true };
}

export interface LicenseSeed {
  spdxId: string;
  name: string;
  url: string | null;
  reuseTerms: string;
  specified: boolean;
}

export const NOT_SPECIFIED = 'not-specified';

export const LICENSES: LicenseSeed[] = [
  { spdxId: 'CC0-1.0', name: 'Creative Commons Zero v1.0 Universal', url: 'https://creativecommons.org/publicdomain/zero/1.0/', reuseTerms: 'Public domain dedication: reuse for any purpose without attribution.', specified: true },
  { spdxId: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/', reuseTerms: 'Reuse for any purpose, including commercially, with attribution to the City of Thousand Oaks.', specified: true },
  { spdxId: 'ODC-By-1.0', name: 'Open Data Commons Attribution License v1.0', url: 'https://opendatacommons.org/licenses/by/1-0/', reuseTerms: 'Share and adapt the database with attribution to the City of Thousand Oaks.', specified: true },
  { spdxId: 'ODbL-1.0', name: 'Open Data Commons Open Database License v1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', reuseTerms: 'Share and adapt with attribution; adapted databases must be shared under the ODbL.', specified: true },
  { spdxId: 'PDDL-1.0', name: 'Open Data Commons Public Domain Dedication and License v1.0', url: 'https://opendatacommons.org/licenses/pddl/1-0/', reuseTerms: 'Public domain: reuse for any purpose without restriction.', specified: true },
  { spdxId: NOT_SPECIFIED, name: 'License not specified', url: null, reuseTerms: 'License not specified — contact the steward before redistributing.', specified: false },
];
