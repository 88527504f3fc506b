// An in-memory ObjectTransport for unit tests: OSS semantics the client relies on (ETag, CRC-64, ranges,
// multipart with CSE headers from Initiate), plus hooks to fail requests and expire tokens.
import { Crc64, OssCseError, crc64Combine, toHex } from '@oss-cse/core';
import { transportError } from '../errors.js';
import type { GetOptions, ListedObject, ObjectTransport, ReadResult, RequestContext, ResponseHeaders, UploadedPart, WriteResult } from '../transport/transport.js';

interface Stored { body: Uint8Array; headers: Record<string, string>; crc: string; etag: string }
interface Upload { key: string; headers: Record<string, string>; parts: Map<number, Stored> }

export type FaultHook = (operation: string, info: { key: string; partNumber?: number; ctx: RequestContext }) => void;

export class MemoryTransport implements ObjectTransport {
  readonly objects = new Map<string, Stored>();
  readonly uploads = new Map<string, Upload>();
  readonly calls: string[] = [];
  /** Throw from here to inject faults. */
  fault: FaultHook | undefined;
  /** Tokens the "server" rejects as expired. */
  readonly expiredTokens = new Set<string>();
  #nextId = 1;

  objectUrl(key: string): string {
    return `http://memory.invalid/bucket/${key}`;
  }

  async put(key: string, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult> {
    this.#check('PutObject', key, ctx);
    const s = await stored(body, headers);
    this.objects.set(key, s);
    ctx.onUploadProgress?.(body.length);
    return { etag: s.etag, crc64: s.crc, headers: { etag: s.etag, 'x-oss-hash-crc64ecma': s.crc } };
  }

  async get(key: string, options: GetOptions, ctx: RequestContext): Promise<ReadResult> {
    this.#check('GetObject', key, ctx);
    const s = this.objects.get(key);
    if (!s) throw transportError('no such key', { status: 404, ossCode: 'NoSuchKey', operation: 'GetObject' });
    if (options.ifMatch !== undefined && options.ifMatch !== s.etag) {
      throw transportError('precondition failed', { status: 412, ossCode: 'PreconditionFailed', operation: 'GetObject' });
    }
    const m = options.range ? /^bytes=(\d+)-(\d*)$/.exec(options.range) : null;
    if (!m) return { status: 200, body: s.body.slice(), headers: this.#headers(s) };
    const first = Number(m[1]);
    const last = Math.min(m[2] ? Number(m[2]) : s.body.length - 1, s.body.length - 1);
    return { status: 206, body: s.body.slice(first, last + 1), headers: { ...this.#headers(s), 'content-range': `bytes ${first}-${last}/${s.body.length}`, 'content-length': String(last - first + 1) } };
  }

  async head(key: string, ctx: RequestContext): Promise<ResponseHeaders> {
    this.#check('HeadObject', key, ctx);
    const s = this.objects.get(key);
    if (!s) throw transportError('no such key', { status: 404, ossCode: 'NoSuchKey', operation: 'HeadObject' });
    return this.#headers(s);
  }

  async delete(key: string, ctx: RequestContext): Promise<void> {
    this.#check('DeleteObject', key, ctx);
    this.objects.delete(key);
  }

  async list(prefix: string, ctx: RequestContext): Promise<ListedObject[]> {
    this.#check('ListObjects', prefix, ctx);
    return [...this.objects].filter(([k]) => k.startsWith(prefix)).map(([key, s]) => ({ key, size: s.body.length, lastModified: '', etag: s.etag }));
  }

  async initiateMultipart(key: string, headers: Record<string, string>, ctx: RequestContext): Promise<{ uploadId: string }> {
    this.#check('InitiateMultipartUpload', key, ctx);
    const uploadId = `U${this.#nextId++}`;
    this.uploads.set(uploadId, { key, headers: { ...headers }, parts: new Map() });
    return { uploadId };
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult> {
    this.#check('UploadPart', key, ctx, partNumber);
    const u = this.#upload(uploadId);
    if (headers['x-oss-meta-client-side-encryption-start'] !== u.headers['x-oss-meta-client-side-encryption-start']) {
      throw transportError('start differs from Initiate', { status: 400, ossCode: 'InvalidEncryptionRequest', operation: 'UploadPart' });
    }
    const s = await stored(body.slice(), {});
    u.parts.set(partNumber, s);
    ctx.onUploadProgress?.(body.length);
    return { etag: s.etag, crc64: s.crc, headers: { etag: s.etag, 'x-oss-hash-crc64ecma': s.crc } };
  }

  async completeMultipart(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[], ctx: RequestContext): Promise<WriteResult> {
    this.#check('CompleteMultipartUpload', key, ctx);
    const u = this.#upload(uploadId);
    const chunks = parts.map((p) => {
      const s = u.parts.get(p.partNumber);
      if (!s || s.etag !== p.etag) throw transportError('invalid part', { status: 400, ossCode: 'InvalidPart', operation: 'CompleteMultipartUpload' });
      return s;
    });
    const size = chunks.reduce((n, c) => n + c.body.length, 0);
    const body = new Uint8Array(size);
    let off = 0;
    let crc: bigint | undefined;
    for (const c of chunks) {
      body.set(c.body, off);
      off += c.body.length;
      crc = crc === undefined ? BigInt(c.crc) : crc64Combine(crc, BigInt(c.crc), c.body.length);
    }
    const s: Stored = { body, headers: u.headers, crc: (crc ?? 0n).toString(10), etag: `"${toHex(new Uint8Array(16)).toUpperCase()}-${parts.length}"` };
    this.objects.set(key, s);
    this.uploads.delete(uploadId);
    return { etag: s.etag, crc64: s.crc, headers: { etag: s.etag, 'x-oss-hash-crc64ecma': s.crc } };
  }

  async abortMultipart(key: string, uploadId: string, ctx: RequestContext): Promise<void> {
    this.#check('AbortMultipartUpload', key, ctx);
    this.#upload(uploadId);
    this.uploads.delete(uploadId);
  }

  async listParts(key: string, uploadId: string, ctx: RequestContext): Promise<UploadedPart[]> {
    this.#check('ListParts', key, ctx);
    return [...this.#upload(uploadId).parts].map(([partNumber, s]) => ({ partNumber, etag: s.etag, size: s.body.length }));
  }

  #upload(uploadId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw transportError('no such upload', { status: 404, ossCode: 'NoSuchUpload', operation: 'multipart' });
    return u;
  }

  #headers(s: Stored): Record<string, string> {
    return { ...s.headers, etag: s.etag, 'x-oss-hash-crc64ecma': s.crc, 'content-length': String(s.body.length) };
  }

  #check(operation: string, key: string, ctx: RequestContext, partNumber?: number): void {
    if (ctx.signal?.aborted) throw new OssCseError('ERR_ABORTED', 'aborted');
    this.calls.push(partNumber === undefined ? operation : `${operation}#${partNumber}`);
    if (ctx.credentials.securityToken && this.expiredTokens.has(ctx.credentials.securityToken)) {
      throw transportError('token expired', { status: 403, ossCode: 'SecurityTokenExpired', operation });
    }
    this.fault?.(operation, partNumber === undefined ? { key, ctx } : { key, partNumber, ctx });
  }
}

async function stored(body: Uint8Array, headers: Record<string, string>): Promise<Stored> {
  const md5ish = new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>)).subarray(0, 16);
  return { body, headers: { ...headers }, crc: new Crc64().update(body).decimal(), etag: `"${toHex(md5ish).toUpperCase()}"` };
}

/** Deterministic pseudo-random bytes. */
export function pseudoRandom(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
