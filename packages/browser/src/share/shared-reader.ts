// A reader of one shared object for a recipient without master key or credentials: the engine's client over the
// share's presigned URL, with a keyring whose only key "unwraps" to the data key and IV the link carries. Reads are
// the engine's own (HEAD facts, 16-byte-aligned ranges, ETag pinning, chunked decryption, whole-object checks).
import {
  Keyring,
  OssCseError,
  type Credentials,
  type Envelope,
  type MasterKey,
  type UnwrapContext,
  type WrapAlgorithm,
} from '@oss-cse/core';
import {
  createPresignedReadTransport,
  inlineCipherRunner,
  TransferClient,
  type ObjectTransport,
} from '@oss-cse/transfer';
import type { SharedObject } from './share-fragment.js';

/** The data key and IV of the link: they match whatever master key the object was wrapped with (or rewrapped to). */
class SharedDataKey implements MasterKey {
  readonly wrapAlgorithm: WrapAlgorithm = 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding';
  readonly description = {};
  readonly canUnwrap = true;
  readonly #shared: SharedObject;

  constructor(shared: SharedObject) {
    this.#shared = shared;
  }

  supportsUnwrap(): boolean {
    return true;
  }

  wrap(): Promise<Uint8Array> {
    return Promise.reject(new OssCseError('ERR_PUBLIC_KEY_ONLY', 'a share link reads one object; it cannot write'));
  }

  unwrap(_wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    return Promise.resolve((context.part === 'key' ? this.#shared.dataKey : this.#shared.iv).slice());
  }
}

class SharedKeyring extends Keyring {
  readonly #key: SharedDataKey;

  constructor(key: SharedDataKey) {
    super(key);
    this.#key = key;
  }

  override keysFor(envelope: Envelope): MasterKey[] {
    if (envelope.formatVersion !== 2)
      throw new OssCseError('ERR_INVALID_ARGUMENT', 'share links read objects in the V2 format only');
    return [this.#key];
  }
}

/**
 * The presigned transport, whose HEAD refuses an object whose ciphertext is not the one shared (re-encrypted or
 * overwritten since): its data key would decrypt it into garbage. Every later GET is pinned to that HEAD's ETag.
 */
function checkedTransport(shared: SharedObject, transport: ObjectTransport): ObjectTransport {
  return {
    ...transport,
    async headObject(key, ctx) {
      const headers = await transport.headObject(key, ctx);
      const now = headers['x-oss-hash-crc64ecma'];
      if (shared.crc64 !== undefined && now !== undefined && now !== shared.crc64)
        throw new OssCseError(
          'ERR_SOURCE_CHANGED',
          `${key} was re-encrypted or replaced after this link was made: the link no longer reads it`,
        );
      return headers;
    },
  };
}

/** The URL is signed already: these placeholders are never sent or used to sign anything. */
const URL_IS_SIGNED: Credentials = { accessKeyId: 'presigned-url', accessKeySecret: 'presigned-url' };

/** Options of {@link sharedObjectReader}. */
export interface SharedReaderOptions {
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Bytes per ranged GET (a multiple of 16; default 1 MiB: a player that seeks wastes little). */
  readonly streamChunkSize?: number | undefined;
}

/**
 * @example
 * ```ts
 * import { decodeShareFragment, sharedObjectReader } from '@oss-cse/browser';
 * const shared = decodeShareFragment(location.hash);
 * const reader = sharedObjectReader(shared);
 * const { body } = await reader.getStream(shared.key, { range: '0-1023' });
 * ```
 */
export function sharedObjectReader(shared: SharedObject, options: SharedReaderOptions = {}): TransferClient {
  const transport = checkedTransport(
    shared,
    createPresignedReadTransport({ url: shared.url, bucket: shared.bucket, key: shared.key, fetch: options.fetch }),
  );
  return new TransferClient(
    {
      bucket: transport.bucket,
      transport,
      keyring: new SharedKeyring(new SharedDataKey(shared)),
      credentials: URL_IS_SIGNED,
      streamChunkSize: options.streamChunkSize ?? 1024 * 1024,
    },
    { createTransport: () => transport, createCipher: inlineCipherRunner },
  );
}
