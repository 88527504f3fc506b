// ObjectTransport over fetch: OSS requests signed with V4 (default) or V1 on WebCrypto, for every runtime with
// fetch (browsers, Web and Service Workers, Node, Deno, Bun, workerd), including those where ali-oss fails.
import { OssCseError } from '@oss-cse/core';
import type { ConnectionOptions } from '../../client/client-options.js';
import { headNeedsProbe, ossError } from '../../errors/oss-errors.js';
import type {
  GetRequest,
  ListPage,
  ListRequest,
  MultipartUploadSummary,
  ObjectTransport,
  PartReference,
  RequestBody,
  RequestContext,
  UploadedPart,
  WriteResult,
} from '../object-transport.js';
import { allPages, writeResult } from '../transport-results.js';
import { resolveConnection } from '../connection.js';
import {
  exchange,
  failedAnswer,
  headerRecord,
  openStream,
  send,
  type ExchangeConfig,
  type OssCall,
} from './fetch-exchange.js';
import {
  completeMultipartBody,
  parseCompleteResult,
  parseInitiateResult,
  parseListObjects,
  parseListParts,
  parseListUploads,
} from './oss-documents.js';
import { callerHeaders } from './request-headers.js';
import { presignGetUrl, type PresignGetOptions } from './presign-get.js';

export type { PresignGetOptions };

/**
 * The engine's connection options (bucket, region, endpoint, pathStyle, signatureVersion, timeoutMs: a request
 * may wait that long for its response headers, and a download for each chunk) and the fetch to use.
 */
export interface FetchTransportOptions extends ConnectionOptions {
  /** The fetch to use (default `globalThis.fetch`), e.g. a runtime's or a test's. */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/** The fetch transport: an {@link ObjectTransport} that can also presign GET URLs (share links). */
export interface FetchTransport extends ObjectTransport {
  /** A URL anyone can GET `key` with until it expires; it embeds a signature (and the token of STS credentials). */
  presignGetObject(key: string, options: PresignGetOptions): Promise<string>;
}

function checkKey(key: unknown): string {
  /* Precondition: an object key is a non-empty string (an empty one would address the bucket). */
  if (typeof key !== 'string' || key === '')
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"key" expected a non-empty object key');
  return key;
}

const bodySize = (body: RequestBody) => (body instanceof Uint8Array ? body.byteLength : body.size);

/** Content-Type `application/octet-stream` unless given: never guessed from the key. */
const withType = (headers: Readonly<Record<string, string>>) => ({
  'content-type': 'application/octet-stream',
  ...callerHeaders(headers),
});

/**
 * Creates a fetch transport for one bucket.
 *
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket, region, endpoint, version or timeout.
 * @example
 * ```ts
 * import { createFetchTransport } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const transport = createFetchTransport({ bucket: 'photos', region: 'cn-hangzhou' });
 * const page = await transport.listObjects({ prefix: 'a/' }, { credentials });
 * ```
 */
export function createFetchTransport(options: FetchTransportOptions): FetchTransport {
  const connection = resolveConnection(options);
  const { addressing, version, timeoutMs } = connection;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const config: ExchangeConfig = { addressing, version, fetch: fetchImpl, timeoutMs };
  const { bucket } = addressing;
  const call = <T>(c: OssCall, ctx: RequestContext, read: (text: string, response: Response) => T) =>
    exchange(config, c, ctx, read);

  async function write(c: OssCall & { body: RequestBody }, ctx: RequestContext): Promise<WriteResult> {
    const result = await call(c, ctx, (_, response) => {
      const headers = headerRecord(response.headers);
      return writeResult(headers, headers['etag'], c.operation);
    });
    ctx.onUploadProgress?.(bodySize(c.body));
    return result;
  }

  return {
    bucket,

    putObject(key, body, headers, ctx) {
      return write(
        { operation: `PutObject ${checkKey(key)}`, method: 'PUT', key, headers: withType(headers), body },
        ctx,
      );
    },

    getObject(key, request: GetRequest, ctx) {
      const headers: Record<string, string> = {};
      if (request.range !== undefined) {
        headers['range'] = request.range;
        headers['x-oss-range-behavior'] = 'standard';
      }
      if (request.ifMatch !== undefined) headers['if-match'] = request.ifMatch;
      return openStream(
        config,
        { operation: `GetObject ${checkKey(key)}`, method: 'GET', key, headers: callerHeaders(headers) },
        ctx,
      );
    },

    async headObject(key, ctx) {
      const head: OssCall = { operation: `HeadObject ${checkKey(key)}`, method: 'HEAD', key };
      const sent = await send(config, head, ctx);
      const answer = sent.response.ok ? undefined : await failedAnswer(head, sent);
      sent.deadline.release();
      if (answer === undefined) return headerRecord(sent.response.headers);
      // A HEAD error has no body; when x-oss-err is not readable either (browsers, unless the bucket exposes
      // it), a 1-byte GET tells which 4xx this is (a stale token, wrong credentials, a policy...).
      if (!headNeedsProbe(answer)) throw ossError(answer);
      const probe: OssCall = { operation: head.operation, method: 'GET', key, headers: { range: 'bytes=0-0' } };
      const told = await send(config, probe, ctx).then(
        async (s) => {
          const a = s.response.ok ? undefined : await failedAnswer(probe, s);
          if (a === undefined) await s.response.body?.cancel();
          s.deadline.release();
          return a;
        },
        (e: unknown) => {
          if (ctx.signal?.aborted) throw e;
          return undefined;
        },
      );
      throw ossError(told?.ossCode !== undefined ? told : answer);
    },

    async deleteObject(key, ctx) {
      await call({ operation: `DeleteObject ${checkKey(key)}`, method: 'DELETE', key }, ctx, () => undefined);
    },

    async listObjects(request: ListRequest, ctx): Promise<ListPage> {
      const maxKeys = request.maxKeys ?? 1000;
      if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1000)
        throw new OssCseError('ERR_INVALID_ARGUMENT', '"maxKeys" expected a whole number from 1 to 1000');
      const query: [string, string][] = [
        ['list-type', '2'],
        ['max-keys', String(maxKeys)],
        ['encoding-type', 'url'],
      ];
      if (request.prefix) query.push(['prefix', request.prefix]);
      if (request.delimiter) query.push(['delimiter', request.delimiter]);
      if (request.token) query.push(['continuation-token', request.token]);
      return call(
        { operation: request.prefix ? `ListObjectsV2 ${request.prefix}` : 'ListObjectsV2', method: 'GET', query },
        ctx,
        (text) => parseListObjects(text),
      );
    },

    initiateMultipartUpload(key, headers, ctx) {
      const c: OssCall = {
        operation: `InitiateMultipartUpload ${checkKey(key)}`,
        method: 'POST',
        key,
        query: [['uploads', '']],
        headers: withType(headers),
      };
      return call(c, ctx, (text) => parseInitiateResult(text));
    },

    uploadPart(key, uploadId, partNumber, body, headers, ctx) {
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000)
        throw new OssCseError('ERR_INVALID_ARGUMENT', '"partNumber" expected a whole number from 1 to 10000');
      const query: [string, string][] = [
        ['partNumber', String(partNumber)],
        ['uploadId', uploadId],
      ];
      return write(
        {
          operation: `UploadPart ${checkKey(key)} #${partNumber}`,
          method: 'PUT',
          key,
          query,
          headers: withType(headers),
          body,
        },
        ctx,
      );
    },

    completeMultipartUpload(key, uploadId, parts: readonly PartReference[], ctx) {
      const operation = `CompleteMultipartUpload ${checkKey(key)}`;
      const c: OssCall = {
        operation,
        method: 'POST',
        key,
        query: [['uploadId', uploadId]],
        headers: { 'content-type': 'application/xml' },
        body: completeMultipartBody(parts),
      };
      return call(c, ctx, (text, response) => {
        const headers = headerRecord(response.headers);
        return writeResult(headers, parseCompleteResult(text) || headers['etag'], operation);
      });
    },

    async abortMultipartUpload(key, uploadId, ctx) {
      await call(
        { operation: `AbortMultipartUpload ${checkKey(key)}`, method: 'DELETE', key, query: [['uploadId', uploadId]] },
        ctx,
        () => undefined,
      );
    },

    listParts(key, uploadId, ctx): Promise<UploadedPart[]> {
      const operation = `ListParts ${checkKey(key)}`;
      return allPages<UploadedPart, string>(operation, async (marker) => {
        const query: [string, string][] = [
          ['uploadId', uploadId],
          ['max-parts', '1000'],
        ];
        if (marker !== undefined) query.push(['part-number-marker', marker]);
        const page = await call({ operation, method: 'GET', key, query }, ctx, (text) => parseListParts(text));
        return { items: page.parts, next: page.nextMarker };
      });
    },

    listMultipartUploads(request, ctx): Promise<MultipartUploadSummary[]> {
      const operation = request.prefix ? `ListMultipartUploads ${request.prefix}` : 'ListMultipartUploads';
      return allPages<MultipartUploadSummary, { keyMarker: string; uploadIdMarker: string }>(
        operation,
        async (marker) => {
          const query: [string, string][] = [
            ['uploads', ''],
            ['max-uploads', '1000'],
            ['encoding-type', 'url'],
          ];
          if (request.prefix) query.push(['prefix', request.prefix]);
          if (marker !== undefined)
            query.push(['key-marker', marker.keyMarker], ['upload-id-marker', marker.uploadIdMarker]);
          const page = await call({ operation, method: 'GET', query }, ctx, (text) => parseListUploads(text));
          return { items: page.uploads, next: page.next };
        },
      );
    },

    objectUrl(key) {
      return addressing.url(checkKey(key));
    },

    presignGetObject(key, presign) {
      return presignGetUrl(connection, key, presign);
    },
  };
}
