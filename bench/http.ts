// One HTTP request on a connection of its own. fetch() keeps connections alive and reuses them: a socket
// left idle while the other gateway seeds (a minute or more) has long been closed by the server, and a
// loaded machine can hand it out again anyway ("fetch failed: other side closed" on the first request).
import { request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  text: string;
}

export function send(url: string, { method = 'GET', headers = {}, body, timeoutMs = 30_000 }: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
