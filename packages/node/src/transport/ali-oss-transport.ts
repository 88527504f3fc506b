// ObjectTransport over ali-oss 6.23.0's Node client: V4 (default) or V1 signing, path style for local endpoints,
// one ali-oss client per set of credentials (so concurrent parts never sign with half-updated options), and one
// credential refresh + resend when the server rejects a temporary token.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import OSS from 'ali-oss';
import { OssCseError, throwIfAborted } from '@oss-cse/core';
import type { Credentials, CredentialsProvider } from '../credentials/credentials.js';
import { isCredentialRejection, isUnparsedForbidden, toOssCseError } from '../errors.js';
import type {
  GetOptions, GetResult, ListPage, MultipartUploadSummary, ObjectTransport, PutResult, RequestOptions, ResponseHeaders, UploadedPart,
} from './object-transport.js';

export interface AliOssTransportOptions {
  readonly bucket: string;
  /** Bare region id (`cn-hangzhou`) or ali-oss style (`oss-cn-hangzhou`). Required for V4. */
  readonly region?: string | undefined;
  /** `https://oss-cn-hangzhou.aliyuncs.com`, or a local server such as `http://localhost:9000`. */
  readonly endpoint?: string | undefined;
  /** `v4` (default) or `v1`. */
  readonly signatureVersion?: 'v4' | 'v1' | undefined;
  /** Path-style addressing (`/bucket/key`). Default: true for localhost and IP endpoints. */
  readonly pathStyle?: boolean | undefined;
  readonly credentials: CredentialsProvider;
  /** Per-request timeout in ms (default 60000). */
  readonly timeoutMs?: number | undefined;
  /** Sockets per host (default 64). */
  readonly maxSockets?: number | undefined;
}

type AliOss = OSS & Record<string, any>;

/**
 * @example
 * ```ts
 * const transport = new AliOssTransport({ bucket: 'b', region: 'cn-hangzhou', credentials: environmentCredentials() });
 * ```
 */
export class AliOssTransport implements ObjectTransport {
  readonly bucket: string;
  readonly #options: AliOssTransportOptions;
  readonly #region: string | undefined;
  readonly #agent: HttpAgent;
  readonly #httpsAgent: HttpsAgent;
  #client: { creds: Credentials; oss: AliOss } | undefined;

  constructor(options: AliOssTransportOptions) {
    if (typeof options?.bucket !== 'string' || options.bucket === '') throw new TypeError('"bucket" expected a bucket name');
    const version = options.signatureVersion ?? 'v4';
    if (version !== 'v4' && version !== 'v1') throw new OssCseError('ERR_INVALID_ARGUMENT', `"signatureVersion" expected v4 or v1, got ${String(version)}`);
    /* Precondition: V4 signs with the region. */
    if (version === 'v4' && !options.region) {
      throw new OssCseError('ERR_INVALID_ARGUMENT', 'signature V4 needs a region (e.g. cn-hangzhou); pass region, or signatureVersion: v1');
    }
    if (!options.region && !options.endpoint) throw new OssCseError('ERR_INVALID_ARGUMENT', 'pass an endpoint or a region');
    this.bucket = options.bucket;
    this.#options = options;
    this.#region = options.region ? options.region.replace(/^oss-/, '') : undefined;
    const sockets = options.maxSockets ?? 64;
    this.#agent = new HttpAgent({ keepAlive: true, maxSockets: sockets });
    this.#httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: sockets });
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#agent.destroy();
    this.#httpsAgent.destroy();
  }

  #clientFor(creds: Credentials): AliOss {
    if (this.#client?.creds === creds) return this.#client.oss;
    const o = this.#options;
    const endpoint = o.endpoint;
    const pathStyle = o.pathStyle ?? (endpoint !== undefined && isLocalEndpoint(endpoint));
    const config: Record<string, unknown> = {
      bucket: o.bucket,
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      ...(creds.securityToken ? { stsToken: creds.securityToken } : {}),
      ...(this.#region ? { region: `oss-${this.#region}` } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(endpoint?.startsWith('https:') || !endpoint ? { secure: true } : {}),
      sldEnable: pathStyle,
      authorizationV4: (o.signatureVersion ?? 'v4') === 'v4',
      timeout: o.timeoutMs ?? 60_000,
      agent: this.#agent,
      httpsAgent: this.#httpsAgent,
      retryMax: 0,
    };
    const oss = new OSS(config as unknown as OSS.Options) as AliOss;
    this.#client = { creds, oss };
    return oss;
  }

  /** Runs one request with current credentials; on a rejected temporary token, refreshes once and resends. */
  async #call<T>(what: string, signal: AbortSignal | undefined, fn: (oss: AliOss) => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    const provider = this.#options.credentials;
    let creds = await provider.getCredentials();
    try {
      return await fn(this.#clientFor(creds));
    } catch (e) {
      // Streamed GETs carry no parsed OSS code: a bare 403 with a security token is treated as a stale token too.
      const stale = isCredentialRejection(e) || (creds.securityToken !== undefined && isUnparsedForbidden(e));
      if (!stale || !provider.invalidate) throw toOssCseError(e, what);
      provider.invalidate(creds);
      const fresh = await provider.getCredentials();
      if (fresh === creds) throw toOssCseError(e, what);
      creds = fresh;
      try {
        return await fn(this.#clientFor(creds));
      } catch (e2) {
        throw toOssCseError(e2, what);
      }
    }
  }

  putObject(key: string, body: Buffer, options: RequestOptions & { headers: Record<string, string> }): Promise<PutResult> {
    return this.#call(`PutObject ${key}`, options.signal, async (oss) => {
      const r = await oss.put(key, body, { headers: withType(options.headers) });
      return putResult(r.res.headers as Record<string, string>);
    });
  }

  getObject(key: string, options: GetOptions = {}): Promise<GetResult<Buffer>> {
    return this.#call(`GetObject ${key}`, options.signal, async (oss) => {
      const r = await oss.get(key, { headers: getHeaders(options) });
      const content = r.content as Buffer | undefined;
      return { status: r.res.status, headers: lower(r.res.headers), body: content ?? Buffer.alloc(0) };
    });
  }

  getObjectStream(key: string, options: GetOptions = {}): Promise<GetResult<Readable>> {
    return this.#call(`GetObject ${key}`, options.signal, async (oss) => {
      const r = await oss.getStream(key, { headers: getHeaders(options) });
      return { status: r.res.status, headers: lower(r.res.headers), body: r.stream as Readable };
    });
  }

  headObject(key: string, options: RequestOptions = {}): Promise<ResponseHeaders> {
    return this.#call(`HeadObject ${key}`, options.signal, async (oss) => lower((await oss.head(key)).res.headers));
  }

  async deleteObject(key: string, options: RequestOptions = {}): Promise<void> {
    await this.#call(`DeleteObject ${key}`, options.signal, (oss) => oss.delete(key));
  }

  listObjects(options: RequestOptions & { prefix?: string | undefined; delimiter?: string | undefined; token?: string | undefined; maxKeys?: number | undefined }): Promise<ListPage> {
    return this.#call(`ListObjectsV2 ${options.prefix ?? ''}`, options.signal, async (oss) => {
      const query: Record<string, string> = { 'max-keys': String(options.maxKeys ?? 1000) };
      if (options.prefix) query['prefix'] = options.prefix;
      if (options.delimiter) query['delimiter'] = options.delimiter;
      if (options.token) query['continuation-token'] = options.token;
      const r = await oss.listV2(query as never);
      return {
        objects: (r.objects ?? []).map((o: any) => ({ key: o.name, size: Number(o.size), etag: String(o.etag), lastModified: String(o.lastModified) })),
        prefixes: r.prefixes ?? [],
        nextToken: r.isTruncated ? r.nextContinuationToken : undefined,
      };
    });
  }

  initiateMultipartUpload(key: string, options: RequestOptions & { headers: Record<string, string> }): Promise<string> {
    return this.#call(`InitiateMultipartUpload ${key}`, options.signal, async (oss) => {
      const r = await oss.initMultipartUpload(key, { headers: withType(options.headers) });
      return r.uploadId as string;
    });
  }

  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer, options: RequestOptions & { headers: Record<string, string> }): Promise<PutResult> {
    return this.#call(`UploadPart ${key} #${partNumber}`, options.signal, async (oss) => {
      const r = await oss.uploadPart(key, uploadId, partNumber, body, 0, body.length, { headers: withType(options.headers) } as never);
      return putResult(r.res.headers as Record<string, string>);
    });
  }

  completeMultipartUpload(key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>, options: RequestOptions = {}): Promise<PutResult> {
    return this.#call(`CompleteMultipartUpload ${key}`, options.signal, async (oss) => {
      const r = await oss.completeMultipartUpload(key, uploadId, parts.map((p) => ({ number: p.partNumber, etag: p.etag })));
      return putResult(r.res.headers as Record<string, string>);
    });
  }

  async abortMultipartUpload(key: string, uploadId: string, options: RequestOptions = {}): Promise<void> {
    await this.#call(`AbortMultipartUpload ${key}`, options.signal, (oss) => oss.abortMultipartUpload(key, uploadId));
  }

  listParts(key: string, uploadId: string, options: RequestOptions = {}): Promise<UploadedPart[]> {
    return this.#call(`ListParts ${key}`, options.signal, async (oss) => {
      const out: UploadedPart[] = [];
      let marker: string | undefined;
      for (;;) {
        const query: Record<string, string> = { 'max-parts': '1000', ...(marker ? { 'part-number-marker': marker } : {}) };
        const r = await oss.listParts(key, uploadId, query as never);
        const parts = Array.isArray(r.parts) ? r.parts : r.parts ? [r.parts] : [];
        for (const p of parts as any[]) out.push({ partNumber: Number(p.PartNumber), etag: String(p.ETag), size: Number(p.Size) });
        if (String(r.isTruncated) !== 'true' || !r.nextPartNumberMarker) return out;
        marker = String(r.nextPartNumberMarker);
      }
    });
  }

  listMultipartUploads(options: RequestOptions & { prefix?: string | undefined } = {}): Promise<MultipartUploadSummary[]> {
    return this.#call('ListMultipartUploads', options.signal, async (oss) => {
      const out: MultipartUploadSummary[] = [];
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (;;) {
        const query: Record<string, string> = {
          'max-uploads': '1000',
          ...(options.prefix ? { prefix: options.prefix } : {}),
          ...(keyMarker ? { 'key-marker': keyMarker } : {}),
          ...(uploadIdMarker ? { 'upload-id-marker': uploadIdMarker } : {}),
        };
        const r = await oss.listUploads(query as never);
        for (const u of r.uploads ?? []) out.push({ key: u.name, uploadId: u.uploadId, initiated: String(u.initiated) });
        if (!r.isTruncated || !r.nextKeyMarker) return out;
        keyMarker = r.nextKeyMarker;
        uploadIdMarker = r.nextUploadIdMarker;
      }
    });
  }
}

/** localhost, IPs and `*.localhost` cannot be virtual-hosted: use `/bucket/key`. */
function isLocalEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint.includes('://') ? endpoint : `http://${endpoint}`).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^[\d.]+$/.test(host) || host.startsWith('[');
}

function lower(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function putResult(headers: Record<string, string>): PutResult {
  const h = lower(headers);
  return { etag: h['etag'] ?? '', crc64: h['x-oss-hash-crc64ecma'], headers: h };
}

/** Ciphertext is opaque bytes: never let ali-oss guess a type from the key's extension. */
function withType(headers: Record<string, string>): Record<string, string> {
  return Object.keys(headers).some((k) => k.toLowerCase() === 'content-type') ? headers : { ...headers, 'Content-Type': 'application/octet-stream' };
}

function getHeaders(options: GetOptions): Record<string, string> {
  const h: Record<string, string> = {};
  if (options.range) {
    h['Range'] = options.range;
    h['x-oss-range-behavior'] = 'standard';
  }
  if (options.ifMatch) h['If-Match'] = options.ifMatch;
  return h;
}
