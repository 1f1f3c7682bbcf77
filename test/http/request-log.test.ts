// Structured logs: one JSON object per line, each with its request id; a client's mistake is one short line.
import { describe, expect, it } from 'vitest';
import { startTestServer, useTestServer } from '../support/http-server.js';
import { captureLogs } from '../support/log-capture.js';

const verbose = captureLogs('debug');
const server = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' }, verbose.logger);
const quiet = captureLogs('info');
const quietServer = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' }, quiet.logger);

const API_KEY_LOOKING_REAL = 'cod_0123456789_abcdefghijklmnopqrstuvwxyz';
const forged = 'PRR-2026-0004\n[gateway] stopped\n{"level":30,"msg":"forged"}';
const track = 'query($reference: String!) { trackDataRequest(reference: $reference, token: "trk_nope") { status } }';

/** The lines logged while `send` ran. */
async function linesOf(capture: ReturnType<typeof captureLogs>, send: () => Promise<unknown>) {
  const before = capture.lines.length;
  await send();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return capture.lines.slice(before);
}

describe('request logs', () => {
  it('client text cannot forge a line: every line is JSON and carries the request id', async () => {
    let requestId: string | null = null;
    const lines = await linesOf(verbose, async () => {
      const result = await server().request(track, { reference: forged });
      requestId = result.headers.get('x-request-id');
    });
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ requestId });
    expect(lines.some((line) => line.startsWith('[gateway]'))).toBe(false);
  });

  it('keeps a sane incoming X-Request-Id and replaces an odd one', async () => {
    const kept = await server().request('{ licenses { name } }', {}, { 'x-request-id': 'edge-7f3a.42' });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a.42');
    const odd = await server().request('{ licenses { name } }', {}, { 'x-request-id': 'has spaces <script>' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers every response with a request id, also those given before the request hooks (GraphiQL, health)', async () => {
    for (const [path, accept] of [['/graphql', 'text/html'], ['/health', '*/*']] as const) {
      const response = await fetch(`${server().url}${path}`, { headers: { accept } });
      await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("logs a client's mistake as one line without a stack", async () => {
    const mistakes: [string, Record<string, unknown>?, Record<string, string>?][] = [
      ['{ dataset(id: "%%%", identifier: "x") { title } }'],
      ['{ licenses { name } }', {}, { authorization: 'Bearer not-a-token' }],
      ['query($first: Int!) { datasets(first: $first) { totalCount } }', { first: 1000 }],
    ];
    for (const [query, variables, headers] of mistakes) {
      let requestId: string | null = null;
      const lines = await linesOf(quiet, async () => {
        requestId = (await quietServer().request(query, variables, headers)).headers.get('x-request-id');
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/stack|\s+at\s/);
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'client error', codes: [expect.any(String)], requestId });
    }
  });

  it('logs an unexpected error in full, once', async () => {
    const capture = captureLogs('info');
    const broken = await startTestServer({}, capture.logger);
    await broken.db.close();
    let requestId: string | null = null;
    const lines = await linesOf(capture, async () => {
      requestId = (await broken.request('{ datasets(first: 2) { edges { node { title } } } }')).headers.get('x-request-id');
    });
    await broken.close();
    expect(lines).toHaveLength(1);
    const [record] = lines.map((line) => JSON.parse(line));
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record).toMatchObject({ level: 50, msg: 'Unexpected error', requestId });
    expect(record.err.stack).toMatch(/\s+at\s/);
  });

  it('logs an unexpected error raised while the caller is identified with its request id, once', async () => {
    const capture = captureLogs('info');
    const broken = await startTestServer({}, capture.logger);
    await broken.db.close();
    let response: Awaited<ReturnType<typeof broken.request>> | undefined;
    const lines = await linesOf(capture, async () => {
      response = await broken.request('{ licenses { name } }', {}, { 'x-api-key': API_KEY_LOOKING_REAL });
    });
    await broken.close();
    expect(response?.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: 'Unexpected error', requestId: response?.headers.get('x-request-id') });
  });

  it('logs a refused request with its request id', async () => {
    const capture = captureLogs('info');
    const limited = await startTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1', TRUST_PROXY: 'true' }, capture.logger);
    const address = { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
    let refused: Awaited<ReturnType<typeof limited.request>> | undefined;
    let lines: string[] = [];
    for (let attempt = 0; attempt < 10 && refused?.status !== 429; attempt++) {
      lines = await linesOf(capture, async () => {
        refused = await limited.request('{ __typename }', {}, address);
      });
    }
    await limited.close();
    expect(refused?.status).toBe(429);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'rate limited', requestId: refused?.headers.get('x-request-id') }),
    ]);
  });
});
