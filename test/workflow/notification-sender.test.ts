// The outbox sender delivers real mail over SMTP (a local smtp-server), retries with backoff after a
// failure, gives up after the last attempt, and never sends a message twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTransport, NotificationSender, smtpTransport } from '../../src/workflow/notification-sender.js';
import { captureLogs } from '../support/log-capture.js';
import { startMailbox } from '../support/mailbox.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

let box: Awaited<ReturnType<typeof startMailbox>>;
let smtpUrl = '';
beforeAll(async () => {
  box = await startMailbox();
  smtpUrl = box.url;
});
afterAll(() => box.close());

async function queue(recipient: string, title: string) {
  return gateway().db.prisma.notification.create({
    data: { subjectType: 'DataRequest', subjectId: '00000000-0000-4000-8000-000000000001', recipient, title, body: `Body of ${title}` },
  });
}

describe('notification sender', () => {
  it('delivers queued messages over SMTP once, however often it runs', async () => {
    const message = await queue('first@example.com', 'Your request was received');
    const sender = new NotificationSender(gateway().db.prisma, smtpTransport(smtpUrl, 'records@toaks.example'));
    await Promise.all([sender.deliverDue(), sender.deliverDue()]);
    await sender.deliverDue();
    const mails = box.received.filter((mail) => mail.to.includes('first@example.com'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.data).toContain('Subject: Your request was received');
    expect(await gateway().db.prisma.notification.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('without SMTP, logs each message by its title only (no address, no body) and marks it sent', async () => {
    const message = await queue('private.person@example.com', 'Logged title');
    const { logger, lines } = captureLogs();
    await new NotificationSender(gateway().db.prisma, logTransport(logger)).deliverDue();
    const line = lines.find((text) => text.includes('Logged title'));
    expect(line).toBeDefined();
    expect(line).not.toContain('private.person@example.com');
    expect(line).not.toContain('Body of Logged title');
    expect(await gateway().db.prisma.notification.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'SENT' });
  });

  it('retries a refused message after a backoff that doubles, and gives up after the last attempt', async () => {
    // The fake clock runs a day ahead of real time: queued messages are due "now" by the database clock.
    const start = Math.ceil(Date.now() / 1000) * 1000 + 86_400_000;
    const after = (seconds: number) => new Date(start + seconds * 1000);
    let clock = after(0);
    const options = { baseDelayMs: 1000, maxAttempts: 3, now: () => clock };
    const sender = new NotificationSender(gateway().db.prisma, smtpTransport(smtpUrl, 'records@toaks.example'), options);
    const retried = await queue('second@example.com', 'Retried');
    box.state.failures = 1;
    expect(await sender.deliverDue()).toBe(0);
    let row = await gateway().db.prisma.notification.findUniqueOrThrow({ where: { id: retried.id } });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: after(1) });
    expect(row.lastError).toMatch(/451/);
    expect(await sender.deliverDue()).toBe(0); // not due yet
    clock = after(1);
    expect(await sender.deliverDue()).toBe(1);
    expect(box.received.filter((mail) => mail.to.includes('second@example.com'))).toHaveLength(1);

    const doomed = await queue('third@example.com', 'Doomed');
    box.state.failures = 3;
    for (const seconds of [1, 2, 4]) {
      clock = after(seconds);
      await sender.deliverDue();
    }
    row = await gateway().db.prisma.notification.findUniqueOrThrow({ where: { id: doomed.id } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(box.received.filter((mail) => mail.to.includes('third@example.com'))).toHaveLength(0);
  });
});
