// A plaintext HTTP answer for one object, read through the engine: getStream plans the 16-byte-aligned ciphertext
// ranges, pins every GET to the ETag of its HEAD and decrypts chunk by chunk, so the Response body streams with
// bounded memory whatever the object's size. This file only maps the request and the engine's result to HTTP.
import { isOssCseError } from '@oss-cse/core';
import type { TransferClient } from '@oss-cse/transfer';
import { plaintextAnswer, requestedRange, unsatisfiableAnswer, type PlaintextAnswer } from './range-request.js';

/** What answering needs of a client: the engine's verbs (a TransferClient, a BrowserClient, a share's reader). */
export type ObjectReader = Pick<TransferClient, 'getStream' | 'head'>;

/** Options of {@link objectResponse}. */
export interface ObjectResponseOptions {
  /** Bytes per ranged GET (a multiple of 16; default: the client's). */
  readonly chunkSize?: number | undefined;
  /** Answer as a download with this file name (Content-Disposition: attachment). */
  readonly attachment?: string | undefined;
}

/**
 * Answers GET (200 whole, 206 one range, 416 past the end) and HEAD for `key`; other methods get 405. Failures
 * become an HTTP status with a JSON body `{ code, message }` (the engine's messages carry no secret).
 *
 * @example
 * ```ts
 * import type { TransferClient } from '@oss-cse/transfer';
 * import { objectResponse } from '@oss-cse/browser/service-worker';
 * declare const client: TransferClient, request: Request;
 * const response = await objectResponse(client, 'videos/a.mp4', request); // 200, 206 or 416
 * ```
 */
export async function objectResponse(
  reader: ObjectReader,
  key: string,
  request: Request,
  options: ObjectResponseOptions = {},
): Promise<Response> {
  try {
    if (request.method === 'HEAD') {
      const info = await reader.head(key, { signal: request.signal });
      return answer(plaintextAnswer({ ...info, attachment: options.attachment }, undefined), null);
    }
    if (request.method !== 'GET') return errorResponse(405, 'ERR_INVALID_ARGUMENT', `${request.method} is not served`);
    const range = requestedRange(request.headers.get('range'));
    let result;
    try {
      result = await reader.getStream(key, { range, chunkSize: options.chunkSize, signal: request.signal });
    } catch (e) {
      if (range === undefined || !isOssCseError(e) || e.code !== 'ERR_INVALID_RANGE') throw e;
      return answer(unsatisfiableAnswer(await reader.head(key, { signal: request.signal })), null);
    }
    const served = result.range && { start: result.range.start, end: result.range.end };
    return answer(plaintextAnswer({ ...result.info, attachment: options.attachment }, served), result.body);
  } catch (e) {
    return failureResponse(e);
  }
}

function answer(a: PlaintextAnswer, body: ReadableStream<Uint8Array> | null): Response {
  return new Response(body, { status: a.status, headers: a.headers });
}

const STATUS: Readonly<Record<string, number>> = {
  ERR_NOT_FOUND: 404,
  ERR_ACCESS_DENIED: 403,
  ERR_CREDENTIALS: 403,
  ERR_TOKEN_EXPIRED: 403,
  ERR_SOURCE_CHANGED: 412,
  ERR_ABORTED: 499,
};

/** The HTTP answer for a failure: the engine's code and message, never a stack or a request parameter. */
export function failureResponse(e: unknown): Response {
  if (isOssCseError(e)) return errorResponse(STATUS[e.code] ?? 502, e.code, e.message);
  return errorResponse(500, 'ERR_INTERNAL', e instanceof Error ? e.message : String(e));
}

export function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ code, message }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-oss-cse-error': code },
  });
}
