// Delivers the notification outbox. A due message is first claimed (its next attempt pushed past a lease,
// in its own short transaction, skipping rows another sender holds), then sent, then marked SENT: two
// senders never pick the same message. A failed attempt is retried with exponential backoff, up to a limit.
import type { Transporter } from 'nodemailer';
import type { Notification, PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../infra/logger.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export type MailTransport = (mail: Mail) => Promise<void>;

/** Sends through the SMTP server of `smtpUrl` (smtp://user:pass@host:port). */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // nodemailer is loaded by the first message, not by every server start (see README, Memory).
  let transporter: Promise<Transporter> | undefined;
  return async (mail) => {
    transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
    await (await transporter).sendMail({ from, ...mail });
  };
}

/** Without SMTP: the message is logged (its title only; the recipient's address and the body stay out of logs). */
export function logTransport(logger: Logger): MailTransport {
  return async (mail) => {
    logger.info({ subject: mail.subject }, 'notification (no SMTP_URL: not sent)');
  };
}

export interface SenderOptions {
  maxAttempts?: number;
  /** Delay before the first retry; each further retry waits twice as long. */
  baseDelayMs?: number;
  /** How long a claimed message is reserved for the sender that claimed it. */
  leaseMs?: number;
  now?: () => Date;
}

export class NotificationSender {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;

  constructor(private readonly prisma: PrismaClient, private readonly transport: MailTransport, options: SenderOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Sends every message due now; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    for (let message = await this.claim(); message; message = await this.claim()) {
      if (await this.attempt(message)) delivered++;
    }
    return delivered;
  }

  private async claim(): Promise<Notification | null> {
    const now = this.now();
    return this.prisma.$transaction(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM "Notification"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      return tx.notification.update({
        where: { id: due.id },
        data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + this.leaseMs) },
      });
    });
  }

  private async attempt(message: Notification): Promise<boolean> {
    try {
      const headers = (message.headers ?? undefined) as Record<string, string> | undefined;
      await this.transport({ to: message.recipient, subject: message.title, text: message.body, ...(headers ? { headers } : {}) });
    } catch (error) {
      const giveUp = message.attempts >= this.maxAttempts;
      const retryAt = new Date(this.now().getTime() + this.baseDelayMs * 2 ** (message.attempts - 1));
      await this.prisma.notification.update({
        where: { id: message.id },
        data: { status: giveUp ? 'FAILED' : 'PENDING', nextAttemptAt: retryAt, lastError: String((error as Error).message).slice(0, 500) },
      });
      return false;
    }
    await this.prisma.notification.update({ where: { id: message.id }, data: { status: 'SENT', sentAt: this.now(), lastError: null } });
    return true;
  }
}

/** Runs the sender every `intervalMs` until stopped (one round at a time). */
export function startNotificationSender(sender: NotificationSender, logger: Logger, intervalMs = 10_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sender.deliverDue()).catch((error) => logger.error({ err: error }, 'notification sender failed'));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
