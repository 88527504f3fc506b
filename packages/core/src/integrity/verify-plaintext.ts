// Checks a fully read object against `unencrypted-content-length` / `-md5` when its writer recorded them.
import { OssCseError } from '../errors.js';
import type { Envelope } from '../format/envelope.js';
import { createMd5, type Md5Accumulator } from './plaintext-md5.js';

/** Streams plaintext through the checks; `finish()` throws ERR_INTEGRITY on a mismatch. */
export interface PlaintextVerifier {
  /** Adds decrypted bytes, in order. */
  update(bytes: Uint8Array): void;
  /** Throws ERR_INTEGRITY when the length or MD5 differ from what the object recorded. */
  finish(): void;
}

/**
 * Checks decrypted bytes against the envelope's unencrypted length and MD5 as they stream past; `finish()` throws on
 * a mismatch.
 *
 * @example
 * ```ts
 * import { createPlaintextVerifier, parseEnvelope } from '@oss-cse/core';
 * declare const headers: Record<string, string>, plaintextChunks: Uint8Array[];
 * const verifier = await createPlaintextVerifier(parseEnvelope(headers)!);
 * for (const chunk of plaintextChunks) verifier.update(chunk);
 * verifier.finish(); // throws when length or MD5 differ from the headers
 * ```
 */
export async function createPlaintextVerifier(
  envelope: Pick<Envelope, 'unencryptedContentLength' | 'unencryptedContentMd5'>,
): Promise<PlaintextVerifier> {
  const wantLength = envelope.unencryptedContentLength;
  const wantMd5 = envelope.unencryptedContentMd5;
  const md5: Md5Accumulator | null = wantMd5 === undefined ? null : await createMd5();
  let length = 0;
  return {
    update(bytes) {
      length += bytes.length;
      md5?.update(bytes);
    },
    finish() {
      if (wantLength !== undefined && length !== wantLength) {
        throw new OssCseError(
          'ERR_INTEGRITY',
          `decrypted ${length} bytes but the object records ${wantLength} (unencrypted-content-length)`,
        );
      }
      if (md5 && md5.digestBase64() !== wantMd5) {
        throw new OssCseError(
          'ERR_INTEGRITY',
          'the decrypted content does not match unencrypted-content-md5 (wrong key or corrupted object)',
        );
      }
    },
  };
}
