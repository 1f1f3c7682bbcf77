// Live-updates benchmark: many SSE and graphql-ws subscribers on one gateway (or split over two sharing
// PostgreSQL and Redis), while dataset changes commit at a steady rate through the real mutation.
// Prints delivery latency (event time in the outbox → receipt by each subscriber) p50/p99 and the
// gateway's memory per subscriber. Run with the file limit raised:
//   bash -c 'ulimit -n 20000 && node --import tsx bench/live.ts'
// Settings (environment): LIVE_BENCH_SSE=10000 LIVE_BENCH_WS=1000 LIVE_BENCH_SECONDS=30 LIVE_BENCH_RATE=10
// LIVE_BENCH_INSTANCES=1|2 (2 needs REDIS_URL, default redis://127.0.0.1:6379).
import { request, type IncomingMessage } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signStaffToken } from '../src/access/tokens.js';
import { choosePort, prepareDatabase, startGateway, type Gateway } from './server.js';

const sseCount = Number(process.env.LIVE_BENCH_SSE ?? 10_000);
const wsCount = Number(process.env.LIVE_BENCH_WS ?? 1_000);
const seconds = Number(process.env.LIVE_BENCH_SECONDS ?? 30);
const rate = Number(process.env.LIVE_BENCH_RATE ?? 10);
const instances = Number(process.env.LIVE_BENCH_INSTANCES ?? 1);
const log = (line: string) => process.stderr.write(`${line}\n`);
const QUERY = 'subscription { datasetUpdated { cursor occurredAt } }';

Object.assign(process.env, {
  LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '1000000',
  LIVE_POLL_INTERVAL_MS: '1000',
  LOG_LEVEL: 'warn',
  ...(instances > 1 ? { REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379' } : {}),
});

const latencies: number[] = [];
let received = 0;
let measuring = false;
function onEvent(payload: string) {
  received++;
  if (!measuring) return;
  const occurredAt = /"occurredAt":"([^"]+)"/.exec(payload)?.[1];
  if (occurredAt) latencies.push(Date.now() - Date.parse(occurredAt));
}

function openSse(baseUrl: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = `${baseUrl}/graphql?query=${encodeURIComponent(QUERY)}`;
    const req = request(url, { agent: false, headers: { accept: 'text/event-stream', 'x-graphql-csrf': '1' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE answered ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: {'));
          if (data) onEvent(data);
        }
      });
      resolve(response);
    });
    req.on('error', reject);
    req.end();
  });
}

function openWs(baseUrl: string) {
  const client = createClient({ url: `${baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  return new Promise<() => void>((resolve, reject) => {
    client.on('connected', () => resolve(() => void client.dispose()));
    client.on('error', reject);
    client.subscribe({ query: QUERY }, { next: (result) => onEvent(JSON.stringify(result.data)), error: () => {}, complete: () => {} });
  });
}

async function inBatches(count: number, batch: number, open: (index: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, offset) => open(start + offset)));
    if (start % 2000 === 0) log(`[bench] ${start + Math.min(batch, count - start)} / ${count} opened`);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const database = await prepareDatabase('cod_bench_live');
const gateways: Gateway[] = [];
try {
  for (let index = 0; index < instances; index++) {
    gateways.push(await startGateway({ databaseUrl: database.url, port: await choosePort(), logFile: new URL(`./results/live-server${index}.log`, import.meta.url), echo: log }));
  }
  const writer = gateways[gateways.length - 1]!;
  const before = gateways.map((gateway) => gateway.memoryMb().rss);
  const started = Date.now();
  const sse: IncomingMessage[] = [];
  await inBatches(sseCount, 200, async (index) => sse.push(await openSse(gateways[index % instances]!.baseUrl)));
  const ws: (() => void)[] = [];
  await inBatches(wsCount, 100, async (index) => ws.push(await openWs(gateways[index % instances]!.baseUrl)));
  log(`[bench] ${sseCount} SSE + ${wsCount} WebSocket subscribers connected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const after = gateways.map((gateway) => gateway.memoryMb().rss);

  const token = await signStaffToken({ secret: writer.jwtSecret, issuer: 'city-open-data-gateway', audience: 'city-open-data-gateway', maxLifetimeSeconds: 43_200, jwksUrl: undefined }, 'admin@toaks.example');
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${writer.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: any };
  };
  const { data } = await call('{ datasets(first: 12, filter: { accessLevel: PUBLIC }) { edges { node { id version } } } }');
  const datasets: { id: string; version: number }[] = data.datasets.edges.map((edge: { node: unknown }) => edge.node);
  measuring = true;
  const commits = seconds * rate;
  let committed = 0;
  const writeStart = Date.now();
  for (let index = 0; index < commits; index++) {
    const dataset = datasets[index % datasets.length]!;
    const due = writeStart + (index * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    void call('mutation($id: ID!, $v: Int!, $d: String!) { updateDataset(id: $id, expectedVersion: $v, input: { description: $d }) { __typename } }', {
      id: dataset.id,
      v: dataset.version++,
      d: `Bench change ${index}`,
    }).then((result) => result.data?.updateDataset?.__typename === 'UpdateDatasetPayload' && committed++);
  }
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  measuring = false;
  const sorted = [...latencies].sort((a, b) => a - b);
  const subscribers = sseCount + wsCount;
  const perSubscriberKb = (after.reduce((sum, mb) => sum + mb, 0) - before.reduce((sum, mb) => sum + mb, 0)) * 1024 / subscribers;
  const result = {
    instances,
    sse: sseCount,
    ws: wsCount,
    commits: committed,
    commitsPerSecond: rate,
    deliveries: latencies.length,
    expectedDeliveries: committed * subscribers,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] },
    gatewayRssMb: { before, after },
    memoryPerSubscriberKb: Math.round(perSubscriberKb * 10) / 10,
  };
  console.log(JSON.stringify(result, null, 2));
  for (const response of sse) response.destroy();
  for (const close of ws) close();
} finally {
  for (const gateway of gateways) await gateway.stop();
  await database.drop();
}
process.exit(0);
