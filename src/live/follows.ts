// E-mail follow of public datasets: double opt-in (a confirmation link), a one-click unsubscribe link in
// every mail, and a digest at most daily per address of the public changes since the last one, read from
// the ChangeEvent outbox and sent through the notification outbox. Link tokens are stored hashed; the
// address goes to the notification outbox only, never to audit entries or logs.
import type { PrismaClient } from '../generated/prisma/client.js';
import { AccessLevel } from '../generated/prisma/enums.js';
import { audited, recordAudit, type AuditActor, type Tx } from '../audit/service.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import { canReadDataset } from '../access/visibility.js';
import { anonymous, type Viewer } from '../access/viewer.js';
import { NotFoundError } from '../errors.js';
import { queueNotification } from '../workflow/notifications.js';
import { describeChange } from './feed.js';

export const DIGEST_PERIOD_MS = 24 * 60 * 60_000;
const LINK_ACTOR: AuditActor = { kind: 'system', label: 'follow link' };
const DIGEST_ACTOR: AuditActor = { kind: 'system', label: 'follow digest' };

type FollowTarget = { datasetId?: string | null; identifier?: string | null };

async function newToken(tx: Tx, purpose: 'CONFIRM' | 'UNSUBSCRIBE', followId: string, alsoFollowIds: string[] = []) {
  const token = `fol_${newSecret(24)}`;
  await tx.followToken.create({ data: { hash: hashSecret(token), purpose, followId, alsoFollowIds } });
  return token;
}

function unsubscribeHeaders(link: string) {
  return { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const footer = (link: string) => `\n\n--\nStop these mails with one click: ${link}\n`;

/**
 * Starts a follow (or re-sends its confirmation while unconfirmed). The answer is the same whether the
 * address followed before or not, so it reveals nothing about other people's follows.
 */
export async function followDataset(prisma: PrismaClient, viewer: Viewer, baseUrl: string, target: FollowTarget, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const where = target.datasetId ? { id: target.datasetId } : target.identifier ? { identifier: target.identifier } : null;
  const dataset = where ? await prisma.dataset.findUnique({ where: where as { id: string } }) : null;
  // Only what the public may read can be followed; anything else answers like a missing dataset.
  const followable = dataset && dataset.accessLevel === AccessLevel.PUBLIC && canReadDataset(anonymous, dataset);
  if (!dataset || !followable) throw new NotFoundError('Dataset', target.identifier ?? target.datasetId ?? '');
  await audited(prisma, viewer, async (tx) => {
    const follow = await tx.datasetFollow.upsert({ where: { datasetId_email: { datasetId: dataset.id, email } }, create: { datasetId: dataset.id, email }, update: {} });
    if (!follow.confirmedAt) {
      await tx.followToken.deleteMany({ where: { followId: follow.id, purpose: 'CONFIRM', usedAt: null } });
      const confirm = `${baseUrl}/follow/confirm?token=${await newToken(tx, 'CONFIRM', follow.id)}`;
      const unsubscribe = `${baseUrl}/follow/unsubscribe?token=${await newToken(tx, 'UNSUBSCRIBE', follow.id)}`;
      await queueNotification(tx, {
        subjectType: 'DatasetFollow',
        subjectId: follow.id,
        recipient: email,
        title: `Confirm: follow changes to ${dataset.title}`,
        body:
          `Someone (hopefully you) asked to be told by e-mail when the dataset "${dataset.title}" changes.\n\n` +
          `Confirm with this link (nothing is sent until you do):\n${confirm}\n\nIf it was not you, ignore this mail.` +
          footer(unsubscribe),
        headers: unsubscribeHeaders(unsubscribe),
      });
    }
    return { result: undefined, audit: { action: 'dataset.follow', targetType: 'Dataset', targetId: dataset.id, after: { followId: follow.id } } };
  });
}

async function usableToken(tx: Tx, token: string, purpose: 'CONFIRM' | 'UNSUBSCRIBE') {
  const stored = await tx.followToken.findUnique({ where: { hash: hashSecret(token) }, include: { follow: true } });
  return stored && stored.purpose === purpose ? stored : null;
}

/** Confirms a follow with its one-time link; false when the token is unknown or used. */
export async function confirmFollow(prisma: PrismaClient, token: string, now = new Date()): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const stored = await usableToken(tx, token, 'CONFIRM');
    if (!stored || stored.usedAt) return false;
    const newest = await tx.changeEvent.aggregate({ _max: { sequence: true } });
    await tx.followToken.update({ where: { id: stored.id }, data: { usedAt: now } });
    // Changes from now on are news; what came before is not announced.
    await tx.datasetFollow.update({ where: { id: stored.followId }, data: { confirmedAt: now, lastSequence: newest._max.sequence ?? 0n } });
    await recordAudit(tx, LINK_ACTOR, { action: 'dataset.follow.confirm', targetType: 'DatasetFollow', targetId: stored.followId });
    return true;
  });
}

/** Ends the follows a mail's unsubscribe link names; true also when they had already ended (a repeated click). */
export async function unsubscribeFollow(prisma: PrismaClient, token: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const stored = await tx.followToken.findUnique({ where: { hash: hashSecret(token) } });
    if (!stored) return false;
    if (stored.purpose !== 'UNSUBSCRIBE') return false;
    const ids = [stored.followId, ...stored.alsoFollowIds];
    const { count } = await tx.datasetFollow.deleteMany({ where: { id: { in: ids } } });
    if (count > 0) await recordAudit(tx, LINK_ACTOR, { action: 'dataset.unfollow', targetType: 'DatasetFollow', targetId: stored.followId, after: { ended: count } });
    return true;
  });
}

function describeEvent(event: { topic: string; entityType: string; payload: unknown }): string {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  if (event.topic === 'records') {
    const count = (key: string) => (typeof payload[key] === 'number' ? (payload[key] as number) : 0);
    return `records imported: ${count('inserted')} added, ${count('updated')} updated, ${count('deleted')} removed`;
  }
  return describeChange(typeof payload.action === 'string' ? payload.action : undefined, event.entityType);
}

/**
 * Queues one digest per confirmed address whose last digest is at least a day old and whose followed
 * datasets changed publicly since. Returns how many digests were queued. Called by the timer and by tests.
 */
export async function sendFollowDigests(prisma: PrismaClient, baseUrl: string, now = new Date()): Promise<number> {
  const follows = await prisma.datasetFollow.findMany({
    where: { confirmedAt: { not: null } },
    include: { dataset: { select: { id: true, identifier: true, title: true, accessLevel: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const byEmail = new Map<string, typeof follows>();
  for (const follow of follows) byEmail.set(follow.email, [...(byEmail.get(follow.email) ?? []), follow]);
  let queued = 0;
  for (const [email, own] of byEmail) {
    const lastDigest = Math.max(0, ...own.map((follow) => follow.lastDigestAt?.getTime() ?? 0));
    if (now.getTime() - lastDigest < DIGEST_PERIOD_MS) continue;
    // Restricted later: its changes are no longer public news (archived public datasets still are).
    const publicFollows = own.filter((follow) => follow.dataset.accessLevel === AccessLevel.PUBLIC);
    const sections: string[] = [];
    const newestByFollow = new Map<string, bigint>();
    for (const follow of publicFollows) {
      const events = await prisma.changeEvent.findMany({
        where: { datasetId: follow.datasetId, topic: { in: ['dataset', 'records'] }, sequence: { gt: follow.lastSequence } },
        orderBy: { sequence: 'asc' },
        take: 200,
      });
      if (events.length === 0) continue;
      newestByFollow.set(follow.id, events.at(-1)!.sequence);
      const lines = events.map((event) => `- ${event.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${describeEvent(event)}`);
      sections.push(`${follow.dataset.title} (${baseUrl}/datasets/${follow.dataset.identifier}/changes.atom)\n${lines.join('\n')}`);
    }
    if (sections.length === 0) continue;
    const sent = await prisma.$transaction(async (tx) => {
      // Another instance's digest run may have mailed this address meanwhile: lock its follows and re-check.
      const locked = await tx.$queryRaw<{ lastDigestAt: Date | null }[]>`
        SELECT "lastDigestAt" FROM "DatasetFollow" WHERE email = ${email} FOR UPDATE`;
      if (locked.some((row) => row.lastDigestAt && row.lastDigestAt.getTime() !== lastDigest && now.getTime() - row.lastDigestAt.getTime() < DIGEST_PERIOD_MS)) return false;
      const [first, ...others] = own.map((follow) => follow.id);
      const unsubscribe = `${baseUrl}/follow/unsubscribe?token=${await newToken(tx, 'UNSUBSCRIBE', first!, others)}`;
      await queueNotification(tx, {
        subjectType: 'DatasetFollow',
        subjectId: first!,
        recipient: email,
        title: sections.length === 1 ? `Changes to ${publicFollows.find((f) => newestByFollow.has(f.id))!.dataset.title}` : `Changes to ${sections.length} datasets you follow`,
        body: `What changed in the datasets you follow since our last mail:\n\n${sections.join('\n\n')}${footer(unsubscribe)}`,
        headers: unsubscribeHeaders(unsubscribe),
      });
      for (const follow of own) {
        await tx.datasetFollow.update({ where: { id: follow.id }, data: { lastDigestAt: now, lastSequence: newestByFollow.get(follow.id) ?? follow.lastSequence } });
      }
      await recordAudit(tx, DIGEST_ACTOR, { action: 'dataset.follow.digest', targetType: 'DatasetFollow', targetId: first!, after: { datasets: sections.length } });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

/** Runs the digest every `intervalMs` (each address still gets at most one a day). */
export function startFollowDigests(prisma: PrismaClient, baseUrl: string, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sendFollowDigests(prisma, baseUrl)).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
