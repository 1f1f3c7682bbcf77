// Rejects request bodies over the configured size before yoga parses them (413). A body with a declared
// Content-Length is judged by it (Node's HTTP parser never delivers more than declared); a chunked body is
// read here, up to the limit, and handed on to yoga as a buffered request.
import type { Plugin } from 'graphql-yoga';

/** The whole body, or undefined once it exceeds maxBytes (reading stops there). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

/** `uploadMaxBytes` applies to multipart requests (file uploads such as importRecords), `maxBytes` to the rest. */
export function useBodyLimit(defaultMaxBytes: number, uploadMaxBytes = defaultMaxBytes): Plugin {
  const tooLarge = (maxBytes: number, fetchAPI: { Response: typeof Response }) =>
    new fetchAPI.Response(
      JSON.stringify({ errors: [{ message: `Request body exceeds ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }),
      { status: 413, headers: { 'content-type': 'application/json' } },
    );
  return {
    // Synchronous unless the body is chunked: most requests pass without a promise.
    onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const upload = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      const maxBytes = upload ? uploadMaxBytes : defaultMaxBytes;
      const declared = request.headers.get('content-length');
      // A declared length settles it without touching request.body, whose getter builds a stream over the body
      // that yoga's own reading does not need.
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge(maxBytes, fetchAPI));
        return;
      }
      if (!request.body) return;
      return readAtMost(request.body, maxBytes).then((body) => {
        if (!body) return endResponse(tooLarge(maxBytes, fetchAPI));
        const headers = new fetchAPI.Headers(request.headers);
        headers.delete('transfer-encoding');
        headers.set('content-length', String(body.byteLength));
        setRequest(new fetchAPI.Request(request.url, { method: request.method, headers, body, signal: request.signal }));
      });
    },
  };
}
