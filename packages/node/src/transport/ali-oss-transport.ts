// Node's default transport: the engine's ali-oss transport driving ali-oss 6.23.0's Node build, with keep-alive
// agents shared by every client it makes, request bodies as Buffers over the same memory, and GETs streamed
// (getStream: the socket's chunks as they arrive) so that a ranged download never holds a part whole.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import OSS from 'ali-oss';
import {
  aliOssOptions,
  aliOssTransport,
  resolveConnection,
  type AliOssClient,
  type ConnectionOptions,
  type ObjectTransport,
} from '@oss-cse/transfer';

export interface AliOssTransportOptions extends ConnectionOptions {
  /** Sockets per host (default 64). */
  readonly maxSockets?: number | undefined;
  /** The application's own ali-oss client, called instead of clients made here (its agents, its keys). */
  readonly ossClient?: object | undefined;
}

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket, region, endpoint, version or timeout (V4, the
 *   default, needs the region).
 * @example
 * ```ts
 * import { createAliOssTransport, createClient } from '@oss-cse/node';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const transport = createAliOssTransport({ bucket: 'photos', region: 'cn-hangzhou' });
 * const client = createClient({ keyring, bucket: 'photos', transport });
 * ```
 */
export function createAliOssTransport(options: AliOssTransportOptions): ObjectTransport {
  const connection = resolveConnection(options);
  const maxSockets = options.maxSockets ?? 64;
  const agent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  return aliOssTransport({
    connection,
    existing: options.ossClient,
    client: (credentials) =>
      new OSS({
        ...aliOssOptions(connection, credentials),
        agent,
        httpsAgent,
      } as unknown as OSS.Options) as unknown as AliOssClient,
    body: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    async get(oss, key, options) {
      const r = await (oss as unknown as OSS).getStream(key, options as OSS.GetStreamOptions);
      return { status: r.res.status, headers: r.res.headers as Record<string, unknown>, body: r.stream as Readable };
    },
    close() {
      agent.destroy();
      httpsAgent.destroy();
    },
  });
}
