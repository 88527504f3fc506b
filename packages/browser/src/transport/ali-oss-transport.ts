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
  /** Resolves constructor options (`inited: true`); warns on the console when they have no `stsToken`. */
  initOptions(options: object): Record<string, unknown>;
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
export function createAliOssTransport(
  options: ConnectionOptions & {
    /** The application's own ali-oss client, called instead of clients made here (through this XHR urllib). */
    readonly ossClient?: object | undefined;
  },
): ObjectTransport {
  const connection = resolveConnection(options);
  const urllib = xhrUrllib(aliBuffer);
  return aliOssTransport({
    connection,
    existing: options.ossClient,
    adopt: (client) => Object.assign(client, { urllib }),
    client: (credentials) => quietClient({ ...aliOssOptions(connection, credentials), urllib }),
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

/**
 * A client of ali-oss's browser build. For account keys (no `stsToken`) its constructor prints "Please use STS Token
 * for safety…" on the console for every client: the options are resolved with a token set, the token is removed,
 * and the client is made from the resolved options, so it signs with the keys alone and the page's console stays the
 * application's.
 */
function quietClient(options: Record<string, unknown>): AliOssClient {
  if (options['stsToken']) return new Ali(options);
  const resolved = Ali.initOptions({ ...options, stsToken: 'unused', refreshSTSTokenInterval: 365 * 24 * 3600_000 });
  delete resolved['stsToken'];
  return new Ali(resolved);
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
