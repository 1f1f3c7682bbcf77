// Rejects request bodies over the configured size before yoga parses them (413), streaming-safe:
// a body without Content-Length is counted chunk by chunk and abandoned at the limit.
import type { Plugin } from 'graphql-yoga';

async function bodyExceeds(request: Request, maxBytes: number): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null) return Number(declared) > maxBytes;
  if (!request.body) return false;
  const reader = request.clone().body!.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return true;
    }
  }
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && (await bodyExceeds(request, maxBytes))) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: `Request body exceeds ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }),
            { status: 413, headers: { 'content-type': 'application/json' } },
          ),
        );
      }
    },
  };
}
