// One measured load run: warm up, then a fixed-duration autocannon run while the server's CPU time is read.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Result } from 'autocannon';
import { processCpuMs } from './cpu.js';
import type { BenchRequest } from './scenarios.js';

export interface Figures {
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses that failed the scenario's body check (e.g. GraphQL errors). */
  badBodies: number;
  serverCpuMsPerRequest: number;
}

export interface LoadOptions {
  baseUrl: string;
  request: BenchRequest;
  bodyOk?: (body: string) => boolean;
  durationS: number;
  warmupS: number;
  connections: number;
  serverPid: number;
}

function load(options: LoadOptions, durationS: number): Promise<Result> {
  const { baseUrl, request, connections, bodyOk } = options;
  if (new URL(baseUrl).hostname !== '127.0.0.1') throw new Error(`refusing to load ${baseUrl}: 127.0.0.1 only`);
  const { method, headers, body } = request;
  // autocannon stops by itself after `duration`; `timeout` bounds each request.
  const run = autocannon({ url: baseUrl + request.path, method, headers, body, connections, duration: durationS, timeout: 10, ...(bodyOk && { verifyBody: bodyOk }) });
  return Promise.resolve(run);
}

/**
 * autocannon abandons in-flight requests when time is up, but the server still finishes them: wait (at
 * most 10 s) until it uses under 10 % of a core, so that their CPU time does not leak into the next run.
 */
async function settle(pid: number) {
  const deadline = Date.now() + 10_000;
  for (let last = processCpuMs(pid); Date.now() < deadline; ) {
    await sleep(250);
    const now = processCpuMs(pid);
    if (now - last < 25) return;
    last = now;
  }
}

export async function measure(options: LoadOptions): Promise<Figures & { statusCodes: Record<string, number> }> {
  // Warm-up lets the JIT, connection pools and caches settle; its figures are discarded.
  if (options.warmupS > 0) {
    await load(options, options.warmupS);
    await settle(options.serverPid);
  }
  const cpuBefore = processCpuMs(options.serverPid);
  const result = await load(options, options.durationS);
  const cpuMs = processCpuMs(options.serverPid) - cpuBefore;
  await settle(options.serverPid);
  const requests = result.requests.total;
  return {
    reqPerSec: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    badBodies: result.mismatches,
    serverCpuMsPerRequest: requests > 0 ? cpuMs / requests : Number.NaN,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}
