// ali-oss 6.23.0's browser build, one client per set of credentials (so parallel parts never sign with options
// updated half-way), sending through the XHR urllib. It never refreshes or retries: the engine does both.
import OSS from 'ali-oss';
import type { Credentials } from '@oss-cse/core';
import type { Connection } from '@oss-cse/transfer';
import { xhrUrllib } from './xhr-urllib.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AliResult = { res: { status: number; headers: Record<string, string> }; [k: string]: any };
/** Options of every call: the id of its hooks in the urllib registry. */
export type CallOptions = { ctx: { hooksId: number } };

/** The part of ali-oss the transport calls. */
export interface AliOss {
  put(name: string, data: unknown, options: object): Promise<AliResult>;
  get(name: string, options: object): Promise<AliResult & { content: Uint8Array }>;
  head(name: string, options: object): Promise<AliResult>;
  delete(name: string, options: object): Promise<AliResult>;
  listV2(query: object, options: object): Promise<AliResult & {
    objects?: any[]; prefixes?: string[] | null; isTruncated?: boolean; nextContinuationToken?: string | null;
  }>;
  initMultipartUpload(name: string, options: object): Promise<AliResult & { uploadId: string }>;
  uploadPart(name: string, uploadId: string, partNo: number, data: unknown, start: number, end: number, options: object): Promise<AliResult>;
  completeMultipartUpload(name: string, uploadId: string, parts: object[], options: object): Promise<AliResult>;
  abortMultipartUpload(name: string, uploadId: string, options: object): Promise<AliResult>;
  listParts(name: string, uploadId: string, query: object, options: object): Promise<AliResult & {
    parts?: any[]; nextPartNumberMarker?: string; isTruncated?: unknown;
  }>;
  listUploads(query: object, options: object): Promise<AliResult & {
    uploads?: any[]; isTruncated?: boolean; nextKeyMarker?: string; nextUploadIdMarker?: string;
  }>;
}
type AliOssConstructor = (new (options: object) => AliOss) & { Buffer: { from(buf: ArrayBufferLike, offset?: number, length?: number): Uint8Array } };
/* eslint-enable @typescript-eslint/no-explicit-any */

const Ali = OSS as unknown as AliOssConstructor;

/** ali-oss's Buffer over the same memory (no copy): what its request code expects as a body. */
export function aliBuffer(bytes: Uint8Array): Uint8Array {
  return Ali.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * @example
 * ```ts
 * const clientFor = aliOssClients(resolveConnection({ bucket, region, endpoint }));
 * await clientFor(credentials).head('a.bin', { ctx });
 * ```
 */
export function aliOssClients(connection: Connection): (credentials: Credentials) => AliOss {
  const { addressing, version, timeoutMs } = connection;
  const clients = new WeakMap<Credentials, AliOss>();
  const urllib = xhrUrllib(aliBuffer);
  return (credentials) => {
    let oss = clients.get(credentials);
    if (!oss) {
      const token = credentials.securityToken;
      oss = new Ali({
        bucket: addressing.bucket,
        endpoint: addressing.endpoint,
        ...(addressing.region ? { region: `oss-${addressing.region}` } : {}),
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        // Refreshing is the engine's (one refresh in flight, on expiry and on a stale token); ali-oss's timer never fires.
        ...(token ? { stsToken: token, refreshSTSToken: async () => ({ ...credentials, stsToken: token }), refreshSTSTokenInterval: 365 * 24 * 3600_000 } : {}),
        sldEnable: addressing.pathStyle,
        secure: addressing.endpoint.startsWith('https:'),
        authorizationV4: version === 'v4',
        timeout: timeoutMs,
        retryMax: 0,
        urllib,
      });
      clients.set(credentials, oss);
    }
    return oss;
  };
}
