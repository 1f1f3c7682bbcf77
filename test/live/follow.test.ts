// E-mail follow with real mail (a local smtp-server) through the notification outbox: double opt-in,
// one-click unsubscribe (link and headers), a digest at most daily of public changes (archival included).
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../src/records/ingest.js';
import { sendFollowDigests } from '../../src/live/follows.js';
import { NotificationSender, smtpTransport } from '../../src/workflow/notification-sender.js';
import { staffHeaders } from '../support/callers.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { startMailbox, type ReceivedMail } from '../support/mailbox.js';
import { ADMIN, datasetByIdentifier, touchDataset } from './support.js';

const FOLLOW = `mutation($identifier: String, $datasetId: ID, $email: EmailAddress!) {
  followDataset(input: { identifier: $identifier, datasetId: $datasetId, email: $email }) {
    __typename ... on FollowDatasetPayload { message } ... on NotFoundError { message } ... on ValidationError { problems { path message } }
  }
}`;

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let server: LiveServer;
let sender: NotificationSender;
beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startLiveServer({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '8' });
  sender = new NotificationSender(server.db.prisma, smtpTransport(mailbox.url, 'data@toaks.example'));
});
afterAll(async () => {
  await server.shutdown();
  await server.db.close();
  await mailbox.close();
});

const mailsTo = (address: string) => mailbox.received.filter((mail) => mail.to.includes(address));
const link = (mail: ReceivedMail, path: string) => new RegExp(`(https?://\\S+${path}\\?token=[A-Za-z0-9_-]+)`).exec(mail.body)![1]!;
const localLink = (url: string) => url.replace(server.config.publicBaseUrl, server.url);
const digest = (now: Date) => sendFollowDigests(server.db.prisma, server.config.publicBaseUrl, now);

describe('e-mail follow', () => {
  const reader = 'Reader.One@example.com';
  const address = 'reader.one@example.com';

  it('double opt-in, digest at most daily with records and archival, one-click unsubscribe', async () => {
    // Asked twice (once by identifier, once by id): one follow, nothing sent but confirmation mails.
    const first = await server.request(FOLLOW, { identifier: 'toaks-street-trees', email: reader });
    expect(first.data?.followDataset.__typename, JSON.stringify(first)).toBe('FollowDatasetPayload');
    const trees = await datasetByIdentifier(server, 'toaks-street-trees');
    const again = await server.request(FOLLOW, { datasetId: trees.id, email: reader });
    expect(again.data?.followDataset.__typename).toBe('FollowDatasetPayload');
    expect(await server.db.prisma.datasetFollow.count({ where: { email: address } })).toBe(1);
    await sender.deliverDue();
    const confirmations = mailsTo(address);
    expect(confirmations).toHaveLength(2);
    expect(confirmations[0]!.headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(confirmations[0]!.headers).toMatch(/List-Unsubscribe: <http\S+\/follow\/unsubscribe\?token=/);
    expect(confirmations[0]!.body).toContain('/follow/unsubscribe?token=');

    // Tokens are stored hashed; the audit names the dataset, never the address.
    const confirmUrl = link(confirmations[1]!, '/follow/confirm');
    const token = new URL(confirmUrl).searchParams.get('token')!;
    expect(await server.db.prisma.followToken.count({ where: { hash: token } })).toBe(0);
    const audits = await server.db.prisma.auditEvent.findMany({ where: { action: 'dataset.follow' } });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorType: 'anonymous', targetId: (await server.db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } })).id });
    expect(JSON.stringify(audits)).not.toContain('example.com');

    // Unconfirmed: no digest.
    await touchDataset(server, 'toaks-street-trees', 'Changed before confirmation');
    const day1 = new Date(Date.now() + 60_000);
    expect(await digest(day1)).toBe(0);

    // The older confirmation link was replaced by the newer one.
    expect((await fetch(localLink(link(confirmations[0]!, '/follow/confirm')))).status).toBe(404);
    const confirmed = await fetch(localLink(confirmUrl));
    expect(confirmed.status).toBe(200);
    expect((await fetch(localLink(confirmUrl))).status).toBe(404);

    // Changes after confirmation: a metadata edit and an import, then the digest.
    await touchDataset(server, 'toaks-street-trees', 'Changed after confirmation');
    const dataset = await server.db.prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
    const fields = await server.db.prisma.datasetField.findMany({ where: { datasetId: dataset.id }, orderBy: { position: 'asc' } });
    const sample = await server.db.prisma.record.findFirstOrThrow({ where: { datasetId: dataset.id } });
    const values = sample.attributes as Record<string, unknown>;
    const content = stringify([fields.map((field) => field.name), fields.map((field) => values[field.name] ?? '')]);
    const outcome = await importRecords(server.db, { kind: 'system', label: 'test import' }, dataset.id,
      { name: 'rows.csv', stream: Readable.from([content]) },
      { mode: 'APPEND', expectedVersion: dataset.version },
    );
    expect(outcome.inserted).toBe(1);
    // Two digest runs at once (two instances) mail the address once.
    const runs = await Promise.all([digest(day1), digest(day1)]);
    expect(runs[0]! + runs[1]!).toBe(1);
    await sender.deliverDue();
    const [firstDigest] = mailsTo(address).slice(2);
    expect(firstDigest!.body).toContain('Street');
    expect(firstDigest!.body).toContain('metadata updated');
    expect(firstDigest!.body).toContain('records imported: 1 added, 0 updated, 0 removed');
    expect(firstDigest!.body).not.toContain('Changed before confirmation');
    expect(firstDigest!.headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // At most daily: a change an hour later waits until a day has passed; the archival is announced.
    const version = (await datasetByIdentifier(server, 'toaks-street-trees')).version;
    const archived = await server.request(`mutation($id: ID!, $v: Int!) { archiveDataset(id: $id, expectedVersion: $v) { __typename } }`, { id: trees.id, v: version }, await staffHeaders(ADMIN));
    expect(archived.data?.archiveDataset.__typename).toBe('ArchiveDatasetPayload');
    expect(await digest(new Date(day1.getTime() + 3_600_000))).toBe(0);
    expect(await digest(new Date(day1.getTime() + 25 * 3_600_000))).toBe(1);
    await sender.deliverDue();
    const secondDigest = mailsTo(address)[3]!;
    expect(secondDigest.body).toContain('archived (retired)');
    expect(secondDigest.body).not.toContain('metadata updated');

    // One-click unsubscribe (RFC 8058 POST) ends the follow; no digest after it.
    const unsubscribe = link(secondDigest, '/follow/unsubscribe');
    const response = await fetch(localLink(unsubscribe), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect(await server.db.prisma.datasetFollow.count({ where: { email: address } })).toBe(0);
    const repeated = await fetch(localLink(unsubscribe));
    expect(repeated.status).toBe(200);
    expect(await repeated.text()).toContain('No follow remains');
    expect(await digest(new Date(day1.getTime() + 72 * 3_600_000))).toBe(0);
  });

  it('follows only public datasets: a restricted one answers like a missing one', async () => {
    const restricted = await server.request(FOLLOW, { identifier: 'toaks-traffic-collisions', email: 'someone@example.com' });
    const missing = await server.request(FOLLOW, { identifier: 'no-such-dataset', email: 'someone@example.com' });
    expect(restricted.data?.followDataset.__typename).toBe('NotFoundError');
    expect(missing.data?.followDataset.__typename).toBe('NotFoundError');
    expect(restricted.data!.followDataset.message.replace('toaks-traffic-collisions', 'X')).toBe(missing.data!.followDataset.message.replace('no-such-dataset', 'X'));
    expect(await server.db.prisma.datasetFollow.count({ where: { email: 'someone@example.com' } })).toBe(0);
    const both = await server.request(FOLLOW, { email: 'someone@example.com' });
    expect(both.data?.followDataset.__typename).toBe('ValidationError');
  });

  it('charges the address submission budget', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await server.request(FOLLOW, { identifier: 'toaks-streetlights', email: `many${i}@example.com` }));
    expect(answers.some((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toBe(true);
  });
});
