// The browser's default transport: the engine's ali-oss transport (one implementation for ali-oss's Node and browser
// builds) driven by ali-oss 6.23.0's browser build on the page's main thread (its bundle references `window`, so it
// cannot run in a Worker), sending through an XHR urllib for AbortSignal, byte progress and Blob request bodies.
// Everything else (the operations, the error table, addressing, no retry and no refresh of its own) is the engine's.
import OSS from 'ali-oss';
import {
  aliOssOptions,
  aliOssTransport,
  resolveConnection,
  type AliOssClient,
  type ConnectionOptions,
  type ObjectTransport,
} from '@oss-cse/transfer';
import { registerHooks, xhrUrllib } from './xhr-urllib.js';

type AliOssConstructor = (new (options: object) => AliOssClient) & {
  Buffer: { from(buf: ArrayBufferLike, offset?: number, length?: number): Uint8Array };
};
const Ali = OSS as unknown as AliOssConstructor;

/** ali-oss's Buffer over the same memory (no copy): what its request code expects as a body. */
const aliBuffer = (bytes: Uint8Array): Uint8Array => Ali.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket, region, endpoint, version or timeout (V4, the
 *   default, needs the region).
 * @example
 * ```ts
 * import { createAliOssTransport, createClient, type Credentials } from '@oss-cse/browser';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, credentials: Credentials;
 * const transport = createAliOssTransport({ bucket: 'photos', region: 'cn-hangzhou' });
 * const client = createClient({ keyring, bucket: 'photos', transport, credentials });
 * ```
 */
export function createAliOssTransport(options: ConnectionOptions): ObjectTransport {
  const connection = resolveConnection(options);
  const urllib = xhrUrllib(aliBuffer);
  return aliOssTransport({
    connection,
    client: (credentials) => new Ali({ ...aliOssOptions(connection, credentials), urllib }),
    body: aliBuffer,
    async get(oss, key, options) {
      // XHR answers with the whole body (arraybuffer): it becomes a one-chunk stream.
      const r = await oss.get(key, options);
      const content = r['content'] as Uint8Array | undefined;
      return { status: r.res.status, headers: r.res.headers, body: streamOf(content) };
    },
    callOptions(ctx) {
      const hooks = registerHooks({ signal: ctx.signal, onUploadProgress: ctx.onUploadProgress });
      return { options: { ctx: hooks.ctx }, release: hooks.release };
    },
  });
}

function streamOf(bytes: Uint8Array | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      if (bytes && bytes.length > 0)
        controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      controller.close();
    },
  });
}
