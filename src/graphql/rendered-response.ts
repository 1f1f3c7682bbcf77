// Rendered JSON (src/read/rendered-json.ts) in a query's response. The executor leaves a placeholder where a
// rendered value goes; the result's `stringify` (which yoga calls for JSON, SSE and multipart answers alike)
// serializes the rest as usual and puts each value's JSON text in place of its placeholder. A placeholder
// is a string no data can hold: a NUL character and a per-process random nonce.
import { randomBytes } from 'node:crypto';
import type { ExecutionResult } from 'graphql';

const NONCE = randomBytes(12).toString('base64url');
const MARKER = `\u0000${NONCE}:`;
/** A placeholder as JSON.stringify writes it (NUL escaped). */
const PLACEHOLDERS = new RegExp(`"\\\\u0000${NONCE}:(\\d+)"`, 'g');

class Placeholder {
  constructor(private readonly index: number) {}

  toJSON(): string {
    return MARKER + this.index;
  }
}

/** The rendered JSON texts of one execution's result. */
export class RenderedValues {
  private readonly texts: string[] = [];

  /** The placeholder that stands for `text` in the result. */
  add(text: string): unknown {
    return new Placeholder(this.texts.push(text) - 1);
  }

  get size(): number {
    return this.texts.length;
  }

  splice(json: string): string {
    return json.replace(PLACEHOLDERS, (_match, index: string) => this.texts[Number(index)]!);
  }
}

type Stringified = ExecutionResult & { stringify?: (result: unknown) => string };

/** `result`, serialized with its rendered values when it has any. */
export function splicedInto(result: ExecutionResult, rendered: RenderedValues): ExecutionResult {
  // Enumerable, so that a copy of the result (yoga masking its errors) keeps it; JSON.stringify skips functions.
  if (rendered.size > 0) (result as Stringified).stringify = (value) => rendered.splice(JSON.stringify(value));
  return result;
}

/** The result as plain values, for a transport that serializes it itself (graphql-ws). */
export function plainResult<T>(result: T): T {
  const stringify = (result as Stringified | null)?.stringify;
  return typeof stringify === 'function' ? (JSON.parse(stringify(result)) as T) : result;
}
