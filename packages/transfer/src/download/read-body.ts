// Reading response bodies: exactly the bytes a ranged GET promised, or everything of a whole GET. A body that ends
// early (or says more than it should) is a retryable network failure: the engine resends the GET.
import { OssCseError } from '@oss-cse/core';
import { networkError } from '../errors/oss-errors.js';

/**
 * Reads a whole body into one array (of `expected` bytes when known: no concatenation).
 *
 * @example
 * ```ts
 * import { readBody } from '@oss-cse/transfer';
 * const res = await fetch('https://example.com/a.bin');
 * const bytes = await readBody(res.body!, 'GetObject a.bin', Number(res.headers.get('content-length')));
 * ```
 */
export async function readBody(
  body: ReadableStream<Uint8Array>,
  operation: string,
  expected?: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  try {
    if (expected !== undefined) {
      const out = new Uint8Array(expected);
      let filled = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (filled + value.length > expected)
          throw new OssCseError(
            'ERR_BAD_CONTENT_RANGE',
            `${operation}: the response holds more than the ${expected} bytes announced`,
          );
        out.set(value, filled);
        filled += value.length;
      }
      if (filled !== expected) throw networkError(operation, `the response ended after ${filled} of ${expected} bytes`);
      return out;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    if (e instanceof OssCseError) throw e;
    throw networkError(operation, 'the response body could not be read to its end', e);
  } finally {
    reader.releaseLock();
  }
}

/**
 * The `Content-Length` of an answer, when it carries a valid one.
 *
 * @example
 * ```ts
 * import { contentLength } from '@oss-cse/transfer';
 * contentLength({ 'content-length': '42' }); // 42
 * contentLength({}); // undefined
 * ```
 */
export function contentLength(headers: Readonly<Record<string, string>>): number | undefined {
  const v = headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}
