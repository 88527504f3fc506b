// The decryption of one read on the calling thread: core's content cipher over materials opened by the caller, with
// the ciphertext's CRC-64 computed as each piece passes (for a whole read in order: the running CRC-64 of the
// object) and the plaintext's MD5/length accumulated for the final check.
import {
  ContentCipher,
  crc64Wasm,
  createPlaintextVerifier,
  OssCseError,
  throwIfAborted,
  type AesCtrOperation,
  type ContentMaterials,
} from '@oss-cse/core';
import type { Decipher, DecipherOptions } from './cipher-runner.js';

/**
 * @example
 * ```ts
 * import { openContentMaterials, parseEnvelope, type Keyring } from '@oss-cse/core';
 * import { inlineDecipher } from '@oss-cse/transfer';
 * declare const keyring: Keyring, headers: Record<string, string>, ciphertext: Uint8Array;
 * const envelope = parseEnvelope(headers)!;
 * const decipher = await inlineDecipher(await openContentMaterials({ keyring, envelope }), { integrity: envelope });
 * const { body, crc64 } = await decipher.decrypt(0, ciphertext, { inOrder: true });
 * // compare crc64 with headers['x-oss-hash-crc64ecma'], then:
 * await decipher.finish(); // ERR_INTEGRITY when the plaintext's MD5 or length differ from the envelope's
 * ```
 */
export async function inlineDecipher(
  materials: ContentMaterials | null,
  options: DecipherOptions & { aesCtr?: AesCtrOperation | undefined } = {},
): Promise<Decipher> {
  throwIfAborted(options.signal);
  const cipher = materials ? ContentCipher.fromMaterials(materials, { aesCtr: options.aesCtr }) : null;
  const { integrity } = options;
  const verifier =
    integrity && (integrity.unencryptedContentMd5 !== undefined || integrity.unencryptedContentLength !== undefined)
      ? await createPlaintextVerifier(integrity)
      : null;
  /** The CRC-64 of the whole read so far. */
  let whole = 0n;
  let next = 0;
  let closed = false;
  const open = () => {
    if (closed) throw new OssCseError('ERR_INVALID_ARGUMENT', 'this decipher was closed');
  };
  return {
    async decrypt(offset, ciphertext, { inOrder, signal } = {}) {
      throwIfAborted(signal);
      open();
      if (inOrder && offset !== next)
        throw new OssCseError('ERR_INVALID_ARGUMENT', `a whole read continues at ${next}, not at ${offset}`);
      const sum = await crc64Wasm(ciphertext, inOrder ? whole : 0n);
      if (inOrder) {
        whole = sum;
        next += ciphertext.length;
      }
      const body = cipher ? await cipher.decryptAt(offset, ciphertext) : ciphertext;
      if (inOrder) verifier?.update(body);
      return { body, crc64: sum.toString(10) };
    },
    async verify(plaintext, { signal } = {}) {
      throwIfAborted(signal);
      open();
      verifier?.update(plaintext);
    },
    async finish() {
      open();
      verifier?.finish();
    },
    close() {
      closed = true;
    },
  };
}
