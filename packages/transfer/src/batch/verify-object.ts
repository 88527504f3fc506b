// verify without downloading: the object's data key and IV are unwrapped, the local plaintext is encrypted with
// them piece by piece in memory (AES-CTR: the object's ciphertext is the plaintext XOR the keystream from its IV,
// multipart objects included, whose parts continue the one counter), and the CRC-64 of that ciphertext is compared
// with the server's `x-oss-hash-crc64ecma`. Only a HEAD goes to OSS; no byte of the object is read.
import { ContentCipher, createCrc64Wasm, OssCseError, throwIfAborted, unwrapEnvelope } from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { headFacts } from '../objects/head-list.js';
import type { PartSource } from '../source/part-source.js';
import { bytesOf } from '../source/blob-bytes.js';

/** `match`, `differs`, `missing` (no such object) or `not-encrypted`. */
export type VerifyStatus = 'match' | 'differs' | 'missing' | 'not-encrypted';

/** What {@link verifyObject} found. */
export interface VerifyResult {
  /** The object key. */
  readonly key: string;
  /** The verdict. */
  readonly status: VerifyStatus;
  /** For `differs`: `size` or `content`. */
  readonly reason?: 'size' | 'content';
  /** Plaintext bytes compared. */
  readonly size: number;
}

/** Bytes encrypted per piece. */
const PIECE = 4 * 1024 * 1024;

/**
 * @throws OssCseError ERR_INTEGRITY when the server does not report a CRC-64; key errors (ERR_NO_MATCHING_KEY…).
 *
 * @example
 * ```ts
 * import { bytesSource, verifyObject, type EngineContext } from '@oss-cse/transfer';
 * declare const ctx: EngineContext;
 * const { status } = await verifyObject(ctx, 'hello.txt', bytesSource('hello')); // 'match' when unchanged
 * ```
 */
export async function verifyObject(
  ctx: EngineContext,
  key: string,
  source: PartSource,
  options: Pick<TransferOptions, 'signal' | 'retry' | 'onRetry'> & { onBytes?: ((n: number) => void) | undefined } = {},
): Promise<VerifyResult> {
  let head;
  try {
    head = await headFacts(ctx, key, options);
  } catch (e) {
    if (e instanceof OssCseError && e.code === 'ERR_NOT_FOUND') return { key, status: 'missing', size: source.size };
    throw e;
  }
  if (!head.parsed) return { key, status: 'not-encrypted', size: source.size };
  if (head.size !== source.size) return { key, status: 'differs', reason: 'size', size: source.size };
  if (!head.crc64)
    throw new OssCseError('ERR_INTEGRITY', `HeadObject ${key}: the answer has no x-oss-hash-crc64ecma to compare with`);
  const { cek, iv } = await unwrapEnvelope({
    keyring: ctx.keyring,
    envelope: head.parsed,
    policy: ctx.policy,
    signal: options.signal,
  });
  // A decrypting cipher: CTR's encryption is the same operation, and this keystream is never used to store data.
  const cipher = await ContentCipher.fromDataKey(cek, iv);
  const crc = await createCrc64Wasm();
  for (let offset = 0; offset < source.size; offset += PIECE) {
    throwIfAborted(options.signal);
    const length = Math.min(PIECE, source.size - offset);
    const piece = await source.read(offset, length, options.signal);
    const bytes = await bytesOf(piece);
    crc.update(await cipher.decryptAt(offset, bytes));
    source.release?.(piece);
    options.onBytes?.(length);
  }
  const same = crc.value().toString(10) === head.crc64;
  return same
    ? { key, status: 'match', size: source.size }
    : { key, status: 'differs', reason: 'content', size: source.size };
}
