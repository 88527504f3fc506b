import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { errorXml } from '../errors/error-response.js';
import type { OssError } from '../errors/oss-error.js';
import type { OssResult } from '../oss/types.js';
import { utf8ToLatin1 } from './headers.js';

function setHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, utf8ToLatin1(value));
}

export interface WriteOptions {
  isHead: boolean;
  /** x-oss-request-id, Date, Server, CORS. */
  baseHeaders: Record<string, string>;
  /** Fault injection: destroy the socket after this many body bytes. */
  resetAfterBytes?: number;
}

/** Writes a handler result, streaming bodies with back-pressure. */
export async function writeResult(res: ServerResponse, result: OssResult, options: WriteOptions): Promise<void> {
  res.statusCode = result.status;
  setHeaders(res, options.baseHeaders);
  setHeaders(res, result.headers ?? {});
  const body = result.body;
  const fixed = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.isBuffer(body) ? body : undefined;
  const length = fixed ? fixed.length : result.bodyLength;
  if (length !== undefined && result.status !== 304 && result.status !== 204)
    res.setHeader('Content-Length', String(length));
  else if (result.status !== 304 && result.status !== 204) res.setHeader('Content-Length', '0');
  if (options.isHead || body === undefined) {
    res.end();
    return;
  }
  const reset = options.resetAfterBytes;
  let sent = 0;
  const send = async (chunk: Uint8Array): Promise<boolean> => {
    if (reset !== undefined && sent + chunk.length >= reset) {
      if (reset > sent) res.write(chunk.subarray(0, reset - sent));
      res.flushHeaders();
      setImmediate(() => res.socket?.destroy());
      return false;
    }
    sent += chunk.length;
    if (!res.write(chunk)) await drainOrClose(res);
    return !res.destroyed;
  };
  if (fixed) {
    if (await send(fixed)) res.end();
    return;
  }
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    if (!(await send(chunk))) return;
  }
  if (reset !== undefined && sent >= reset) {
    res.socket?.destroy();
    return;
  }
  res.end();
}

/** Writes an OSS error: XML body, or for HEAD no body and the XML base64-encoded in `x-oss-err`. */
export function writeError(
  res: ServerResponse,
  err: OssError,
  options: { isHead: boolean; requestId: string; hostId: string; baseHeaders: Record<string, string> },
): void {
  if (res.headersSent) {
    res.socket?.destroy();
    return;
  }
  const xml = errorXml(err, options.requestId, options.hostId);
  res.statusCode = err.status;
  setHeaders(res, options.baseHeaders);
  res.setHeader('x-oss-ec', err.ec);
  if (options.isHead) {
    res.setHeader('x-oss-err', Buffer.from(xml, 'utf8').toString('base64'));
    res.setHeader('Content-Length', '0');
    res.end();
    return;
  }
  const body = Buffer.from(xml, 'utf8');
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

/** Waits for 'drain' or 'close', removing the other listener (a bare race would leak one per wait). */
async function drainOrClose(res: ServerResponse): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}
