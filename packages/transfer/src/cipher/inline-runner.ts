// The cipher runner of every runtime without a Worker: core's encryption and decryption on the calling thread.
import {
  crc64Wasm,
  encryptObject,
  Keyring,
  MultipartEncryptionContext,
  toHex,
  type MasterKey,
  type MultipartMaterial,
  type ReadPolicy,
} from '@oss-cse/core';
import { sourceMd5 } from '../integrity/plaintext-md5.js';
import { bytesOf } from '../source/blob-bytes.js';
import { blobSource } from '../source/part-source.js';
import type { CipherRunner, EncryptedPart, EncryptedSingle, MultipartCipher } from './cipher-runner.js';
import { inlineDecipher } from './inline-decipher.js';

/**
 * A runtime's synchronous SHA-256 of bytes, read where they are (lower-case hex): e.g. node:crypto's `createHash` in
 * @oss-cse/node.
 */
export type Sha256Operation = (bytes: Uint8Array) => string;

/** Options of {@link inlineCipherRunner} and of `multipartCipher`. */
export interface InlineRunnerOptions {
  /**
   * The SHA-256 of parts' plaintexts (the resume records' per-part check) through this runtime operation instead of
   * WebCrypto, whose `digest` copies its whole input (a part: 8 MiB of native memory per part in flight). It runs
   * before the part is encrypted in place.
   */
  readonly sha256?: Sha256Operation | undefined;
}

/**
 * @example
 * ```ts
 * import { inlineCipherRunner } from '@oss-cse/transfer';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, bytes: Uint8Array;
 * const runner = inlineCipherRunner(keyring);
 * const { headers, body, crc64 } = await runner.encryptObject(bytes, { computeMd5: true });
 * ```
 */
export function inlineCipherRunner(keyring: Keyring | MasterKey, options: InlineRunnerOptions = {}): CipherRunner {
  const ring = Keyring.from(keyring);
  return {
    async encryptObject(plaintext, { computeMd5, signal }): Promise<EncryptedSingle> {
      const bytes = await bytesOf(plaintext);
      // The length is recorded even without the MD5: a full read then checks at least that.
      const { headers, ciphertext } = await encryptObject({
        keyring: ring,
        plaintext: bytes,
        contentLength: bytes.length,
        computeMd5,
        signal,
      });
      return { headers, body: ciphertext, crc64: (await crc64Wasm(ciphertext)).toString(10) };
    },
    async openMultipart({ dataSize, partSize, signal }) {
      return multipartCipher(
        await MultipartEncryptionContext.create({ keyring: ring, dataSize, partSize, signal }),
        options,
      );
    },
    async resumeMultipart(
      material: MultipartMaterial,
      { policy, signal }: { policy?: ReadPolicy | undefined; signal?: AbortSignal | undefined },
    ) {
      return multipartCipher(
        await MultipartEncryptionContext.resume({ keyring: ring, material, policy, signal }),
        options,
      );
    },
    async digest(plaintext) {
      return (options.sha256 ?? sha256Hex)(await bytesOf(plaintext));
    },
    md5(source, options = {}) {
      return sourceMd5(source instanceof Blob ? blobSource(source) : source, options.signal);
    },
    openDecipher(materials, options = {}) {
      return inlineDecipher(materials, { ...options, aesCtr: ring.aesCtr });
    },
  };
}

/**
 * A multipart cipher over core's context; CRC-64 of the ciphertext and SHA-256 of the plaintext in one pass.
 *
 * @example
 * ```ts
 * import { MultipartEncryptionContext, type Keyring } from '@oss-cse/core';
 * import { multipartCipher } from '@oss-cse/transfer';
 * declare const keyring: Keyring, part1: Uint8Array;
 * const cipher = multipartCipher(await MultipartEncryptionContext.create({ keyring, dataSize: 10 * 1024 * 1024 }));
 * const encrypted = await cipher.encryptPart(1, part1);
 * ```
 */
export function multipartCipher(ctx: MultipartEncryptionContext, runner: InlineRunnerOptions = {}): MultipartCipher {
  const sha256 = runner.sha256;
  return {
    material: ctx.material,
    initiateHeaders: ctx.initiateHeaders(),
    partHeaders: ctx.partHeaders(),
    async encryptPart(partNumber, plaintext, options = {}): Promise<EncryptedPart> {
      const bytes = await bytesOf(plaintext);
      // Bytes read here from a Blob belong to nobody else: they are encrypted in place, in slices (no second buffer
      // of the part's size, no single WebCrypto call over the whole part).
      const inPlace = options.inPlace === true || bytes !== plaintext;
      // The digest is asked for first: a runtime's synchronous SHA-256 is done before the part is encrypted (in
      // place), and WebCrypto takes a copy of its input before digest() returns (the spec's "get a copy of the bytes
      // held by the data parameter"), so the part can be encrypted in place while it is hashed.
      const [plaintextSha256, body] = await Promise.all([
        options.sha256 === false ? undefined : (sha256 ?? sha256Hex)(bytes),
        ctx.encryptPart(partNumber, bytes, { inPlace }),
      ]);
      return { body, crc64: (await crc64Wasm(body)).toString(10), plaintextSha256 };
    },
    async close() {
      // The context's key lives in a non-extractable CryptoKey; dropping the reference is all there is to do.
    },
  };
}

/**
 * The SHA-256 of `bytes`, lower-case hex (WebCrypto).
 *
 * @example
 * ```ts
 * import { sha256Hex } from '@oss-cse/transfer';
 * await sha256Hex(new Uint8Array()); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
