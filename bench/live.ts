// Live-updates benchmark: many SSE and graphql-ws subscribers on one gateway (or split over two sharing
// PostgreSQL and Redis), while dataset changes commit at a steady rate through the real mutation.
//
// The subscribers live in separate client processes (LIVE_BENCH_CLIENTS, forked from this file), so neither
// the gateway nor the writer shares an event loop with 11,000 sockets: a receipt is timed when the client
// process reads it, and the writer's requests are not queued behind subscriber traffic. The writer has its own
// keep-alive connection, retries a request cut by the network, and on a ConflictError retries once with the
// version the error reports (each dataset has at most one write in flight).
//
// Prints: commit→receipt latency p50/p99/max (event time in the outbox, i.e. the writing transaction's clock,
// to receipt; the same host clock), deliveries expected vs received, gateway RSS before and after subscribing
// (and the growth per subscriber), gateway CPU seconds during the writes, all per instance as well.
// Run with the file limit raised:
//   bash -c 'ulimit -n 20000 && node --import tsx bench/live.ts'
// Settings (environment): LIVE_BENCH_SSE=10000 LIVE_BENCH_WS=1000 LIVE_BENCH_SECONDS=30 LIVE_BENCH_RATE=10
// LIVE_BENCH_CLIENTS=2 LIVE_BENCH_INSTANCES=1|2 (2 needs REDIS_URL, default redis://127.0.0.1:6379)
// LIVE_BENCH_HEAP_SNAPSHOT=1 (writes a heap snapshot of each gateway with its idle subscribers to bench/results).
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const QUERY = 'subscription { datasetUpdated { cursor occurredAt } }';
const log = (line: string) => process.stderr.write(`${line}\n`);

type Histogram = Record<number, number>;
interface ClientReport {
  /** Per instance: latency histogram (1 ms buckets) and deliveries counted. */
  perInstance: { histogram: Histogram; deliveries: number; subscribers: number; ended: number }[];
}
type ToClient =
  | { type: 'open'; urls: string[]; sse: number; ws: number; offset: number }
  | { type: 'measure'; from: number }
  | { type: 'report' }
  | { type: 'close' };
type FromClient = { type: 'opened'; failed: number; firstError?: string } | { type: 'report'; report: ClientReport };

// ---------------------------------------------------------------- client process: holds subscribers

function runClient() {
  let measureFrom = Number.POSITIVE_INFINITY;
  let perInstance: ClientReport['perInstance'] = [];
  const closers: (() => void)[] = [];
  let closing = false;

  const record = (instance: number, occurredAt: string | undefined) => {
    if (!occurredAt) return;
    const at = Date.parse(occurredAt);
    if (at < measureFrom) return;
    const slot = perInstance[instance]!;
    const latency = Math.max(0, Date.now() - at);
    slot.histogram[latency] = (slot.histogram[latency] ?? 0) + 1;
    slot.deliveries++;
  };
  const ended = (instance: number) => {
    if (!closing) perInstance[instance]!.ended++;
  };

  const openSse = (url: string, instance: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${url}/graphql?query=${encodeURIComponent(QUERY)}`, { agent: false, headers: { accept: 'text/event-stream', 'x-graphql-csrf': '1' } }, (response: IncomingMessage) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`SSE answered ${response.statusCode}`));
        }
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (message.includes('"occurredAt"')) record(instance, /"occurredAt":"([^"]+)"/.exec(message)?.[1]);
          }
        });
        response.on('close', () => ended(instance));
        closers.push(() => response.destroy());
        resolve();
      });
      req.on('error', reject);
      req.end();
    });

  const openWs = (url: string, instance: number) =>
    new Promise<void>((resolve, reject) => {
      const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
      let connected = false;
      client.on('connected', () => {
        connected = true;
        closers.push(() => void client.dispose());
        resolve();
      });
      client.on('closed', () => (connected ? ended(instance) : reject(new Error('WebSocket closed before connecting'))));
      client.subscribe<{ datasetUpdated: { occurredAt: string } }>(
        { query: QUERY },
        { next: (result) => record(instance, result.data?.datasetUpdated.occurredAt), error: () => ended(instance), complete: () => ended(instance) },
      );
    });

  const send = (message: FromClient) => process.send!(message);
  process.on('message', async (message: ToClient) => {
    if (message.type === 'open') {
      perInstance = message.urls.map(() => ({ histogram: {}, deliveries: 0, subscribers: 0, ended: 0 }));
      let failed = 0;
      let firstError: string | undefined;
      const open = async (count: number, batch: number, one: (url: string, instance: number) => Promise<void>, offset: number) => {
        for (let start = 0; start < count; start += batch) {
          await Promise.all(
            Array.from({ length: Math.min(batch, count - start) }, async (_, index) => {
              const instance = (offset + start + index) % message.urls.length;
              try {
                await one(message.urls[instance]!, instance);
                perInstance[instance]!.subscribers++;
              } catch (error) {
                failed++;
                firstError ??= (error as Error).message;
              }
            }),
          );
        }
      };
      await open(message.sse, 100, openSse, message.offset);
      await open(message.ws, 50, openWs, message.offset);
      send({ type: 'opened', failed, firstError });
    } else if (message.type === 'measure') {
      measureFrom = message.from;
    } else if (message.type === 'report') {
      send({ type: 'report', report: { perInstance } });
    } else if (message.type === 'close') {
      closing = true;
      for (const close of closers) close();
      setTimeout(() => process.exit(0), 500);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------- main process: gateways, writer, report

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
}

function percentiles(histogram: Histogram) {
  const entries = Object.entries(histogram).map(([ms, count]) => [Number(ms), count] as const).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const at = (p: number) => {
    const rank = Math.ceil((p / 100) * total);
    let seen = 0;
    for (const [ms, count] of entries) if ((seen += count) >= rank) return ms;
    return Number.NaN;
  };
  return { p50: at(50), p90: at(90), p99: at(99), max: entries.length ? entries[entries.length - 1]![0] : Number.NaN };
}

function merge(target: Histogram, source: Histogram) {
  for (const [ms, count] of Object.entries(source)) target[Number(ms)] = (target[Number(ms)] ?? 0) + count;
}

async function runMain() {
  const sseCount = Number(process.env.LIVE_BENCH_SSE ?? 10_000);
  const wsCount = Number(process.env.LIVE_BENCH_WS ?? 1_000);
  const seconds = Number(process.env.LIVE_BENCH_SECONDS ?? 30);
  const rate = Number(process.env.LIVE_BENCH_RATE ?? 10);
  const instances = Number(process.env.LIVE_BENCH_INSTANCES ?? 1);
  const clientCount = Math.max(1, Number(process.env.LIVE_BENCH_CLIENTS ?? 2));
  const clientNodeOptions = process.env.NODE_OPTIONS ?? '';
  Object.assign(process.env, {
    LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '1000000',
    LIVE_POLL_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
    // Options for the gateways only (e.g. --cpu-prof); the client processes are forked without them.
    NODE_OPTIONS: [clientNodeOptions, process.env.LIVE_BENCH_HEAP_SNAPSHOT ? '--heapsnapshot-signal=SIGUSR2' : '', process.env.LIVE_BENCH_GATEWAY_NODE_OPTIONS ?? ''].join(' ').trim(),
    ...(instances > 1 ? { REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379' } : {}),
  });
  const { signStaffToken } = await import('../src/access/tokens.js');
  const { choosePort, prepareDatabase, startGateway } = await import('./server.js');
  type Gateway = Awaited<ReturnType<typeof startGateway>>;

  const database = await prepareDatabase('cod_bench_live');
  const gateways: Gateway[] = [];
  const clients: ChildProcess[] = [];
  const ask = <T extends FromClient['type']>(client: ChildProcess, message: ToClient, answer: T) =>
    new Promise<Extract<FromClient, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: FromClient) => {
        if (reply.type !== answer) return;
        client.off('message', onMessage);
        resolve(reply as Extract<FromClient, { type: T }>);
      };
      client.on('message', onMessage);
      client.once('exit', (code) => reject(new Error(`a client process exited (code ${code})`)));
      client.send(message);
    });
  try {
    for (let index = 0; index < instances; index++) {
      gateways.push(await startGateway({ databaseUrl: database.url, port: await choosePort(), logFile: new URL(`./results/live-server${index}.log`, import.meta.url), echo: log, build: index === 0 }));
    }
    const urls = gateways.map((gateway) => gateway.baseUrl);
    const writer = gateways[gateways.length - 1]!;

    // The writer: one keep-alive connection of its own.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const token = await signStaffToken({ secret: writer.jwtSecret, issuer: 'city-open-data-gateway', audience: 'city-open-data-gateway', maxLifetimeSeconds: 43_200, jwksUrl: undefined }, 'admin@toaks.example');
    const post = (body: string) =>
      new Promise<any>((resolve, reject) => {
        const req = request(`${writer.baseUrl}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new Error(`not JSON (${response.statusCode}): ${text.slice(0, 200)}`));
            }
          });
        });
        req.on('error', reject);
        req.end(body);
      });
    let networkRetries = 0;
    const call = async (query: string, variables: Record<string, unknown> = {}) => {
      const body = JSON.stringify({ query, variables });
      for (let attempt = 0; ; attempt++) {
        try {
          return await post(body);
        } catch (error) {
          if (attempt >= 3) throw error;
          networkRetries++;
        }
      }
    };
    // Enough datasets that each is written at most every few seconds (one write in flight per dataset).
    const { data } = await call('query($first: Int!) { datasets(first: $first, filter: { accessLevel: PUBLIC }) { edges { node { id version } } } }', { first: Number(process.env.LIVE_BENCH_DATASETS ?? 40) });
    const datasets: { id: string; version: number; busy: boolean }[] = data.datasets.edges.map((edge: { node: { id: string; version: number } }) => ({ ...edge.node, busy: false }));

    const before = gateways.map((gateway) => gateway.memoryMb().rss);
    const started = Date.now();
    for (let index = 0; index < clientCount; index++) {
      clients.push(fork(fileURLToPath(import.meta.url), ['client'], { execArgv: process.execArgv, env: { ...process.env, NODE_OPTIONS: clientNodeOptions }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    }
    const share = (total: number, index: number) => Math.floor(total / clientCount) + (index < total % clientCount ? 1 : 0);
    const opened = await Promise.all(
      clients.map((client, index) => ask(client, { type: 'open', urls, sse: share(sseCount, index), ws: share(wsCount, index), offset: index }, 'opened')),
    );
    const failedToOpen = opened.reduce((sum, reply) => sum + reply.failed, 0);
    log(`[bench] ${sseCount} SSE + ${wsCount} WebSocket subscribers opened in ${((Date.now() - started) / 1000).toFixed(1)} s (${failedToOpen} failed${opened.find((reply) => reply.firstError)?.firstError ? `: ${opened.find((reply) => reply.firstError)!.firstError}` : ''})`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = gateways.map((gateway) => gateway.memoryMb().rss);
    if (process.env.LIVE_BENCH_HEAP_SNAPSHOT) {
      for (const [index, gateway] of gateways.entries()) {
        process.kill(gateway.pid, 'SIGUSR2');
        log(`[bench] asked gateway ${index} (pid ${gateway.pid}) for a heap snapshot (written in its working directory)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 30_000));
    }

    if (process.env.LIVE_BENCH_SIGNAL_WRITES) for (const gateway of gateways) process.kill(gateway.pid, process.env.LIVE_BENCH_SIGNAL_WRITES as NodeJS.Signals);
    const writeStart = Date.now();
    for (const client of clients) client.send({ type: 'measure', from: writeStart } satisfies ToClient);
    const cpuBefore = gateways.map((gateway) => cpuSeconds(gateway.pid));
    const commits = seconds * rate;
    let committed = 0;
    let conflicts = 0;
    let skipped = 0;
    const writeTimes: Histogram = {};
    const failures: string[] = [];
    const write = async (dataset: (typeof datasets)[number], index: number) => {
      dataset.busy = true;
      const sent = Date.now();
      try {
        for (let attempt = 0; attempt < 2; attempt++) {
          const result = await call(
            'mutation($id: ID!, $v: Int!, $d: String!) { updateDataset(id: $id, expectedVersion: $v, input: { description: $d }) { __typename ... on UpdateDatasetPayload { dataset { version } } ... on ConflictError { currentVersion } ... on Error { message } } }',
            { id: dataset.id, v: dataset.version, d: `Bench change ${index}` },
          );
          const outcome = result.data?.updateDataset;
          if (outcome?.__typename === 'UpdateDatasetPayload') {
            dataset.version = outcome.dataset.version;
            committed++;
            writeTimes[Date.now() - sent] = (writeTimes[Date.now() - sent] ?? 0) + 1;
            return;
          }
          if (outcome?.__typename === 'ConflictError' && typeof outcome.currentVersion === 'number') {
            conflicts++;
            dataset.version = outcome.currentVersion;
            continue;
          }
          failures.push(JSON.stringify(outcome ?? result.errors).slice(0, 300));
          return;
        }
      } catch (error) {
        failures.push((error as Error).message);
      } finally {
        dataset.busy = false;
      }
    };
    const writes: Promise<void>[] = [];
    let next = 0;
    for (let index = 0; index < commits; index++) {
      const due = writeStart + (index * 1000) / rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      // The next dataset without a write in flight (so expectedVersion is the one the last write returned).
      let dataset: (typeof datasets)[number] | undefined;
      for (let tried = 0; tried < datasets.length && !dataset; tried++) {
        const candidate = datasets[next++ % datasets.length]!;
        if (!candidate.busy) dataset = candidate;
      }
      if (!dataset) {
        skipped++;
        continue;
      }
      writes.push(write(dataset, index));
    }
    await Promise.all(writes);
    const writeSeconds = (Date.now() - writeStart) / 1000;
    const cpuDuring = gateways.map((gateway, index) => Math.round((cpuSeconds(gateway.pid) - cpuBefore[index]!) * 100) / 100);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const reports = await Promise.all(clients.map((client) => ask(client, { type: 'report' }, 'report')));
    const end = gateways.map((gateway) => gateway.memoryMb());

    const subscribersPer = gateways.map((_, index) => reports.reduce((sum, { report }) => sum + report.perInstance[index]!.subscribers, 0));
    const subscribers = subscribersPer.reduce((sum, count) => sum + count, 0);
    const all: Histogram = {};
    const perInstance = gateways.map((gateway, index) => {
      const histogram: Histogram = {};
      for (const { report } of reports) merge(histogram, report.perInstance[index]!.histogram);
      merge(all, histogram);
      const deliveries = reports.reduce((sum, { report }) => sum + report.perInstance[index]!.deliveries, 0);
      return {
        instance: index,
        writer: gateway === writer,
        subscribers: subscribersPer[index],
        streamsEndedEarly: reports.reduce((sum, { report }) => sum + report.perInstance[index]!.ended, 0),
        deliveries,
        expectedDeliveries: committed * subscribersPer[index]!,
        latencyMs: percentiles(histogram),
        rssMb: { beforeSubscribing: before[index], afterSubscribing: after[index], end: end[index]!.rss, peak: end[index]!.peak },
        rssPerSubscriberKb: Math.round((((after[index]! - before[index]!) * 1024) / Math.max(1, subscribersPer[index]!)) * 10) / 10,
        cpuSecondsDuringWrites: cpuDuring[index],
      };
    });
    const deliveries = perInstance.reduce((sum, slot) => sum + slot.deliveries, 0);
    const result = {
      instances,
      sse: sseCount,
      ws: wsCount,
      clientProcesses: clientCount,
      failedToOpen,
      commitsPlanned: commits,
      commits: committed,
      commitsPerSecond: Math.round((committed / writeSeconds) * 10) / 10,
      conflicts,
      skippedBusy: skipped,
      writeFailures: failures.length,
      firstWriteFailure: failures[0],
      writerNetworkRetries: networkRetries,
      writeRoundTripMs: percentiles(writeTimes),
      deliveries,
      expectedDeliveries: committed * subscribers,
      latencyMs: percentiles(all),
      rssPerSubscriberKb: Math.round((((after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)) * 1024) / Math.max(1, subscribers)) * 10) / 10,
      perInstance,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
    console.log(JSON.stringify(result, null, 2));
    if (process.env.LIVE_BENCH_OUTPUT) writeFileSync(process.env.LIVE_BENCH_OUTPUT, `${JSON.stringify(result, null, 2)}\n`);
    agent.destroy();
  } finally {
    for (const client of clients) {
      if (client.connected) client.send({ type: 'close' } satisfies ToClient);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const client of clients) if (client.exitCode === null) client.kill();
    for (const gateway of gateways) await gateway.stop();
    await database.drop();
  }
  process.exit(0);
}

if (process.argv[2] === 'client') runClient();
else await runMain();
