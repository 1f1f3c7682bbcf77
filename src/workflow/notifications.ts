// The notification outbox: messages to a submitter are queued in the transaction of the change they
// announce (both land or neither does) and delivered afterwards by the sender (workflow/mail-sender.ts).
import type { Tx } from '../audit/service.js';

export interface OutgoingMessage {
  subjectType: string;
  subjectId: string;
  /** The submitter's e-mail address; without one there is nobody to tell. */
  recipient: string | null;
  title: string;
  body: string;
  /** Extra mail headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export async function queueNotification(tx: Tx, message: OutgoingMessage) {
  if (!message.recipient) return;
  await tx.notification.create({ data: { ...message, recipient: message.recipient } });
}
