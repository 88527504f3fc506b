// The ObjectTransport over ali-oss 6.x, one implementation for its Node build and its browser build. A runtime
// supplies a driver (how to make a client for a set of credentials, what a request body and a GET's body are in
// that build, per-call hooks); this module makes the calls, maps the answers and errors (through the engine's one
// table) and never retries or refreshes credentials: the engine does both.
import { abortedError, checkCredentials, OssCseError, type Credentials } from '@oss-cse/core';
import { headNeedsProbe, networkError, type TransportErrorDetails } from '../../errors/oss-errors.js';
import type { Connection } from '../connection.js';
import { objectPath } from '../fetch/percent-encode.js';
import { bytesOf } from '../../source/blob-bytes.js';
import type {
  GetResponse,
  ListPage,
  MultipartUploadSummary,
  ObjectTransport,
  RequestBody,
  RequestContext,
  ResponseHeaders,
  UploadedPart,
} from '../object-transport.js';
import { allPages, writeResult } from '../transport-results.js';
import { aliOssError } from './ali-oss-errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** What an ali-oss call resolves to. */
export type AliResult = { res: { status: number; headers: Record<string, unknown> }; [k: string]: any };

/** The part of an ali-oss 6.x client (either build) the transport calls. */
export interface AliOssClient {
  /** `put`: PutObject. */
  put(name: string, data: unknown, options: object): Promise<AliResult>;
  /** `get`: GetObject. */
  get(name: string, options: object): Promise<AliResult>;
  /** `delete`: DeleteObject. */
  delete(name: string, options: object): Promise<AliResult>;
  /** `listV2`: ListObjectsV2. */
  listV2(query: object, options: object): Promise<AliResult>;
  /** `initMultipartUpload`: InitiateMultipartUpload. */
  initMultipartUpload(name: string, options: object): Promise<AliResult>;
  /** `uploadPart`: UploadPart of `data` from `start` to `end`. */
  uploadPart(
    name: string,
    uploadId: string,
    partNo: number,
    data: unknown,
    start: number,
    end: number,
    options: object,
  ): Promise<AliResult>;
  /** `completeMultipartUpload`: CompleteMultipartUpload. */
  completeMultipartUpload(name: string, uploadId: string, parts: object[], options: object): Promise<AliResult>;
  /** `abortMultipartUpload`: AbortMultipartUpload. */
  abortMultipartUpload(name: string, uploadId: string, options: object): Promise<AliResult>;
  /** `listParts`: ListParts (one page). */
  listParts(name: string, uploadId: string, query: object, options: object): Promise<AliResult>;
  /** `listUploads`: ListMultipartUploads (one page). */
  listUploads(query: object, options: object): Promise<AliResult>;
  /** The request parameters of an object operation (ali-oss 6.x, both builds; what `head` sends). */
  _objectRequestParams(method: string, name: string, options: object): object;
  /** Sends request parameters, signed with the client's keys. */
  request(params: object): Promise<AliResult>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** What differs between ali-oss's builds and runtimes. */
export interface AliOssDriver {
  /** The resolved connection settings (bucket, addressing, signature version, timeout). */
  readonly connection: Connection;
  /** A new ali-oss client signing with these credentials (the transport keeps one per set, never updated half-way). */
  client(credentials: Credentials): AliOssClient;
  /**
   * The application's own ali-oss client (the engine's `ossClient` option), used for every call instead of `client`:
   * it signs with the keys it holds. It is never changed: the transport calls through an object derived from it.
   */
  readonly existing?: object | undefined;
  /** What the driver sets on the object derived from an existing client (the browser: its XHR urllib). */
  adopt?(client: AliOssClient): void;
  /** A request body as this build sends it (a Node Buffer, the browser build's Buffer) over the same bytes. */
  body(bytes: Uint8Array): unknown;
  /**
   * A ranged or whole GET with `options` (headers and the call's hooks): the answer's status, headers and body, as
   * a web stream or any async iterable of bytes (a Node Readable).
   */
  get(
    oss: AliOssClient,
    key: string,
    options: { headers: Record<string, string> },
  ): Promise<{
    /** The HTTP status. */
    status: number;
    /** The response headers, as the build gives them. */
    headers: Record<string, unknown>;
    /** The body, not yet read. */
    body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  }>;
  /**
   * Options every call of this request gets (a browser's hooks for AbortSignal and byte progress); `release` after it.
   */
  callOptions?(ctx: RequestContext): { readonly options: object; release(): void };
  /** Releases what the driver keeps (Node's keep-alive agents). */
  close?(): void;
}

const OCTETS = 'application/octet-stream';

/**
 * @example
 * ```ts
 * import { aliOssTransport, type AliOssDriver } from '@oss-cse/transfer';
 * declare const driver: AliOssDriver; // what @oss-cse/node and @oss-cse/browser build over their ali-oss builds
 * const transport = aliOssTransport(driver);
 * ```
 */
export function aliOssTransport(driver: AliOssDriver): ObjectTransport {
  const { addressing, timeoutMs } = driver.connection;
  const clients = new WeakMap<Credentials, AliOssClient>();
  const escaped = (oss: AliOssClient) => {
    // Object URLs as the engine addresses them (ali-oss's own escaping keeps the slashes of a key with a `.` or
    // `..` segment, which every URL parser on the way then removes; the signature covers the key itself).
    (oss as unknown as { _escape: (name: string) => string })._escape = objectPath;
    return oss;
  };
  // An existing client is called through an object whose prototype it is: the engine's escaping and the driver's
  // hooks are set there, the application's client and its other calls stay as they were.
  const existing = driver.existing === undefined ? undefined : escaped(Object.create(driver.existing) as AliOssClient);
  if (existing) driver.adopt?.(existing);
  const clientFor = (credentials: Credentials) => {
    if (existing) return existing;
    let oss = clients.get(credentials);
    if (!oss) {
      oss = escaped(driver.client(credentials));
      clients.set(credentials, oss);
    }
    return oss;
  };

  async function call<T>(
    operation: string,
    ctx: RequestContext,
    run: (oss: AliOssClient, options: object) => Promise<T>,
  ): Promise<T> {
    const { signal } = ctx;
    if (signal?.aborted) throw abortedError(signal);
    const credentials = checkCredentials(ctx.credentials);
    const hooks = driver.callOptions?.(ctx);
    let onAbort: (() => void) | undefined;
    try {
      const running = run(clientFor(credentials), hooks?.options ?? {});
      if (!signal) return await running;
      // A build that cannot cancel its request (Node's) is no longer waited for; its late answer is dropped.
      running.catch(() => undefined);
      const aborted = new Promise<never>((_, reject) =>
        signal.addEventListener('abort', (onAbort = () => reject(abortedError(signal))), { once: true }),
      );
      return await Promise.race([running, aborted]);
    } catch (e) {
      if (ctx.signal?.aborted) throw abortedError(ctx.signal);
      throw aliOssError(e, operation, { credentials, timeoutMs });
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      hooks?.release();
    }
  }

  /**
   * A 4xx whose OSS code ali-oss could not read (a HEAD answered without a readable `x-oss-err`, a streamed GET
   * whose error body ali-oss discards) is asked again as a GET of byte 0, whose body it reads, so that a stale
   * token is ERR_TOKEN_EXPIRED (the engine refreshes) and a policy ERR_ACCESS_DENIED.
   */
  async function probed<T>(operation: string, key: string, ctx: RequestContext, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (e) {
      const d = e instanceof OssCseError ? (e.details as Partial<TransportErrorDetails> | undefined) : undefined;
      if (
        typeof d?.status !== 'number' ||
        !headNeedsProbe({ operation, status: d.status, ossCode: d.ossCode ?? undefined })
      )
        throw e;
      const told = await call(operation, ctx, (oss, o) => oss.get(key, { ...o, headers: { Range: 'bytes=0-0' } })).then(
        () => undefined,
        (again: unknown) => again,
      );
      if (ctx.signal?.aborted) throw abortedError(ctx.signal);
      const answer =
        told instanceof OssCseError ? (told.details as Partial<TransportErrorDetails> | undefined) : undefined;
      throw answer?.ossCode && answer.status === d.status ? told : e;
    }
  }

  const bodyOf = async (body: RequestBody) => driver.body(await bytesOf(body));
  const write = (r: AliResult, operation: string) => {
    const headers = lowerHeaders(r.res.headers);
    return writeResult(headers, headers['etag'], operation);
  };
  const sent = (ctx: RequestContext, size: number) => ctx.onUploadProgress?.(size);

  return {
    bucket: addressing.bucket,

    async putObject(key, body, headers, ctx) {
      const operation = `PutObject ${key}`;
      const data = await bodyOf(body);
      const r = await call(operation, ctx, (oss, o) =>
        oss.put(key, data, { ...o, headers: { ...headers }, mime: OCTETS }),
      );
      sent(ctx, body instanceof Uint8Array ? body.byteLength : body.size);
      return write(r, operation);
    },

    async getObject(key, request, ctx): Promise<GetResponse> {
      const operation = `GetObject ${key}`;
      const headers: Record<string, string> = {};
      if (request.range !== undefined) {
        headers['Range'] = request.range;
        headers['x-oss-range-behavior'] = 'standard';
      }
      if (request.ifMatch !== undefined) headers['If-Match'] = request.ifMatch;
      const r = await probed(operation, key, ctx, () =>
        call(operation, ctx, (oss, o) => driver.get(oss, key, { ...o, headers })),
      );
      return { status: r.status, headers: lowerHeaders(r.headers), body: bodyStream(r.body, operation) };
    },

    async headObject(key, ctx): Promise<ResponseHeaders> {
      const operation = `HeadObject ${key}`;
      return lowerHeaders(
        (await probed(operation, key, ctx, () => call(operation, ctx, (oss, o) => headRequest(oss, key, o)))).res
          .headers,
      );
    },

    async deleteObject(key, ctx) {
      await call(`DeleteObject ${key}`, ctx, (oss, o) => oss.delete(key, o));
    },

    async listObjects(request, ctx): Promise<ListPage> {
      const query: Record<string, string> = { 'max-keys': String(request.maxKeys ?? 1000) };
      if (request.prefix) query['prefix'] = request.prefix;
      if (request.delimiter) query['delimiter'] = request.delimiter;
      if (request.token) query['continuation-token'] = request.token;
      const r = await call(request.prefix ? `ListObjectsV2 ${request.prefix}` : 'ListObjectsV2', ctx, (oss, o) =>
        oss.listV2(query, o),
      );
      return {
        objects: ((r['objects'] ?? []) as Record<string, unknown>[]).map((x) => ({
          key: String(x['name']),
          size: Number(x['size']),
          etag: String(x['etag']),
          lastModified: String(x['lastModified']),
        })),
        prefixes: ((r['prefixes'] ?? []) as unknown[]).map(String),
        nextToken: r['isTruncated'] && r['nextContinuationToken'] ? String(r['nextContinuationToken']) : undefined,
      };
    },

    async initiateMultipartUpload(key, headers, ctx) {
      const r = await call(`InitiateMultipartUpload ${key}`, ctx, (oss, o) =>
        oss.initMultipartUpload(key, { ...o, headers: { ...headers }, mime: OCTETS }),
      );
      return String(r['uploadId']);
    },

    async uploadPart(key, uploadId, partNumber, body, headers, ctx) {
      const operation = `UploadPart ${key} #${partNumber}`;
      const data = await bodyOf(body);
      const size = body instanceof Uint8Array ? body.byteLength : body.size;
      const r = await call(operation, ctx, (oss, o) =>
        oss.uploadPart(key, uploadId, partNumber, data, 0, size, {
          ...o,
          headers: { ...headers },
          disabledMD5: true,
          mime: OCTETS,
        }),
      );
      sent(ctx, size);
      return write(r, operation);
    },

    async completeMultipartUpload(key, uploadId, parts, ctx) {
      const operation = `CompleteMultipartUpload ${key}`;
      const list = [...parts]
        .sort((a, b) => a.partNumber - b.partNumber)
        .map((p) => ({ number: p.partNumber, etag: p.etag }));
      return write(
        await call(operation, ctx, (oss, o) => oss.completeMultipartUpload(key, uploadId, list, o)),
        operation,
      );
    },

    async abortMultipartUpload(key, uploadId, ctx) {
      await call(`AbortMultipartUpload ${key}`, ctx, (oss, o) => oss.abortMultipartUpload(key, uploadId, o));
    },

    listParts(key, uploadId, ctx): Promise<UploadedPart[]> {
      const operation = `ListParts ${key}`;
      return allPages(operation, async (marker: string | undefined) => {
        const query = { 'max-parts': 1000, ...(marker ? { 'part-number-marker': marker } : {}) };
        const r = await call(operation, ctx, (oss, o) => oss.listParts(key, uploadId, query, o));
        const listed = (r['parts'] ?? []) as Record<string, unknown>[] | Record<string, unknown>;
        const parts = (Array.isArray(listed) ? listed : [listed]).map((p) => ({
          partNumber: Number(p['PartNumber']),
          etag: String(p['ETag']),
          size: Number(p['Size']),
        }));
        // ali-oss passes IsTruncated through as the XML text ("false" is truthy).
        return {
          items: parts,
          next:
            String(r['isTruncated']) === 'true' && r['nextPartNumberMarker']
              ? String(r['nextPartNumberMarker'])
              : undefined,
        };
      });
    },

    listMultipartUploads(request, ctx): Promise<MultipartUploadSummary[]> {
      const operation = request.prefix ? `ListMultipartUploads ${request.prefix}` : 'ListMultipartUploads';
      return allPages(operation, async (marker: { keyMarker: string; uploadIdMarker: string } | undefined) => {
        const query = {
          'max-uploads': 1000,
          ...(request.prefix ? { prefix: request.prefix } : {}),
          ...(marker ? { 'key-marker': marker.keyMarker, 'upload-id-marker': marker.uploadIdMarker } : {}),
        };
        const r = await call(operation, ctx, (oss, o) => oss.listUploads(query, o));
        const uploads = ((r['uploads'] ?? []) as Record<string, unknown>[]).map((u) => ({
          key: String(u['name']),
          uploadId: String(u['uploadId']),
          initiated: String(u['initiated']),
        }));
        const next =
          String(r['isTruncated']) === 'true' && r['nextKeyMarker']
            ? { keyMarker: String(r['nextKeyMarker']), uploadIdMarker: String(r['nextUploadIdMarker'] ?? '') }
            : undefined;
        return { items: uploads, next };
      });
    },

    objectUrl(key) {
      return addressing.url(key);
    },

    close() {
      driver.close?.();
    },
  };
}

/**
 * HeadObject as ali-oss's `head` sends it (the same request, 200 and 304 answers), without the console warning its
 * browser build prints on every call ("Because HeadObject has gzip enabled, head cannot get the file size
 * correctly…"): the engine reads sizes from the CSE headers, never from Content-Length.
 */
function headRequest(oss: AliOssClient, key: string, options: object): Promise<AliResult> {
  const params = oss._objectRequestParams('HEAD', key, { ...options, subres: {} });
  return oss.request({ ...params, successStatuses: [200, 304] });
}

/**
 * The ali-oss constructor options for a connection and a set of credentials, the same for both builds (a driver
 * adds its own: Node's keep-alive agents, the browser's urllib). ali-oss never retries (`retryMax: 0`) and never
 * refreshes a token (the engine does): with STS credentials its refresh hook hands back the same token and its
 * timer is set a year out.
 *
 * @example
 * ```ts
 * import { aliOssOptions, resolveConnection } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const options = aliOssOptions(resolveConnection({ bucket: 'photos', region: 'cn-hangzhou' }), credentials);
 * // new OSS(options) with ali-oss
 * ```
 */
export function aliOssOptions(connection: Connection, credentials: Credentials): Record<string, unknown> {
  const { addressing, version, timeoutMs } = connection;
  const token = credentials.securityToken;
  return {
    bucket: addressing.bucket,
    endpoint: addressing.endpoint,
    ...(addressing.region ? { region: `oss-${addressing.region}` } : {}),
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(token
      ? {
          stsToken: token,
          refreshSTSToken: async () => ({ ...credentials, stsToken: token }),
          refreshSTSTokenInterval: 365 * 24 * 3600_000,
        }
      : {}),
    sldEnable: addressing.pathStyle,
    secure: addressing.endpoint.startsWith('https:'),
    authorizationV4: version === 'v4',
    timeout: timeoutMs,
    retryMax: 0,
  };
}

/**
 * A GET's body as one web stream whose failures are the engine's: a body cut off (a reset socket, a stalled
 * answer) is a retryable network error, never the end of the object.
 */
function bodyStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  operation: string,
): ReadableStream<Uint8Array> {
  const chunks = Symbol.asyncIterator in body ? (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]() : undefined;
  const reader = chunks ? undefined : (body as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = chunks ? await chunks.next() : await reader!.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (e) {
          throw e instanceof OssCseError ? e : networkError(operation, 'the response body was cut off');
        }
      },
      async cancel(reason) {
        if (chunks) await chunks.return?.();
        else await reader!.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Response headers with lower-case names; repeated headers joined with `, `.
 *
 * @example
 * ```ts
 * import { lowerHeaders } from '@oss-cse/transfer';
 * lowerHeaders({ ETag: '"abc"', 'X-Oss-Request-Id': 'r1' }); // { etag: '"abc"', 'x-oss-request-id': 'r1' }
 * ```
 */
export function lowerHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}
