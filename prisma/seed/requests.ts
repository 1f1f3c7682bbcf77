// Public Records Act data requests in every status, with their timelines (Gov. Code §7920 ff.).
import type { DataRequestKind, DataRequestStatus, Prisma } from '../../src/generated/prisma/client.js';
import { dueAtEndOfDay } from '../../src/workflow/deadlines.js';
import { stableId } from './random.js';
import { buildTimeline, CLERK, lastEventAt, reachedAt, submittedAt, tracking, staffId, type EventSeed, type Tracking } from './workflow.js';

interface RequestSeed {
  kind: DataRequestKind;
  status: DataRequestStatus;
  subject: string;
  description: string;
  requester: { name?: string; email?: string; phone?: string };
  dataset?: string;
  assignee?: string;
  daysAgo: number;
  feeCents?: number;
  outcomeNote?: string;
  legalBasis?: string;
  extensionReason?: string;
  events: EventSeed<DataRequestStatus>[];
}

const EXTENSION_REASON =
  'Unusual circumstances (Gov. Code §7922.535(c)(4)): the data must be compiled from the collision records system and a program written to extract it.';

const REQUESTS: RequestSeed[] = [
  {
    kind: 'SPECIAL_EXTRACT', status: 'FULFILLED', dataset: 'toaks-street-trees', assignee: CLERK, daysAgo: 148.7,
    subject: 'Street tree removals and replacements, 2015–2025',
    description: 'I am studying canopy loss in Newbury Park. Please provide the street tree inventory with removal dates and replacement species for 2015–2025, which is not in the published dataset.',
    requester: { name: 'Dr. Naomi Feld', email: 'nfeld@csuci.example.edu', phone: '(805) 555-0142' },
    feeCents: 4500,
    outcomeNote: 'Extract of 1,212 removals with replacement species delivered as CSV. Fee covers the programming needed to extract removal history (Gov. Code §7922.575).',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 3, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 3.2, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 20, kind: 'INTERNAL_NOTE', by: CLERK, internal: true, message: 'Municipal Arborist confirms removal history is in the work-order system; about 2 hours of query work.' },
      { at: 140, kind: 'MESSAGE_TO_SUBMITTER', by: CLERK, message: 'The records will be disclosed. Extracting removal history requires programming; the fee is $45.00.' },
      { at: 212, kind: 'STATUS_CHANGE', by: CLERK, to: 'FULFILLED', message: 'Your extract is attached. Thank you for your patience.' },
    ],
  },
  {
    kind: 'SPECIAL_EXTRACT', status: 'PARTIALLY_FULFILLED', dataset: 'toaks-code-compliance-cases', assignee: CLERK, daysAgo: 64.3,
    subject: 'Code compliance cases on Calle Almendro with complainant information',
    description: 'All code compliance cases on Calle Almendro since 2022, including who filed each complaint and the inspector notes.',
    requester: { name: 'Victor Hale', email: 'vhale@example.net' },
    outcomeNote: 'Case list and inspector notes released for 9 cases; complainant names and contact details redacted.',
    legalBasis: 'Complainant identities withheld: Gov. Code §7927.705 with Evidence Code §1040 (official information); Gov. Code §7927.700 (personal privacy).',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 5, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 5.5, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 30, kind: 'INTERNAL_NOTE', by: CLERK, internal: true, message: 'Code Compliance asks that complainant identities be withheld; releasable parts must still go out.' },
      { at: 210, kind: 'STATUS_CHANGE', by: CLERK, to: 'PARTIALLY_FULFILLED', message: 'Cases and notes are attached. Names and contact details of complainants are redacted; the legal basis is stated in the determination.' },
    ],
  },
  {
    kind: 'RESTRICTED_ACCESS', status: 'DENIED', dataset: 'toaks-code-enforcement-complainants', assignee: CLERK, daysAgo: 41.9,
    subject: 'Access to the code enforcement complainant contacts dataset',
    description: 'Please give our neighborhood association API access to the complainant contacts dataset so we can coordinate reports.',
    requester: { name: 'Lynn Ranch Homeowners Association', email: 'board@lynnranch-hoa.example.org' },
    legalBasis: 'Gov. Code §7927.705 and Evidence Code §1040: identities of code enforcement complainants are confidential official information; Gov. Code §7927.700 (personal privacy).',
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 2, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 2.1, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 96, kind: 'INTERNAL_NOTE', by: CLERK, internal: true, message: 'City Attorney concurs: no segregable public portion.' },
      { at: 170, kind: 'STATUS_CHANGE', by: CLERK, to: 'DENIED', message: 'The request is denied. The public case list (without complainant identities) remains available.' },
    ],
  },
  {
    kind: 'SPECIAL_EXTRACT', status: 'EXTENDED', dataset: 'toaks-traffic-collisions', assignee: CLERK, daysAgo: 12.2,
    extensionReason: EXTENSION_REASON,
    subject: 'Lynn Road corridor collisions by hour and lighting, 2019–2026',
    description: 'For a Safe Routes to School study: collisions on Lynn Rd between Hillcrest Dr and Avenida de los Arboles, broken down by hour, lighting and party type.',
    requester: { name: 'Conejo Valley Unified School District — Transportation', email: 'transport@cvusd.example.org', phone: '(805) 555-0107' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 4, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 4.2, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 150, kind: 'INTERNAL_NOTE', by: CLERK, internal: true, message: 'Traffic Bureau needs a custom report for party type; not in the dataset.' },
      { at: 190, kind: 'STATUS_CHANGE', by: CLERK, to: 'EXTENDED', message: 'We are extending the response date by 14 days: the data must be compiled and a program written to extract it.' },
      { at: 190.1, kind: 'DUE_DATE_CHANGE', by: CLERK, message: 'Due date extended by 14 days (Gov. Code §7922.535).' },
    ],
  },
  {
    kind: 'NEW_DATASET', status: 'IN_REVIEW', assignee: CLERK, daysAgo: 5.8,
    subject: 'Publish the sidewalk condition inventory',
    description: 'Public Works surveyed sidewalks for trip hazards. Please publish the inventory as an open dataset like pavement condition.',
    requester: { name: 'Elena Vasquez', email: 'elena.vasquez@example.com' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 20, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 20.3, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 44, kind: 'INTERNAL_NOTE', by: CLERK, internal: true, message: 'Asked Angela Reyes whether the survey is complete enough to publish.' },
    ],
  },
  {
    kind: 'SPECIAL_EXTRACT', status: 'NEEDS_CLARIFICATION', dataset: 'toaks-building-permits', assignee: CLERK, daysAgo: 3.9,
    subject: 'All permit data',
    description: 'I want all the permit data you have.',
    requester: { name: 'Sam Ortiz', email: 'sam.ortiz@example.com' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 6, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 6.5, kind: 'STATUS_CHANGE', by: CLERK, to: 'NEEDS_CLARIFICATION', message: 'To help us find what you need (Gov. Code §7922.600): which permit types and years, and which fields beyond the published Building Permits dataset? Plan sets and inspection photos are separate records.' },
    ],
  },
  {
    kind: 'REDACTION', status: 'RECEIVED', dataset: 'toaks-council-agendas', daysAgo: 0.6,
    subject: 'My phone number is in a council agenda packet',
    description: 'My public comment letter in the agenda packet for a City Council meeting shows my personal cell phone number. Please redact it.',
    requester: { name: 'Patricia Gomez', email: 'pgomez@example.org', phone: '(805) 555-0163' },
    events: [{ at: 0, kind: 'SUBMITTED', by: 'submitter' }],
  },
  {
    kind: 'NEW_DATASET', status: 'WITHDRAWN', assignee: CLERK, daysAgo: 33.4,
    subject: 'Short-term rental registry',
    description: 'Please publish the list of registered short-term rentals with their permit status.',
    requester: { email: 'str.watch@example.net' },
    events: [
      { at: 0, kind: 'SUBMITTED', by: 'submitter' },
      { at: 26, kind: 'ASSIGNMENT', by: CLERK, message: 'Assigned to Records Clerk.' },
      { at: 26.1, kind: 'STATUS_CHANGE', by: CLERK, to: 'IN_REVIEW' },
      { at: 50, kind: 'MESSAGE_TO_SUBMITTER', by: CLERK, message: 'Planning expects to publish a short-term rental dataset next quarter. Would that meet your needs?' },
      { at: 75, kind: 'MESSAGE_FROM_SUBMITTER', by: 'submitter', message: 'Yes, that works. I will withdraw this request.' },
      { at: 75.2, kind: 'STATUS_CHANGE', by: 'submitter', to: 'WITHDRAWN' },
    ],
  },
];

const CLOSED: DataRequestStatus[] = ['FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED', 'WITHDRAWN'];
const DETERMINED: DataRequestStatus[] = ['FULFILLED', 'PARTIALLY_FULFILLED', 'DENIED'];

export async function seedRequests(tx: Prisma.TransactionClient): Promise<Tracking[]> {
  const demo: Tracking[] = [];
  for (const [index, seed] of REQUESTS.entries()) {
    const reference = `PRR-2026-${String(index + 1).padStart(4, '0')}`;
    const receivedAt = submittedAt(seed.daysAgo);
    const events = buildTimeline(reference, receivedAt, 'RECEIVED', seed.status, 'Requester', seed.events);
    const extendedAt = reachedAt(events, 'EXTENDED');
    const finalAt = reachedAt(events, seed.status);
    const { demo: token, hash } = tracking('dataRequest', reference);
    demo.push(token);
    await tx.dataRequest.create({
      data: {
        id: stableId('dataRequest', reference),
        reference,
        trackingTokenHash: hash,
        kind: seed.kind,
        status: seed.status,
        subject: seed.subject,
        description: seed.description,
        requesterName: seed.requester.name ?? null,
        requesterEmail: seed.requester.email ?? null,
        requesterPhone: seed.requester.phone ?? null,
        datasetId: seed.dataset ? stableId('dataset', seed.dataset) : null,
        assigneeId: seed.assignee ? staffId(seed.assignee) : null,
        receivedAt,
        // 10 calendar days to respond (§7922.535), plus at most 14 more when extended; due at the end of the local day.
        dueAt: dueAtEndOfDay(receivedAt, extendedAt ? 24 : 10),
        extendedAt,
        extensionReason: extendedAt ? (seed.extensionReason ?? null) : null,
        determinedAt: DETERMINED.includes(seed.status) ? finalAt : null,
        feeCents: seed.feeCents ?? null,
        outcomeNote: seed.outcomeNote ?? null,
        legalBasis: seed.legalBasis ?? null,
        closedAt: CLOSED.includes(seed.status) ? finalAt : null,
        createdAt: receivedAt,
        updatedAt: lastEventAt(events, receivedAt),
        events: { createMany: { data: events } },
      },
    });
  }
  return demo;
}
