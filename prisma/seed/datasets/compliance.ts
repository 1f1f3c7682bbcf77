// Code Compliance datasets: the public case list and the non-public complainant contacts behind it.
import { CITY_BBOX, CITY_NAME, NEIGHBORHOODS, emailFor, fictionalPhone, personName, randomPoint, streetAddress, type Point } from '../places.js';
import { addDays, addHours, daysAgo, isoDate, recordRng } from '../random.js';
import { chronoDaysAgo, field, maybe, padded, type DatasetSpec, type FieldValue } from '../types.js';

const CASE_TYPES = [
  ['Overgrown Vegetation / Weed Abatement', 120], ['Unpermitted Construction', 110], ['Inoperable Vehicle', 70],
  ['Property Maintenance', 90], ['Illegal Sign', 45], ['Short-Term Rental', 40], ['Trash Containers in View', 55],
  ['Oak Tree Encroachment', 30], ['Noise', 40],
] as const;
const INSPECTORS = ['Inspector D. Alvarez', 'Inspector K. Pham', 'Inspector S. Brooks', 'Inspector T. Ruiz'] as const;

export const codeCases: DatasetSpec = {
  identifier: 'toaks-code-compliance-cases',
  title: 'Code Compliance Cases',
  description:
    'Municipal code compliance cases opened by the Code Compliance program, from weed abatement and inoperable vehicles to unpermitted ' +
    'construction and oak tree encroachment. One row per case with type, status, open and close dates, location, number of violations and ' +
    'any administrative fine. Complainant names and phone numbers are personal information and are never shown to public callers.',
  keywords: ['code enforcement', 'code compliance', 'violations', 'property maintenance'],
  themes: ['Housing & Development', 'Public Safety'],
  issued: '2018-07-01',
  modified: '2026-11-16T08:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1W',
  spatial: CITY_BBOX,
  temporal: '2019-01-01/2026-11-15',
  publisher: 'community-development',
  steward: 'kevin.ostrowski@toaks.example',
  license: 'CC-BY-4.0',
  geographic: true,
  recordCount: 600,
  // The 2019 import from the old case system copied its complainant address column into a few rows.
  undeclaredAttributes: {
    0: { complainant_address: '1184 Calle Almendro' },
    1: { complainant_address: '2710 Lynn Road' },
  },
  fields: [
    field('case_number', 'TEXT', 'Case number', 'Code compliance case number, e.g. CE24-0123.'),
    field('case_type', 'TEXT', 'Case type', 'Category of the alleged violation.'),
    field('status', 'TEXT', 'Status', 'Open, Closed - Voluntary Compliance, Citation Issued, Referred to City Attorney or Unfounded.'),
    field('opened_date', 'DATE', 'Opened', 'Date the case was opened.'),
    field('closed_date', 'DATE', 'Closed', 'Date the case was closed.', { nullable: true }),
    field('address', 'TEXT', 'Address', 'Location of the alleged violation.'),
    field('neighborhood', 'TEXT', 'Neighborhood', 'Neighborhood of the location.'),
    field('inspector', 'TEXT', 'Inspector', 'Assigned code compliance inspector.'),
    field('violation_count', 'INTEGER', 'Violations', 'Number of violations cited on the case.'),
    field('fine_amount', 'DECIMAL', 'Fine (USD)', 'Administrative fine assessed, if any.', { nullable: true }),
    field('complainant_name', 'TEXT', 'Complainant name', 'Name of the complainant; null when anonymous.', { nullable: true, pii: true }),
    field('complainant_phone', 'TEXT', 'Complainant phone', 'Complainant phone; null when anonymous.', { nullable: true, pii: true }),
  ],
  generate(rng, index) {
    const opened = daysAgo(chronoDaysAgo(rng, index, codeCases.recordCount, 2860, 6));
    const closedAfter = rng.int(3, 240);
    const closed = addDays(opened, closedAfter) <= daysAgo(5) && rng.chance(0.88) ? addDays(opened, closedAfter) : null;
    const outcome = rng.weighted([['Closed - Voluntary Compliance', 70], ['Citation Issued', 12], ['Referred to City Attorney', 3], ['Unfounded', 15]] as const);
    const status = closed ? outcome : 'Open';
    const anonymous = rng.chance(0.4);
    return {
      attributes: {
        case_number: `CE${String(opened.getUTCFullYear()).slice(2)}-${padded(index + 1, 4)}`,
        case_type: rng.weighted(CASE_TYPES),
        status,
        opened_date: isoDate(opened),
        closed_date: closed ? isoDate(closed) : null,
        address: streetAddress(rng),
        neighborhood: rng.pick(NEIGHBORHOODS),
        inspector: rng.pick(INSPECTORS),
        violation_count: status === 'Unfounded' ? 0 : rng.int(1, 4),
        fine_amount: status === 'Citation Issued' ? rng.pick([100, 200, 500, 1000]) : null,
        complainant_name: anonymous ? null : personName(rng),
        complainant_phone: anonymous ? null : maybe(rng, 0.7, () => fictionalPhone(rng)),
      },
      point: randomPoint(rng),
    };
  },
};

interface CaseContact {
  caseNumber: string;
  opened: string;
  name: string;
  phone: FieldValue;
  point: Point | null;
}

let contacts: CaseContact[] | undefined;

/** The code cases with a named complainant, regenerated exactly as records.ts generates them. */
function caseContacts(): CaseContact[] {
  if (contacts) return contacts;
  const rng = recordRng(codeCases.identifier);
  contacts = [];
  for (let i = 0; i < codeCases.recordCount; i++) {
    const { attributes, point } = codeCases.generate(rng, i);
    const { case_number: caseNumber, opened_date: opened, complainant_name: name, complainant_phone: phone } = attributes;
    if (typeof caseNumber === 'string' && typeof opened === 'string' && typeof name === 'string') {
      contacts.push({ caseNumber, opened, name, phone: phone ?? null, point });
    }
  }
  return contacts;
}

export const complainants: DatasetSpec = {
  identifier: 'toaks-code-enforcement-complainants',
  title: 'Code Enforcement Complainant Contacts',
  description:
    'Contact details of residents who reported the code compliance cases in the public case list, kept so inspectors can follow up ' +
    'and report outcomes. One row per named complainant with the case number, how the report arrived, the preferred contact method ' +
    'and whether confidentiality was requested. Internal working data of the Code Compliance program; not released to the public.',
  keywords: ['code enforcement', 'complainants', 'internal'],
  themes: ['Public Safety'],
  issued: '2020-02-01',
  modified: '2026-11-16T08:05:00Z',
  accessLevel: 'NON_PUBLIC',
  rights:
    'Complainant identities are confidential official information (Evidence Code §1040; Gov. Code §7927.705). ' +
    'Available to Code Compliance staff only.',
  accrualPeriodicity: 'R/P1W',
  spatial: CITY_NAME,
  temporal: '2019-01-01/2026-11-15',
  publisher: 'community-development',
  steward: 'kevin.ostrowski@toaks.example',
  license: 'not-specified',
  // Where the complaint was made: usually next door to the complainant, so it locates them.
  geographic: true,
  geometryPii: true,
  recordCount: 150,
  fields: [
    field('case_number', 'TEXT', 'Case number', 'The code compliance case this complainant reported.'),
    field('complainant_name', 'TEXT', 'Name', 'Complainant full name.', { pii: true }),
    field('complainant_email', 'TEXT', 'Email', 'Complainant email address.', { nullable: true, pii: true }),
    field('complainant_phone', 'TEXT', 'Phone', 'Complainant phone number.', { nullable: true, pii: true }),
    field('relationship', 'TEXT', 'Relationship', 'How the complainant relates to the property: neighbor, tenant, passer-by, business owner.'),
    field('intake_channel', 'TEXT', 'Intake channel', 'Phone, Online Form, Public Counter or Email.'),
    field('preferred_contact', 'TEXT', 'Preferred contact', 'Email, Phone or Mail.'),
    field('confidentiality_requested', 'BOOLEAN', 'Confidentiality requested', 'The complainant asked not to be identified to the property owner.'),
    field('received_at', 'TIMESTAMP', 'Received', 'When the complaint was received.'),
  ],
  generate(rng, index) {
    const contact = caseContacts()[index];
    if (!contact) throw new Error(`seed: no named complainant for row ${index}`);
    const received = addHours(new Date(`${contact.opened}T00:00:00Z`), rng.int(14, 25) + rng.next());
    return {
      attributes: {
        case_number: contact.caseNumber,
        complainant_name: contact.name,
        complainant_email: maybe(rng, 0.65, () => emailFor(contact.name, rng)),
        complainant_phone: contact.phone,
        relationship: rng.weighted([['Neighbor', 70], ['Tenant', 12], ['Passer-by', 12], ['Business owner', 6]] as const),
        intake_channel: rng.weighted([['Online Form', 45], ['Phone', 35], ['Email', 12], ['Public Counter', 8]] as const),
        preferred_contact: rng.weighted([['Email', 50], ['Phone', 45], ['Mail', 5]] as const),
        confidentiality_requested: rng.chance(0.55),
        received_at: new Date(Math.floor(received.getTime() / 1000) * 1000).toISOString(),
      },
      point: contact.point,
    };
  },
};
