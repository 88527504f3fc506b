// An in-memory ObjectTransport for tests of the engine and of runtime adapters: the OSS semantics the engine relies
// on (ETag, CRC-64, ranges with x-oss-range-behavior standard, If-Match, multipart with the CSE headers of
// Initiate), errors through the engine's one table, and hooks to fail requests and to expire tokens.
import { abortedError, Crc64, crc64Combine, toHex, type OssCseError } from '@oss-cse/core';
import { networkError, ossError } from '../../src/errors/oss-errors.js';
import type {
  GetRequest,
  GetResponse,
  ListPage,
  ListRequest,
  MultipartUploadSummary,
  ObjectTransport,
  PartReference,
  RequestBody,
  RequestContext,
  ResponseHeaders,
  UploadedPart,
  WriteResult,
} from '../../src/transport/object-transport.js';

export interface StoredObject {
  body: Uint8Array;
  /** Request headers as stored (lower-case names). */
  headers: Record<string, string>;
  crc: string;
  etag: string;
}

interface Upload {
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly parts: Map<number, StoredObject>;
  readonly initiated: string;
}

/** What a fault hook sees of a request; throw from the hook to fail it. */
export interface FaultInfo {
  readonly key: string;
  readonly partNumber?: number | undefined;
  readonly ctx: RequestContext;
}

export type FaultHook = (operation: string, info: FaultInfo) => void;

/**
 * @example
 * ```ts
 * const transport = new MemoryTransport();
 * transport.fault = (op, { partNumber }) => { if (op === 'UploadPart' && partNumber === 2) throw networkError(op,
 * 'reset'); };
 * ```
 */
export class MemoryTransport implements ObjectTransport {
  readonly bucket: string;
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, Upload>();
  /** Every request, as `Operation` or `UploadPart#<n>`. */
  readonly calls: string[] = [];
  /** Called before each request is answered. */
  fault: FaultHook | undefined;
  /** Security tokens the "server" rejects as expired (SecurityTokenExpired). */
  readonly expiredTokens = new Set<string>();
  #nextId = 1;

  constructor(bucket = 'memory-bucket') {
    this.bucket = bucket;
  }

  objectUrl(key: string): string {
    return `http://memory.invalid/${this.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
  }

  async putObject(
    key: string,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult> {
    const operation = `PutObject ${key}`;
    this.#check('PutObject', operation, key, ctx);
    const s = await stored(await bytesOf(body), headers);
    this.objects.set(key, s);
    ctx.onUploadProgress?.(s.body.length);
    return writeResult(s);
  }

  async getObject(key: string, request: GetRequest, ctx: RequestContext): Promise<GetResponse> {
    const operation = `GetObject ${key}`;
    this.#check('GetObject', operation, key, ctx);
    const s = this.#object(key, operation);
    if (request.ifMatch !== undefined && request.ifMatch !== s.etag)
      throw ossError({ operation, status: 412, ossCode: 'PreconditionFailed' });
    const whole = { ...headersOf(s), 'content-length': String(s.body.length) };
    if (request.range === undefined) return { status: 200, headers: whole, body: streamOf(s.body.slice()) };
    const [first, last] = resolveRange(request.range, s.body.length, operation);
    return {
      status: 206,
      headers: {
        ...whole,
        'content-range': `bytes ${first}-${last}/${s.body.length}`,
        'content-length': String(last - first + 1),
      },
      body: streamOf(s.body.slice(first, last + 1)),
    };
  }

  async headObject(key: string, ctx: RequestContext): Promise<ResponseHeaders> {
    const operation = `HeadObject ${key}`;
    this.#check('HeadObject', operation, key, ctx);
    const s = this.#object(key, operation);
    return { ...headersOf(s), 'content-length': String(s.body.length) };
  }

  async deleteObject(key: string, ctx: RequestContext): Promise<void> {
    this.#check('DeleteObject', `DeleteObject ${key}`, key, ctx);
    this.objects.delete(key);
  }

  async listObjects(request: ListRequest, ctx: RequestContext): Promise<ListPage> {
    const prefix = request.prefix ?? '';
    this.#check('ListObjects', `ListObjectsV2 ${prefix}`, prefix, ctx);
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(prefix) && (request.token === undefined || k > request.token))
      .sort();
    const prefixes = new Set<string>();
    const objects = [];
    const max = request.maxKeys ?? 1000;
    let last: string | undefined;
    for (const key of keys) {
      if (objects.length + prefixes.size >= max) break;
      last = key;
      const at = request.delimiter ? key.indexOf(request.delimiter, prefix.length) : -1;
      if (at >= 0) prefixes.add(key.slice(0, at + request.delimiter!.length));
      else
        objects.push({
          key,
          size: this.objects.get(key)!.body.length,
          etag: this.objects.get(key)!.etag,
          lastModified: '2024-01-02T03:04:05.000Z',
        });
    }
    const more = last !== undefined && keys.indexOf(last) < keys.length - 1;
    return { objects, prefixes: [...prefixes], nextToken: more ? last : undefined };
  }

  async initiateMultipartUpload(
    key: string,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<string> {
    this.#check('InitiateMultipartUpload', `InitiateMultipartUpload ${key}`, key, ctx);
    const uploadId = `U${this.#nextId++}`;
    this.uploads.set(uploadId, { key, headers: lower(headers), parts: new Map(), initiated: new Date().toISOString() });
    return uploadId;
  }

  async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult> {
    const operation = `UploadPart ${key} #${partNumber}`;
    this.#check('UploadPart', operation, key, ctx, partNumber);
    const u = this.#upload(uploadId, operation);
    const start = 'x-oss-meta-client-side-encryption-start';
    if (lower(headers)[start] !== u.headers[start])
      throw ossError({ operation, status: 400, ossCode: 'InvalidEncryptionRequest' });
    const s = await stored((await bytesOf(body)).slice(), {});
    u.parts.set(partNumber, s);
    ctx.onUploadProgress?.(s.body.length);
    return writeResult(s);
  }

  async completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly PartReference[],
    ctx: RequestContext,
  ): Promise<WriteResult> {
    const operation = `CompleteMultipartUpload ${key}`;
    this.#check('CompleteMultipartUpload', operation, key, ctx);
    const u = this.#upload(uploadId, operation);
    const chunks = parts.map((p) => {
      const s = u.parts.get(p.partNumber);
      if (!s || s.etag !== p.etag) throw ossError({ operation, status: 400, ossCode: 'InvalidPart' });
      return s;
    });
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.body.length, 0));
    let offset = 0;
    let crc = 0n;
    for (const c of chunks) {
      body.set(c.body, offset);
      offset += c.body.length;
      crc = crc64Combine(crc, BigInt(c.crc), c.body.length);
    }
    const s: StoredObject = {
      body,
      headers: u.headers,
      crc: crc.toString(10),
      etag: `"${await md5ish(body)}-${parts.length}"`,
    };
    this.objects.set(key, s);
    this.uploads.delete(uploadId);
    return writeResult(s);
  }

  async abortMultipartUpload(key: string, uploadId: string, ctx: RequestContext): Promise<void> {
    const operation = `AbortMultipartUpload ${key}`;
    this.#check('AbortMultipartUpload', operation, key, ctx);
    this.#upload(uploadId, operation);
    this.uploads.delete(uploadId);
  }

  async listParts(key: string, uploadId: string, ctx: RequestContext): Promise<UploadedPart[]> {
    const operation = `ListParts ${key}`;
    this.#check('ListParts', operation, key, ctx);
    return [...this.#upload(uploadId, operation).parts]
      .sort(([a], [b]) => a - b)
      .map(([partNumber, s]) => ({ partNumber, etag: s.etag, size: s.body.length }));
  }

  async listMultipartUploads(
    request: { prefix?: string | undefined },
    ctx: RequestContext,
  ): Promise<MultipartUploadSummary[]> {
    const prefix = request.prefix ?? '';
    this.#check('ListMultipartUploads', `ListMultipartUploads ${prefix}`, prefix, ctx);
    return [...this.uploads]
      .filter(([, u]) => u.key.startsWith(prefix))
      .map(([uploadId, u]) => ({ key: u.key, uploadId, initiated: u.initiated }));
  }

  #object(key: string, operation: string): StoredObject {
    const s = this.objects.get(key);
    if (!s) throw ossError({ operation, status: 404, ossCode: 'NoSuchKey' });
    return s;
  }

  #upload(uploadId: string, operation: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw ossError({ operation, status: 404, ossCode: 'NoSuchUpload' });
    return u;
  }

  #check(name: string, operation: string, key: string, ctx: RequestContext, partNumber?: number): void {
    if (ctx.signal?.aborted) throw abortedError(ctx.signal);
    this.calls.push(partNumber === undefined ? name : `${name}#${partNumber}`);
    const token = ctx.credentials.securityToken;
    if (token !== undefined && this.expiredTokens.has(token))
      throw ossError({ operation, status: 403, ossCode: 'SecurityTokenExpired' });
    this.fault?.(name, { key, partNumber, ctx });
  }
}

/** A network failure as a fault hook throws it (retryable, no status). */
export function resetError(operation: string): OssCseError {
  return networkError(operation, 'the connection was reset');
}

/**
 * Deterministic pseudo-random bytes (xorshift), for test data that is not all alike.
 *
 * @example
 * ```ts
 * const plain = pseudoRandom(100_000, 7);
 * ```
 */
export function pseudoRandom(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function resolveRange(range: string, size: number, operation: string): [number, number] {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (!m || (m[1] === '' && m[2] === '')) throw ossError({ operation, status: 400, ossCode: 'InvalidArgument' });
  if (m[1] === '') return [Math.max(0, size - Number(m[2])), size - 1];
  const first = Number(m[1]);
  if (first >= size) throw ossError({ operation, status: 416, ossCode: 'InvalidRange' });
  return [first, Math.min(m[2] === '' ? size - 1 : Number(m[2]), size - 1)];
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function headersOf(s: StoredObject): Record<string, string> {
  return { 'content-type': 'application/octet-stream', ...s.headers, etag: s.etag, 'x-oss-hash-crc64ecma': s.crc };
}

function writeResult(s: StoredObject): WriteResult {
  return { etag: s.etag, crc64: s.crc, headers: { etag: s.etag, 'x-oss-hash-crc64ecma': s.crc } };
}

async function bytesOf(body: RequestBody): Promise<Uint8Array> {
  return body instanceof Uint8Array ? body : new Uint8Array(await body.arrayBuffer());
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function md5ish(body: Uint8Array): Promise<string> {
  return toHex(
    new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>)).subarray(0, 16),
  ).toUpperCase();
}

async function stored(body: Uint8Array, headers: Readonly<Record<string, string>>): Promise<StoredObject> {
  return { body, headers: lower(headers), crc: new Crc64().update(body).decimal(), etag: `"${await md5ish(body)}"` };
}
