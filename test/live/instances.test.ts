// Across instances. Two gateway processes sharing PostgreSQL and Redis: a subscriber on one gets a change
// made through the other, woken through Redis (both poll only once a minute here). And without a working
// Redis, the outbox poll still delivers: Redis only speeds things up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { openTestDatabase } from '../support/database.js';
import { LiveServer, sseSubscribe, startLiveServer, wsSubscribe } from '../support/live-server.js';
import { databaseUrl, quoteIdent, withAdminClient } from '../support/postgres-admin.js';
import { touchDataset, until } from './support.js';

const SUBSCRIPTION = `subscription { datasetUpdated { cursor identifier version } }`;
const setup = inject('testDatabase');
const redisUrl = process.env.REDIS_URL;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${output}`)), 90_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready in')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

describe.skipIf(setup.kind !== 'postgres' || !redisUrl)('two gateway processes sharing PostgreSQL and Redis', () => {
  const children: ChildProcess[] = [];
  let name = '';
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    if (setup.kind === 'postgres' && name) {
      await withAdminClient(setup.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    }
  });

  it('delivers a change made through one instance to subscribers on the other', { timeout: 180_000 }, async () => {
    if (setup.kind !== 'postgres') return;
    name = `${setup.template.replace(/_template$/, '')}_${process.pid}_instances`;
    await withAdminClient(setup.serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(setup.template)}`));
    const env = {
      DATABASE_URL: databaseUrl(setup.serverUrl, name),
      REDIS_URL: redisUrl!,
      JWT_SECRET: 'instances-test-secret-0123456789abcdef0123456789',
      LIVE_POLL_INTERVAL_MS: '60000',
    };
    const [one, two] = await Promise.all([startProcess(env), startProcess(env)]);
    children.push(one.child, two.child);
    const config = loadConfig({ NODE_ENV: 'production', ...env });
    const admin = { authorization: `Bearer ${await signStaffToken(config.jwt, 'admin@toaks.example')}` };
    // The shared test helpers need only a URL and a request function.
    const clientOf = (url: string) => {
      const server = Object.create(LiveServer.prototype) as LiveServer;
      Object.assign(server, { url });
      return server;
    };
    const [first, second] = [clientOf(one.url), clientOf(two.url)];
    const onFirst = sseSubscribe(first, SUBSCRIPTION);
    const onSecond = wsSubscribe(second, SUBSCRIPTION);
    await onFirst.opened;
    await onSecond.opened;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the WebSocket subscription is registered
    const started = Date.now();
    // Each change goes through the other instance than one of the subscribers.
    const writeThrough = async (server: LiveServer) => {
      const { data } = await server.request(`{ dataset(identifier: "toaks-street-trees") { id version } }`, {}, admin);
      const result = await server.request(
        `mutation($id: ID!, $v: Int!) { updateDataset(id: $id, expectedVersion: $v, input: { description: "Across instances" }) { __typename } }`,
        { id: data!.dataset.id, v: data!.dataset.version },
        admin,
      );
      expect(result.data?.updateDataset.__typename).toBe('UpdateDatasetPayload');
    };
    await writeThrough(second);
    await onFirst.waitFor(1, 10_000);
    await onSecond.waitFor(1, 10_000);
    await writeThrough(first);
    await onFirst.waitFor(2, 10_000);
    await onSecond.waitFor(2, 10_000);
    // Far below the 60 s poll: the Redis wake-up carried it.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(onFirst.events.map((event) => event.cursor)).toEqual(onSecond.events.map((event) => event.cursor));
    onFirst.close();
    onSecond.close();
  });
});

describe('without a working Redis', () => {
  let servers: LiveServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.shutdown();
    await servers[0]?.db.close();
  });

  it('still delivers through the outbox poll (two gateways sharing one database, Redis unreachable)', async () => {
    const db = await openTestDatabase();
    const env = { REDIS_URL: 'redis://127.0.0.1:1', LIVE_POLL_INTERVAL_MS: '300' };
    servers = [await startLiveServer(env, db), await startLiveServer(env, db)];
    const subscriber = sseSubscribe(servers[0]!, SUBSCRIPTION);
    await subscriber.opened;
    await touchDataset(servers[1]!, 'toaks-streetlights');
    const [event] = await subscriber.waitFor(1, 10_000);
    expect(event.identifier).toBe('toaks-streetlights');
    await until(() => true);
    subscriber.close();
  });
});
