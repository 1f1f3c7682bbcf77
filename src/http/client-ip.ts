// The caller's address, for anonymous rate limits. X-Forwarded-For is only believed behind a proxy we
// trust (TRUST_PROXY=true): otherwise any caller could dodge its budget by inventing addresses.
import type { IncomingMessage } from 'node:http';

export function clientIp(request: Request, socketRequest: IncomingMessage | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketRequest?.socket.remoteAddress ?? 'unknown';
}
