// The default transport: ali-oss 6.23.0's browser build on the page's main thread (its bundle references
// `window`, so it cannot run in the Worker), with an XHR urllib for AbortSignal and upload progress.
import OSS from 'ali-oss';
import { OssCseError } from '@oss-cse/core';
import type { Credentials } from '../credentials/credentials.js';
import { abortedError, corsError, transportError } from '../errors.js';
import type { GetOptions, ListedObject, ObjectTransport, ReadResult, RequestContext, ResponseHeaders, UploadedPart, WriteResult } from './transport.js';
import { registerHooks, xhrUrllib } from './xhr-urllib.js';

export interface AliOssTransportOptions {
  readonly bucket: string;
  /**
   * `https://oss-cn-hangzhou.aliyuncs.com` (virtual-hosted, real OSS) or `http://localhost:9000` (path style,
   * the emulator: set `pathStyle`). Default: derived by ali-oss from `region`.
   */
  readonly endpoint?: string | undefined;
  /** `oss-cn-hangzhou` or `cn-hangzhou`. */
  readonly region?: string | undefined;
  /** Path-style URLs (`endpoint/bucket/key`, ali-oss `sldEnable`); default true for localhost / IP endpoints. */
  readonly pathStyle?: boolean | undefined;
  /** Sign with V4 (`OSS4-HMAC-SHA256`) instead of V1. */
  readonly authorizationV4?: boolean | undefined;
  /** Per-request timeout in ms (default 120000). */
  readonly timeout?: number | undefined;
  /** HTTPS for endpoints given without a scheme (default true). */
  readonly secure?: boolean | undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type AliResult = { res: { status: number; headers: Record<string, string> }; [k: string]: any };
interface AliOss {
  put(name: string, data: unknown, options: object): Promise<AliResult>;
  get(name: string, options: object): Promise<AliResult & { content: Uint8Array }>;
  head(name: string, options: object): Promise<AliResult>;
  delete(name: string, options: object): Promise<AliResult>;
  list(query: object, options: object): Promise<AliResult & { objects?: any[]; nextMarker?: string; isTruncated?: boolean }>;
  initMultipartUpload(name: string, options: object): Promise<AliResult & { uploadId: string }>;
  uploadPart(name: string, uploadId: string, partNo: number, data: unknown, start: number, end: number, options: object): Promise<AliResult & { etag: string }>;
  completeMultipartUpload(name: string, uploadId: string, parts: object[], options: object): Promise<AliResult>;
  abortMultipartUpload(name: string, uploadId: string, options: object): Promise<AliResult>;
  listParts(name: string, uploadId: string, query: object, options: object): Promise<AliResult & { parts?: any[]; nextPartNumberMarker?: string; isTruncated?: boolean }>;
}
type AliOssConstructor = (new (options: object) => AliOss) & { Buffer: { from(buf: ArrayBufferLike, offset?: number, length?: number): Uint8Array } };
/* eslint-enable @typescript-eslint/no-explicit-any */

const Ali = OSS as unknown as AliOssConstructor;

/**
 * @example
 * ```ts
 * const transport = new AliOssTransport({ bucket: 'photos', region: 'oss-cn-hangzhou' });
 * const transport = new AliOssTransport({ bucket: 'oss-cse-dev', endpoint: 'http://localhost:9000', region: 'cn-hangzhou' });
 * ```
 */
export class AliOssTransport implements ObjectTransport {
  readonly #options: AliOssTransportOptions;
  readonly #clients = new WeakMap<Credentials, AliOss>();
  readonly #urllib = xhrUrllib((u) => Ali.Buffer.from(u.buffer, u.byteOffset, u.byteLength));

  constructor(options: AliOssTransportOptions) {
    /* Precondition: a bucket name. */
    if (typeof options?.bucket !== 'string' || !options.bucket) throw new TypeError('"bucket" expected a non-empty string');
    this.#options = options;
  }

  objectUrl(key: string): string {
    const { endpoint, bucket } = this.#options;
    const enc = encodeURIComponent(key).replace(/%2F/g, '/');
    if (endpoint && this.#pathStyle()) return `${withScheme(endpoint, this.#options.secure)}/${bucket}/${enc}`;
    const host = endpoint ? new URL(withScheme(endpoint, this.#options.secure)).host : `${ossRegion(this.#options.region)}.aliyuncs.com`;
    const scheme = endpoint ? new URL(withScheme(endpoint, this.#options.secure)).protocol : 'https:';
    return `${scheme}//${bucket}.${host}/${enc}`;
  }

  async put(key: string, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult> {
    const r = await this.#call('PutObject', ctx, (oss, o) => oss.put(key, this.#buffer(body), { ...o, headers: { ...headers }, mime: 'application/octet-stream' }));
    return writeResult(r.res.headers, 'PutObject');
  }

  async get(key: string, options: GetOptions, ctx: RequestContext): Promise<ReadResult> {
    const headers: Record<string, string> = {};
    if (options.range) headers['Range'] = options.range;
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    const r = await this.#call('GetObject', ctx, (oss, o) => oss.get(key, { ...o, headers }));
    return { status: r.res.status, body: r.content ?? new Uint8Array(0), headers: r.res.headers };
  }

  async head(key: string, ctx: RequestContext): Promise<ResponseHeaders> {
    const r = await this.#call('HeadObject', ctx, (oss, o) => oss.head(key, o));
    return r.res.headers;
  }

  async delete(key: string, ctx: RequestContext): Promise<void> {
    await this.#call('DeleteObject', ctx, (oss, o) => oss.delete(key, o));
  }

  async list(prefix: string, ctx: RequestContext): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    let marker: string | undefined;
    do {
      const r = await this.#call('ListObjects', ctx, (oss, o) => oss.list({ prefix, 'max-keys': 1000, ...(marker ? { marker } : {}) }, o));
      for (const obj of r.objects ?? []) out.push({ key: obj.name, size: Number(obj.size), lastModified: obj.lastModified, etag: obj.etag });
      const next = String(r.isTruncated) === 'true' ? r.nextMarker : undefined;
      marker = next && next !== marker ? next : undefined;
    } while (marker);
    return out;
  }

  async initiateMultipart(key: string, headers: Record<string, string>, ctx: RequestContext): Promise<{ uploadId: string }> {
    const r = await this.#call('InitiateMultipartUpload', ctx, (oss, o) => oss.initMultipartUpload(key, { ...o, headers: { ...headers }, mime: 'application/octet-stream' }));
    return { uploadId: r.uploadId };
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult> {
    const buf = this.#buffer(body);
    const r = await this.#call('UploadPart', ctx, (oss, o) =>
      oss.uploadPart(key, uploadId, partNumber, buf, 0, buf.length, { ...o, headers: { ...headers }, disabledMD5: true, mime: 'application/octet-stream' }));
    return writeResult(r.res.headers, 'UploadPart');
  }

  async completeMultipart(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[], ctx: RequestContext): Promise<WriteResult> {
    const list = parts.map((p) => ({ number: p.partNumber, etag: p.etag }));
    const r = await this.#call('CompleteMultipartUpload', ctx, (oss, o) => oss.completeMultipartUpload(key, uploadId, list, o));
    return writeResult(r.res.headers, 'CompleteMultipartUpload');
  }

  async abortMultipart(key: string, uploadId: string, ctx: RequestContext): Promise<void> {
    await this.#call('AbortMultipartUpload', ctx, (oss, o) => oss.abortMultipartUpload(key, uploadId, o));
  }

  async listParts(key: string, uploadId: string, ctx: RequestContext): Promise<UploadedPart[]> {
    const out: UploadedPart[] = [];
    let marker: string | undefined;
    do {
      const r = await this.#call('ListParts', ctx, (oss, o) =>
        oss.listParts(key, uploadId, { 'max-parts': 1000, ...(marker ? { 'part-number-marker': marker } : {}) }, o));
      for (const p of r.parts ?? []) out.push({ partNumber: Number(p.PartNumber), etag: String(p.ETag), size: Number(p.Size) });
      // ali-oss passes IsTruncated through as the XML text ("false" is truthy).
      const next = String(r.isTruncated) === 'true' ? r.nextPartNumberMarker : undefined;
      marker = next && next !== marker ? next : undefined;
    } while (marker);
    return out;
  }

  #buffer(body: Uint8Array): Uint8Array {
    return Ali.Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }

  #pathStyle(): boolean {
    if (this.#options.pathStyle !== undefined) return this.#options.pathStyle;
    const ep = this.#options.endpoint;
    if (!ep) return false;
    const host = new URL(withScheme(ep, this.#options.secure)).hostname;
    return host === 'localhost' || /^[\d.]+$/.test(host) || host.startsWith('[');
  }

  #client(creds: Credentials): AliOss {
    let oss = this.#clients.get(creds);
    if (!oss) {
      const o = this.#options;
      const token = creds.securityToken;
      oss = new Ali({
        bucket: o.bucket,
        ...(o.endpoint ? { endpoint: o.endpoint } : {}),
        region: ossRegion(o.region),
        accessKeyId: creds.accessKeyId,
        accessKeySecret: creds.accessKeySecret,
        // Refreshing is ours (single flight, on expiry and on SecurityTokenExpired); ali-oss's timer never fires.
        ...(token ? { stsToken: token, refreshSTSToken: async () => ({ ...creds, stsToken: token }), refreshSTSTokenInterval: 365 * 24 * 3600_000 } : {}),
        sldEnable: this.#pathStyle(),
        secure: o.secure ?? !(o.endpoint ?? '').startsWith('http:'),
        authorizationV4: o.authorizationV4 ?? false,
        timeout: o.timeout ?? 120_000,
        urllib: this.#urllib,
      });
      this.#clients.set(creds, oss);
    }
    return oss;
  }

  async #call<T>(operation: string, ctx: RequestContext, run: (oss: AliOss, options: { ctx: { hooksId: number } }) => Promise<T>): Promise<T> {
    if (ctx.signal?.aborted) throw abortedError(ctx.signal);
    const hooks = registerHooks({ signal: ctx.signal, onUploadProgress: ctx.onUploadProgress });
    try {
      return await run(this.#client(ctx.credentials), { ctx: hooks.ctx });
    } catch (e) {
      if (ctx.signal?.aborted) throw abortedError(ctx.signal);
      throw toTransportError(e, operation);
    } finally {
      hooks.release();
    }
  }
}

function toTransportError(e: unknown, operation: string): OssCseError {
  if (e instanceof OssCseError) return e;
  const err = e as { status?: number; code?: string; requestId?: string; message?: string };
  const status = typeof err.status === 'number' ? err.status : -1;
  const ossCode = typeof err.code === 'string' && !/Error$/.test(err.code) ? err.code : undefined;
  const what = status <= 0 ? String(err.message ?? 'network error') : `${status}${ossCode ? ` ${ossCode}` : ''}: ${err.message ?? ''}`;
  return transportError(`${operation} failed: ${what}`, { status, ossCode, requestId: err.requestId, operation }, e);
}

function writeResult(headers: Record<string, string>, operation: string): WriteResult {
  const etag = headers['etag'];
  if (!etag) {
    throw corsError(`${operation}: the response's ETag is not readable; add "ETag" to the bucket CORS rule's ExposeHeader`, { exposeHeaders: ['ETag'] });
  }
  return { etag, crc64: headers['x-oss-hash-crc64ecma'] ?? null, headers };
}

function withScheme(endpoint: string, secure: boolean | undefined): string {
  return /^https?:\/\//.test(endpoint) ? endpoint.replace(/\/+$/, '') : `${secure === false ? 'http' : 'https'}://${endpoint.replace(/\/+$/, '')}`;
}

function ossRegion(region: string | undefined): string {
  const r = region ?? 'oss-cn-hangzhou';
  return r.startsWith('oss-') ? r : `oss-${r}`;
}
