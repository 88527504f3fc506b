// The browser's default transport: ali-oss 6.23.0's browser build on the page's main thread (its bundle references
// `window`, so it cannot run in a Worker), through an XHR urllib for AbortSignal, byte progress and Blob request
// bodies. It implements the engine's ObjectTransport: errors through the engine's one table, no retry and no
// credential refresh of its own, the same operations and answers as the engine's fetch transport.
import { abortedError, checkCredentials, OssCseError, type Credentials } from '@oss-cse/core';
import {
  allPages, headNeedsProbe, resolveConnection, writeResult,
  type ConnectionOptions, type GetResponse, type ListPage, type ObjectTransport, type RequestBody, type RequestContext, type ResponseHeaders,
  type TransportErrorDetails,
} from '@oss-cse/transfer';
import { aliBuffer, aliOssClients, type AliOss, type AliResult, type CallOptions } from './ali-oss-client.js';
import { aliOssError } from './ali-oss-errors.js';
import { registerHooks } from './xhr-urllib.js';

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket, region, endpoint, version or timeout (V4, the
 *   default, needs the region).
 * @example
 * ```ts
 * const transport = createAliOssTransport({ bucket: 'photos', region: 'cn-hangzhou' });
 * const client = createClient({ keyring, bucket: 'photos', transport, credentials });
 * ```
 */
export function createAliOssTransport(options: ConnectionOptions): ObjectTransport {
  const connection = resolveConnection(options);
  const { addressing, timeoutMs } = connection;
  const clientFor = aliOssClients(connection);

  /** One ali-oss call; `key` names the object of object requests (sent to the URL the engine addresses it by). */
  async function call<T extends AliResult>(
    operation: string, ctx: RequestContext, run: (oss: AliOss, options: CallOptions) => Promise<T>, key?: string,
  ): Promise<T> {
    if (ctx.signal?.aborted) throw abortedError(ctx.signal);
    const credentials: Credentials = checkCredentials(ctx.credentials);
    const objectUrl = key === undefined ? undefined : addressing.url(key);
    const hooks = registerHooks({ signal: ctx.signal, onUploadProgress: ctx.onUploadProgress, objectUrl });
    try {
      return await run(clientFor(credentials), { ctx: hooks.ctx });
    } catch (e) {
      if (ctx.signal?.aborted) throw abortedError(ctx.signal);
      throw aliOssError(e, operation, { credentials, timeoutMs });
    } finally {
      hooks.release();
    }
  }

  const bodyOf = async (body: RequestBody) => aliBuffer(body instanceof Uint8Array ? body : new Uint8Array(await body.arrayBuffer()));
  const write = (r: AliResult, operation: string) => {
    const headers = lower(r.res.headers);
    return writeResult(headers, headers['etag'], operation);
  };

  return {
    bucket: addressing.bucket,

    async putObject(key, body, headers, ctx) {
      const operation = `PutObject ${key}`;
      const data = await bodyOf(body);
      return write(await call(operation, ctx, (oss, o) => oss.put(key, data, { ...o, headers: { ...headers }, mime: OCTETS }), key), operation);
    },

    async getObject(key, request, ctx): Promise<GetResponse> {
      const headers: Record<string, string> = {};
      if (request.range !== undefined) {
        headers['Range'] = request.range;
        headers['x-oss-range-behavior'] = 'standard';
      }
      if (request.ifMatch !== undefined) headers['If-Match'] = request.ifMatch;
      const r = await call(`GetObject ${key}`, ctx, (oss, o) => oss.get(key, { ...o, headers }), key);
      return { status: r.res.status, headers: lower(r.res.headers), body: streamOf(r.content) };
    },

    async headObject(key, ctx): Promise<ResponseHeaders> {
      const operation = `HeadObject ${key}`;
      try {
        return lower((await call(operation, ctx, (oss, o) => oss.head(key, o), key)).res.headers);
      } catch (e) {
        // A HEAD error has no body: when its x-oss-err header is not readable either, a 1-byte GET tells which
        // 4xx this is (a stale token, wrong credentials, a policy...).
        const d = e instanceof OssCseError ? (e.details as Partial<TransportErrorDetails> | undefined) : undefined;
        if (typeof d?.status !== 'number' || !headNeedsProbe({ operation, status: d.status, ossCode: d.ossCode ?? undefined })) throw e;
        const told = await call(operation, ctx, (oss, o) => oss.get(key, { ...o, headers: { Range: 'bytes=0-0' } }), key).then(() => undefined, (again: unknown) => again);
        if (ctx.signal?.aborted) throw abortedError(ctx.signal);
        throw told instanceof OssCseError && told.details?.['ossCode'] ? told : e;
      }
    },

    async deleteObject(key, ctx) {
      await call(`DeleteObject ${key}`, ctx, (oss, o) => oss.delete(key, o), key);
    },

    async listObjects(request, ctx): Promise<ListPage> {
      const query: Record<string, string> = { 'max-keys': String(request.maxKeys ?? 1000) };
      if (request.prefix) query['prefix'] = request.prefix;
      if (request.delimiter) query['delimiter'] = request.delimiter;
      if (request.token) query['continuation-token'] = request.token;
      const r = await call(request.prefix ? `ListObjectsV2 ${request.prefix}` : 'ListObjectsV2', ctx, (oss, o) => oss.listV2(query, o));
      return {
        objects: (r.objects ?? []).map((x) => ({ key: String(x.name), size: Number(x.size), etag: String(x.etag), lastModified: String(x.lastModified) })),
        prefixes: r.prefixes ?? [],
        nextToken: r.isTruncated && r.nextContinuationToken ? r.nextContinuationToken : undefined,
      };
    },

    async initiateMultipartUpload(key, headers, ctx) {
      return (await call(`InitiateMultipartUpload ${key}`, ctx, (oss, o) => oss.initMultipartUpload(key, { ...o, headers: { ...headers }, mime: OCTETS }), key)).uploadId;
    },

    async uploadPart(key, uploadId, partNumber, body, headers, ctx) {
      const operation = `UploadPart ${key} #${partNumber}`;
      const data = await bodyOf(body);
      const r = await call(operation, ctx, (oss, o) =>
        oss.uploadPart(key, uploadId, partNumber, data, 0, data.length, { ...o, headers: { ...headers }, disabledMD5: true, mime: OCTETS }), key);
      return write(r, operation);
    },

    async completeMultipartUpload(key, uploadId, parts, ctx) {
      const operation = `CompleteMultipartUpload ${key}`;
      const list = parts.map((p) => ({ number: p.partNumber, etag: p.etag }));
      return write(await call(operation, ctx, (oss, o) => oss.completeMultipartUpload(key, uploadId, list, o), key), operation);
    },

    async abortMultipartUpload(key, uploadId, ctx) {
      await call(`AbortMultipartUpload ${key}`, ctx, (oss, o) => oss.abortMultipartUpload(key, uploadId, o), key);
    },

    listParts(key, uploadId, ctx) {
      const operation = `ListParts ${key}`;
      return allPages(operation, async (marker: string | undefined) => {
        const query = { 'max-parts': 1000, ...(marker ? { 'part-number-marker': marker } : {}) };
        const r = await call(operation, ctx, (oss, o) => oss.listParts(key, uploadId, query, o), key);
        const parts = (r.parts ?? []).map((p) => ({ partNumber: Number(p.PartNumber), etag: String(p.ETag), size: Number(p.Size) }));
        // ali-oss passes IsTruncated through as the XML text ("false" is truthy).
        return { items: parts, next: String(r.isTruncated) === 'true' ? String(r.nextPartNumberMarker) : undefined };
      });
    },

    listMultipartUploads(request, ctx) {
      const operation = request.prefix ? `ListMultipartUploads ${request.prefix}` : 'ListMultipartUploads';
      return allPages(operation, async (marker: { keyMarker: string; uploadIdMarker: string } | undefined) => {
        const query = {
          'max-uploads': 1000, ...(request.prefix ? { prefix: request.prefix } : {}),
          ...(marker ? { 'key-marker': marker.keyMarker, 'upload-id-marker': marker.uploadIdMarker } : {}),
        };
        const r = await call(operation, ctx, (oss, o) => oss.listUploads(query, o));
        const uploads = (r.uploads ?? []).map((u) => ({ key: String(u.name), uploadId: String(u.uploadId), initiated: String(u.initiated) }));
        return { items: uploads, next: r.isTruncated ? { keyMarker: String(r.nextKeyMarker), uploadIdMarker: String(r.nextUploadIdMarker) } : undefined };
      });
    },

    objectUrl(key) {
      return addressing.url(key);
    },
  };
}

const OCTETS = 'application/octet-stream';

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function streamOf(bytes: Uint8Array | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      if (bytes && bytes.length > 0) controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      controller.close();
    },
  });
}
