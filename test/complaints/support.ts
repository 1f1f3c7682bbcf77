// Shared calls for the complaint tests: submit as the public, act as staff or as the reporter.
import { expect } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import type { TestGateway } from '../support/gateway.js';

export const ADMIN = 'admin@toaks.example';
export const COMPLIANCE = 'compliance@toaks.example';
export const TREES_STEWARD = 'daniel.whitfield@toaks.example'; // stewards toaks-street-trees

export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const SUBMIT = /* GraphQL */ `
  mutation($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) {
      __typename
      ... on SubmitComplaintPayload { reference trackingToken replayed }
      ... on ValidationError { problems { path message } }
    }
  }
`;

export async function datasetId(gateway: TestGateway, identifier: string) {
  const dataset = await gateway.db.prisma.dataset.findUniqueOrThrow({ where: { identifier } });
  return { id: dataset.id, globalId: globalId('Dataset', dataset.id), dataset };
}

export async function submit(gateway: TestGateway, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const result = await gateway.request(SUBMIT, { input: { summary: 'Something is wrong', description: 'A description long enough.', ...input } }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.submitComplaint as Record<string, any>;
}

/** A new complaint: its row, global id, reference and token. */
export async function fresh(gateway: TestGateway, input: Record<string, unknown>) {
  const payload = await submit(gateway, input);
  expect(payload.__typename).toBe('SubmitComplaintPayload');
  const row = await gateway.db.prisma.complaint.findUniqueOrThrow({ where: { reference: payload.reference } });
  return { row, id: globalId('Complaint', row.id), reference: payload.reference as string, token: payload.trackingToken as string };
}

const SELECTION = 'status version priority reopenCount resolution';
const TRANSITIONS = ['triageComplaint', 'startComplaintWork', 'resolveComplaint', 'dismissComplaint', 'reopenComplaint'];

/** Runs a complaint mutation (input) and returns its result with __typename, message and the complaint. */
export async function act(gateway: TestGateway, name: string, input: Record<string, unknown>, as?: string) {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const query = /* GraphQL */ `
    mutation($input: ${inputType}!) {
      ${name}(input: $input) {
        __typename
        ... on Error { message }
        ${name === 'startComplaintWork' ? '' : '... on ValidationError { problems { path message } }'}
        ${TRANSITIONS.includes(name) ? '... on InvalidTransitionError { from to allowed }' : ''}
        ... on ${name[0]!.toUpperCase()}${name.slice(1)}Payload { complaint { ${SELECTION} } }
      }
    }
  `;
  const result = await gateway.request(query, { input }, as ? await staffHeaders(as) : {});
  return { ...result, payload: result.data?.[name] as Record<string, any> | undefined };
}

export async function staffId(gateway: TestGateway, email: string) {
  const staff = await gateway.db.prisma.staffUser.findUniqueOrThrow({ where: { email } });
  return globalId('StaffUser', staff.id);
}
