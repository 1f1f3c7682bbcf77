// Complaints in every category and status, routed by the domain rules, with their timelines.
import type { ComplaintCategory, ComplaintStatus, Prisma, Priority } from '../../src/generated/prisma/client.js';
import { stableId } from './random.js';
import { DEFAULT_SLA_HOURS } from '../../src/config-rules.js';
import { slaDueAt } from '../../src/complaints/routing.js';
import { ADMIN, buildTimeline, COMPLIANCE, lastEventAt, priorityFor, reachedAt, routeFor, staffId, submittedAt, tracking, type EventSeed, type Tracking } from './workflow.js';

/** Records a complaint points at: the first `take` records of `dataset` whose `field` equals `equals`. */
interface RecordPick {
  field: string;
  equals: string;
  take: number;
  /** Field shown in the description in place of `{records}`. */
  label: string;
}

interface ComplaintSeed {
  category: ComplaintCategory;
  status: ComplaintStatus;
  priority?: Priority;
  summary: string;
  description: string;
  reporter?: { name: string; email: string };
  dataset?: string;
  records?: RecordPick;
  assignee?: string;
  resolution?: string;
  dismissalReason?: string;
  reopenCount?: number;
  daysAgo: number;
  events: EventSeed<ComplaintStatus>[];
}

const ARBORIST = 'daniel.whitfield@toaks.example';
const REVENUE = 'brian.kessler@toaks.example';
const ENGINEER = 'angela.reyes@toaks.example';
const MAINTENANCE = 'marcus.bell@toaks.example';
const CODE_COMPLIANCE = 'kevin.ostrowski@toaks.example';

const COMPLAINTS: ComplaintSeed[] = [
  {
    category: 'DATASET_ERROR', status: 'RESOLVED', dataset: 'toaks-street-trees', assignee: ARBORIST, daysAgo: 52.4,
    records: { field: 'species_common', equals: 'Valley Oak', take: 2, label: 'tree_id' },
    summary: 'Two street trees listed with the wrong species',
    description: 'Trees {records} are listed as Valley Oaks, but they are London Planes (maple-like leaves, peeling bark).',
    reporter: { name: 'Hannah Brooks', email: 'hbrooks@example.com' },
    resolution: 'Field check confirmed both trees are London Planes. The arborist system is corrected and the next monthly update will show it.',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 18, kind: 'STATUS_CHANGE', by: ARBORIST, to: 'TRIAGED' },
      { at: 18.1, kind: 'ASSIGNMENT', by: ARBORIST, message: 'Assigned to the dataset steward.' },
      { at: 70, kind: 'STATUS_CHANGE', by: ARBORIST, to: 'IN_PROGRESS' },
      { at: 71, kind: 'INTERNAL_NOTE', by: ARBORIST, internal: true, message: 'Crew 3 to verify on the Thursday route.' },
      { at: 140, kind: 'STATUS_CHANGE', by: ARBORIST, to: 'RESOLVED', message: 'Thank you. Both trees were misidentified at planting; corrected.' },
    ],
  },
  {
    category: 'EXPOSED_PERSONAL_DATA', status: 'IN_PROGRESS', dataset: 'toaks-building-permits', assignee: ADMIN, daysAgo: 1.3,
    records: { field: 'status', equals: 'Issued', take: 2, label: 'permit_number' },
    summary: 'Permit CSV shows applicant names and phone numbers',
    description: 'The Building Permits CSV I downloaded this morning includes applicant names and phone numbers, e.g. for permits {records}. The website table hides them.',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 0.4, kind: 'STATUS_CHANGE', by: ADMIN, to: 'TRIAGED', message: 'Priority set to urgent: exposed personal data.' },
      { at: 0.5, kind: 'ASSIGNMENT', by: ADMIN, message: 'Assigned to IT; steward Maria Delgado notified.' },
      { at: 0.9, kind: 'STATUS_CHANGE', by: ADMIN, to: 'IN_PROGRESS' },
      { at: 1.2, kind: 'INTERNAL_NOTE', by: ADMIN, internal: true, message: 'CSV distribution disabled pending a fix to PII redaction in the export path. Checking access logs for downloads.' },
      { at: 2, kind: 'MESSAGE_TO_SUBMITTER', by: ADMIN, message: 'Thank you. We have taken the file offline while we investigate. Please delete your copy.' },
    ],
  },
  {
    category: 'ACCESS_PROBLEM', status: 'TRIAGED', priority: 'HIGH', dataset: 'toaks-streetlights', assignee: ADMIN, daysAgo: 2.2,
    summary: 'Streetlights GeoJSON download fails',
    description: 'The GeoJSON link on the Streetlights dataset returns an HTTP 500 error. The CSV works.',
    reporter: { name: 'Ryan Park', email: 'ryan.park@example.net' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 3, kind: 'STATUS_CHANGE', by: ADMIN, to: 'TRIAGED' },
      { at: 3.1, kind: 'ASSIGNMENT', by: ADMIN, message: 'Assigned to IT.' },
    ],
  },
  {
    category: 'DATA_MISUSE', status: 'IN_PROGRESS', priority: 'HIGH', dataset: 'toaks-business-licenses', assignee: COMPLIANCE, daysAgo: 9.1,
    summary: 'Fake "compliance certificate" invoices sent to businesses',
    description: 'We received a letter titled "Business Compliance Certificate Notice" demanding $89, addressed exactly as our listing in the city business license data. Several neighbors got the same.',
    reporter: { name: 'Grace Lee (Westlake Coffee Co)', email: 'grace@westlakecoffee.example.com' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 5, kind: 'STATUS_CHANGE', by: COMPLIANCE, to: 'TRIAGED' },
      { at: 5.1, kind: 'ASSIGNMENT', by: COMPLIANCE, message: 'Assigned to Compliance Officer.' },
      { at: 26, kind: 'STATUS_CHANGE', by: COMPLIANCE, to: 'IN_PROGRESS' },
      { at: 27, kind: 'INTERNAL_NOTE', by: COMPLIANCE, internal: true, message: 'Referred the mailer to the District Attorney consumer protection unit; Finance drafting a public warning.' },
      { at: 50, kind: 'MESSAGE_TO_SUBMITTER', by: COMPLIANCE, message: 'The City does not issue such certificates. Please do not pay; we have referred the letter for investigation.' },
    ],
  },
  {
    category: 'LICENSE_QUESTION', status: 'RESOLVED', priority: 'LOW', dataset: 'toaks-business-licenses', assignee: REVENUE, daysAgo: 27.5,
    summary: 'May we republish the business license list?',
    description: 'We run a local business directory app. The Business Tax Certificates dataset has no license. May we republish it commercially?',
    reporter: { name: 'Daniel Kim', email: 'dkim@conejolocal.example.com' },
    resolution: 'The dataset\'s license is not specified, so it is not open by default. The steward granted written permission for the directory with attribution; a license decision is pending.',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 22, kind: 'STATUS_CHANGE', by: REVENUE, to: 'TRIAGED' },
      { at: 22.1, kind: 'ASSIGNMENT', by: REVENUE, message: 'Assigned to the dataset steward.' },
      { at: 23, kind: 'STATUS_CHANGE', by: REVENUE, to: 'IN_PROGRESS' },
      { at: 160, kind: 'STATUS_CHANGE', by: REVENUE, to: 'RESOLVED', message: 'Permission letter attached. Please credit "City of Thousand Oaks, Finance Department".' },
    ],
  },
  {
    category: 'DATASET_ERROR', status: 'DISMISSED', dataset: 'toaks-pavement-condition', assignee: ENGINEER, daysAgo: 20.2,
    records: { field: 'street_name', equals: 'Lynn Rd', take: 1, label: 'segment_id' },
    summary: 'Lynn Road pavement score is wrong',
    description: 'Segment {records} on Lynn Rd is rated much better than it is. The road is full of cracks.',
    dismissalReason: 'The rating reflects the June 2026 survey and was re-checked; the segment is scheduled for resurfacing in FY 2026-27. Potholes can be reported as a service request.',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 30, kind: 'STATUS_CHANGE', by: ENGINEER, to: 'TRIAGED' },
      { at: 30.1, kind: 'ASSIGNMENT', by: ENGINEER, message: 'Assigned to the dataset steward.' },
      { at: 96, kind: 'STATUS_CHANGE', by: ENGINEER, to: 'DISMISSED', message: 'The published score matches the latest survey.' },
    ],
  },
  {
    category: 'ACCESS_PROBLEM', status: 'RECEIVED', daysAgo: 0.3,
    summary: 'Partner API key rejected since this morning',
    description: 'Our app has used the same API key for months; since about 6 am every GraphQL call returns 401.',
    reporter: { name: 'Mia Torres', email: 'mia@trailsapp.example.com' },
    events: [{ at: 0, kind: 'SUBMITTED', by: 'submitter' }],
  },
  {
    category: 'DATA_MISUSE', status: 'DISMISSED', dataset: 'toaks-building-permits', assignee: COMPLIANCE, daysAgo: 75.6,
    summary: 'Real estate website republishes permit data',
    description: 'A real estate website shows the permit history of every house, copied from the city data. Is this allowed?',
    dismissalReason: 'Building Permits are published under CC-BY-4.0: commercial reuse with attribution is allowed and the site credits the City. Personal fields are not published.',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 48, kind: 'STATUS_CHANGE', by: COMPLIANCE, to: 'TRIAGED' },
      { at: 48.1, kind: 'ASSIGNMENT', by: COMPLIANCE, message: 'Assigned to Compliance Officer.' },
      { at: 60, kind: 'STATUS_CHANGE', by: COMPLIANCE, to: 'DISMISSED', message: 'This reuse is permitted by the dataset\'s license.' },
    ],
  },
  {
    category: 'LICENSE_QUESTION', status: 'RECEIVED', dataset: 'toaks-zoning-districts', daysAgo: 1.8,
    summary: 'ODbL share-alike and our parcel database',
    description: 'If we combine the zoning layer with our proprietary parcel attributes, must we release the combined database under the ODbL?',
    reporter: { name: 'Jonathan Cohen', email: 'jcohen@landmetrics.example.com' },
    events: [{ at: 0, kind: 'SUBMITTED', by: 'submitter' }],
  },
  {
    category: 'DATASET_ERROR', status: 'IN_PROGRESS', dataset: 'toaks-streetlights', assignee: MAINTENANCE, daysAgo: 24.3, reopenCount: 1,
    records: { field: 'lamp_type', equals: 'LED', take: 1, label: 'pole_id' },
    summary: 'Streetlight listed as LED is still sodium',
    description: 'Pole {records} is listed as LED, but it is still the old orange sodium light.',
    reporter: { name: 'Olivia Sanchez', email: 'olivia.s@example.org' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 20, kind: 'STATUS_CHANGE', by: MAINTENANCE, to: 'TRIAGED' },
      { at: 20.1, kind: 'ASSIGNMENT', by: MAINTENANCE, message: 'Assigned to the dataset steward.' },
      { at: 21, kind: 'STATUS_CHANGE', by: MAINTENANCE, to: 'IN_PROGRESS' },
      { at: 120, kind: 'STATUS_CHANGE', by: MAINTENANCE, to: 'RESOLVED', message: 'Records show the fixture was retrofitted in 2024.' },
      { at: 300, kind: 'MESSAGE_FROM_SUBMITTER', by: 'submitter', message: 'It is still orange tonight. Maybe the wrong pole was retrofitted?' },
      { at: 300.1, kind: 'STATUS_CHANGE', by: 'submitter', to: 'IN_PROGRESS', message: 'Reopened by the reporter.' },
      { at: 330, kind: 'INTERNAL_NOTE', by: MAINTENANCE, internal: true, message: 'Work order likely logged against the neighboring pole; sending a crew.' },
    ],
  },
  {
    category: 'DATASET_ERROR', status: 'TRIAGED', dataset: 'toaks-code-compliance-cases', assignee: CODE_COMPLIANCE, daysAgo: 4.6,
    records: { field: 'case_type', equals: 'Noise', take: 1, label: 'case_number' },
    summary: 'Closed noise case still listed as open',
    description: 'Case {records} was closed after the hearing last month, but the dataset still lists it as open.',
    reporter: { name: 'Samuel Ortiz', email: 'sortiz@example.net' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 9, kind: 'STATUS_CHANGE', by: CODE_COMPLIANCE, to: 'TRIAGED' },
      { at: 9.1, kind: 'ASSIGNMENT', by: CODE_COMPLIANCE, message: 'Assigned to the dataset steward.' },
    ],
  },
];

type RecordLookup = (dataset: string, pick: RecordPick) => Promise<{ id: number; label: string }[]>;

export async function seedComplaints(tx: Prisma.TransactionClient, findRecords: RecordLookup): Promise<Tracking[]> {
  const demo: Tracking[] = [];
  for (const [index, seed] of COMPLAINTS.entries()) {
    const reference = `CMP-2026-${String(index + 1).padStart(4, '0')}`;
    const createdAt = submittedAt(seed.daysAgo);
    const label = seed.reporter ? 'Reporter' : 'Anonymous reporter';
    const events = buildTimeline(reference, createdAt, 'RECEIVED', seed.status, label, seed.events);
    const records = seed.dataset && seed.records ? await findRecords(seed.dataset, seed.records) : [];
    const { demo: token, hash } = tracking('complaint', reference);
    const priority = seed.status === 'RECEIVED' ? 'NORMAL' : priorityFor(seed.category, seed.priority ?? 'NORMAL');
    demo.push(token);
    await tx.complaint.create({
      data: {
        id: stableId('complaint', reference),
        reference,
        trackingTokenHash: hash,
        category: seed.category,
        status: seed.status,
        priority,
        routedTo: routeFor(seed.category),
        slaDueAt: slaDueAt(createdAt, priority, DEFAULT_SLA_HOURS),
        flagsDatasetForReview: seed.category === 'EXPOSED_PERSONAL_DATA' && Boolean(seed.dataset),
        summary: seed.summary,
        description: seed.description.replace('{records}', records.map((r) => r.label).join(' and ')),
        reporterName: seed.reporter?.name ?? null,
        reporterEmail: seed.reporter?.email ?? null,
        datasetId: seed.dataset ? stableId('dataset', seed.dataset) : null,
        recordIds: records.map((r) => r.id),
        assigneeId: seed.assignee ? staffId(seed.assignee) : null,
        resolution: seed.resolution ?? null,
        dismissalReason: seed.dismissalReason ?? null,
        resolvedAt: seed.status === 'RESOLVED' ? reachedAt(events, 'RESOLVED') : null,
        reopenCount: seed.reopenCount ?? 0,
        createdAt,
        updatedAt: lastEventAt(events, createdAt),
        events: { createMany: { data: events } },
      },
    });
  }
  // New complaints continue the numbering after the seeded ones.
  await tx.referenceCounter.create({ data: { prefix: 'CMP', year: 2026, lastNumber: COMPLAINTS.length } });
  return demo;
}
