// Fees (Gov. Code §7922.575): the direct cost of duplication, and for electronic records the cost of
// programming or extracting data when that is required. Staff time spent redacting is never billable, so
// it is not a kind of line item at all.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { DataRequestStatus as Status } from '../generated/prisma/enums.js';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import { ConflictError } from '../errors.js';
import { checked, optionalMessage } from '../workflow/input.js';
import { actOnDataRequest, type Step } from './act.js';
import { requesterAction, type RequesterTarget } from './requester-actions.js';
import { staffAction, type StaffActionTarget } from './staff-actions.js';

export const FEE_ITEM_KINDS = ['DUPLICATION', 'PROGRAMMING', 'EXTRACTION'] as const;
export type FeeItemKind = (typeof FEE_ITEM_KINDS)[number];

const feeItems = z
  .array(
    z.object({
      kind: z.enum(FEE_ITEM_KINDS),
      description: z.string().trim().min(1, 'must not be empty').max(500),
      amountCents: z.number().int().min(1).max(10_000_000),
    }),
  )
  .min(1, 'at least one line item')
  .max(50);

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function estimateFees(
  prisma: PrismaClient,
  viewer: Viewer,
  target: StaffActionTarget & { items: { kind: FeeItemKind; description: string; amountCents: number }[]; note?: string | null },
) {
  const input = checked(z.object({ items: feeItems, note: optionalMessage }), target);
  const total = input.items.reduce((sum, item) => sum + item.amountCents, 0);
  const lines = input.items.map((item) => `- ${item.description} (${item.kind.toLowerCase()}): ${dollars(item.amountCents)}`);
  const estimate = [`Fee estimate: ${dollars(total)}`, ...lines, ...(input.note ? [input.note] : [])].join('\n');
  return actOnDataRequest(
    prisma,
    viewer,
    staffAction('dataRequest.estimateFees', target, viewer),
    (request): Step => ({
      to: Status.AWAITING_PAYMENT,
      statusMessage: estimate,
      data: { feeCents: total, feeItems: input.items, feeAcceptedAt: null, feePaidAt: null },
      notify: { title: `Your request ${request.reference}: fee estimate`, body: `${estimate}\nAccept or decline it with your reference and tracking token.` },
    }),
  );
}

export function recordFeePayment(prisma: PrismaClient, viewer: Viewer, target: StaffActionTarget) {
  return actOnDataRequest(
    prisma,
    viewer,
    staffAction('dataRequest.recordPayment', target, viewer),
    (request): Step => ({
      to: Status.IN_REVIEW,
      statusMessage: `Payment of ${dollars(request.feeCents ?? 0)} received.`,
      data: { feePaidAt: new Date() },
    }),
  );
}

/** The requester's answer to the estimate: accepting keeps the request waiting for payment; declining puts it back in review without the fee. */
export function answerFeeEstimate(prisma: PrismaClient, viewer: Viewer, trackedSubmissions: Set<string>, target: RequesterTarget & { accept: boolean }) {
  return actOnDataRequest(prisma, viewer, requesterAction('dataRequest.answerFeeEstimate', target, trackedSubmissions), (request): Step => {
    if (request.status !== Status.AWAITING_PAYMENT) {
      throw new ConflictError(`There is no fee estimate to answer: the request is ${request.status}`);
    }
    if (target.accept) {
      if (request.feeAcceptedAt) throw new ConflictError('The fee estimate was already accepted');
      return { data: { feeAcceptedAt: new Date() }, entries: [{ kind: 'MESSAGE_FROM_SUBMITTER', message: 'Fee estimate accepted.' }] };
    }
    return {
      to: Status.IN_REVIEW,
      statusMessage: 'Fee estimate declined by the requester.',
      data: { feeCents: null, feeItems: Prisma.DbNull, feeAcceptedAt: null },
    };
  });
}
