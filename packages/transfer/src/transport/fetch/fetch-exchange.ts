// One signed OSS request over fetch: sign, send under a deadline, and turn every way it can fail into the
// engine's errors (ossError for OSS answers, networkError for no answer, ERR_ABORTED for the caller's abort).
import { checkCredentials, throwIfAborted } from '@oss-cse/core';
import { ossError, type OssAnswer } from '../../errors/oss-errors.js';
import type { GetResponse, RequestBody, RequestContext, ResponseHeaders } from '../object-transport.js';
import type { Addressing } from './addressing.js';
import { createDeadline, stoppedError, watchBody, type Deadline } from './deadline.js';
import { readErrorAnswer } from './error-answer.js';
import { checkSignedHeaders } from './request-headers.js';
import { signRequest, type SignatureVersion } from './sign-request.js';
import type { QueryPairs } from './signing-request.js';
import { MalformedResponseError } from './xml-reader.js';

/** What every request of one transport shares. */
export interface ExchangeConfig {
  readonly addressing: Addressing;
  readonly version: SignatureVersion;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  /**
   * A presigned URL every request goes to as it is (its query carries the signature): nothing is signed, the call's
   * key and query are not used, and the URL's signature and token never appear in an error.
   */
  readonly presignedUrl?: string | undefined;
}

/** One OSS request. `headers` have been checked by `callerHeaders` (lower-case names). */
export interface OssCall {
  /** `GetObject photos/a.jpg`: names the request in errors. */
  readonly operation: string;
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  /** The object key; undefined for bucket requests. */
  readonly key?: string | undefined;
  readonly query?: QueryPairs | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: RequestBody | string | undefined;
}

/** A request that got response headers. */
export interface Sent {
  readonly response: Response;
  readonly deadline: Deadline;
  /** What must never appear in an error: the secret, the token, the Authorization value and its signature. */
  readonly secrets: readonly (string | undefined)[];
}

/**
 * Response headers with lower-case names.
 *
 * @example
 * ```ts
 * headerRecord(res.headers)['etag'];
 * ```
 */
export function headerRecord(headers: Headers): ResponseHeaders {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** Pages and Web Workers (Chromium uploads an ArrayBufferView body on the calling thread, at about 1 MiB/s). */
const BROWSER =
  typeof document !== 'undefined' ||
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

/** The body for fetch: in a browser, bytes go as a Blob of exactly those bytes, which is sent at network speed. */
function requestBody(body: OssCall['body']): BodyInit | undefined {
  return BROWSER && body instanceof Uint8Array
    ? new Blob([body as Uint8Array<ArrayBuffer>])
    : (body as BodyInit | undefined);
}

const at = (config: ExchangeConfig, call: OssCall, ctx: RequestContext, phase: 'request' | 'body') =>
  ({ operation: call.operation, timeoutMs: config.timeoutMs, caller: ctx.signal, phase }) as const;

/**
 * Signs and sends `call`, resolving once response headers arrived (any status).
 *
 * @example
 * ```ts
 * const { response, deadline } = await send(config, { operation: 'HeadObject a', method: 'HEAD', key: 'a' }, ctx);
 * ```
 */
export async function send(config: ExchangeConfig, call: OssCall, ctx: RequestContext): Promise<Sent> {
  throwIfAborted(ctx.signal);
  const { url, headers, secrets } =
    config.presignedUrl === undefined
      ? await signed(config, call, ctx)
      : presigned(config.presignedUrl, call.headers ?? {});
  const deadline = createDeadline(ctx.signal, config.timeoutMs);
  deadline.arm();
  try {
    const response = await config.fetch(url, {
      method: call.method,
      headers,
      body: requestBody(call.body),
      signal: deadline.signal,
      redirect: 'manual',
      // A signed request is never answered from an HTTP cache (Chromium would serve a fresh-looking GET/HEAD even
      // after the credentials expired or the object changed).
      cache: 'no-store',
    });
    return { response, deadline, secrets };
  } catch (e) {
    deadline.release();
    throw stoppedError(deadline, at(config, call, ctx, 'request'), e);
  }
}

interface Outgoing {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly (string | undefined)[];
}

/** The URL's signature and security token are its secrets. */
function presigned(url: string, headers: Readonly<Record<string, string>>): Outgoing {
  const query = new URL(url).searchParams;
  const secrets = ['Signature', 'x-oss-signature', 'security-token', 'x-oss-security-token'].map(
    (name) => query.get(name) ?? undefined,
  );
  return { url, headers, secrets };
}

async function signed(config: ExchangeConfig, call: OssCall, ctx: RequestContext): Promise<Outgoing> {
  const credentials = checkCredentials(ctx.credentials);
  const { addressing } = config;
  const headers = await signRequest({
    version: config.version,
    request: {
      method: call.method,
      bucket: addressing.bucket,
      key: call.key,
      query: call.query,
      headers: call.headers,
    },
    credentials,
    region: addressing.region,
    now: new Date(),
  });
  checkSignedHeaders(headers);
  const authorization = headers['authorization'];
  const signature = /(?:Signature=|:)([^,:\s]+)$/.exec(authorization ?? '')?.[1];
  return {
    url: addressing.url(call.key, call.query),
    headers,
    secrets: [credentials.accessKeySecret, credentials.securityToken, authorization, signature],
  };
}

/**
 * The answer of a failed request (status outside 2xx).
 *
 * @example
 * ```ts
 * if (!sent.response.ok) throw ossError(await failedAnswer(call, sent));
 * ```
 */
export function failedAnswer(call: OssCall, sent: Sent): Promise<OssAnswer> {
  return readErrorAnswer(sent.response, {
    operation: call.operation,
    isHead: call.method === 'HEAD',
    secrets: sent.secrets,
  });
}

/**
 * Sends `call` and reads its (small) answer: `read` gets the body text and the response of a 2xx answer; a
 * body `read` cannot make sense of (MalformedResponseError) is an OSS error, never a result.
 *
 * @example
 * ```ts
 * const uploadId = await exchange(config, call, ctx, (text) => parseInitiateResult(text));
 * ```
 */
export async function exchange<T>(
  config: ExchangeConfig,
  call: OssCall,
  ctx: RequestContext,
  read: (text: string, response: Response) => T,
): Promise<T> {
  const sent = await send(config, call, ctx);
  const { response, deadline } = sent;
  try {
    if (!response.ok) throw ossError(await failedAnswer(call, sent));
    const text = await response.text();
    try {
      return read(text, response);
    } catch (e) {
      if (e instanceof MalformedResponseError)
        throw ossError({ operation: call.operation, status: response.status, ossMessage: e.message });
      throw e;
    }
  } catch (e) {
    throw stoppedError(deadline, at(config, call, ctx, 'body'), e);
  } finally {
    deadline.release();
  }
}

/**
 * Sends `call` (a GET) and hands over its body as a stream, watched by the deadline chunk by chunk.
 *
 * @example
 * ```ts
 * const { status, headers, body } = await openStream(config, call, ctx);
 * ```
 */
export async function openStream(config: ExchangeConfig, call: OssCall, ctx: RequestContext): Promise<GetResponse> {
  const sent = await send(config, call, ctx);
  const { response, deadline } = sent;
  if (!response.ok) {
    try {
      throw ossError(await failedAnswer(call, sent));
    } catch (e) {
      throw stoppedError(deadline, at(config, call, ctx, 'body'), e);
    } finally {
      deadline.release();
    }
  }
  deadline.disarm();
  const headers = headerRecord(response.headers);
  if (response.body === null) {
    deadline.release();
    return { status: response.status, headers, body: new ReadableStream<Uint8Array>({ start: (c) => c.close() }) };
  }
  const body = watchBody(response.body, deadline, (e) => stoppedError(deadline, at(config, call, ctx, 'body'), e));
  return { status: response.status, headers, body };
}
