// Offline decryption: headers + ciphertext (the whole object, or a server range with its Content-Range) in,
// plaintext out. The building block of both runtimes' downloads and of the CLI.
import { OssCseError } from '../errors.js';
import { parseEnvelope } from '../format/parse-envelope.js';
import type { Envelope } from '../format/envelope.js';
import type { HeaderInput } from '../format/header-map.js';
import type { MasterKey } from '../keys/master-key.js';
import type { Keyring } from '../keyring/keyring.js';
import type { ContentCipher } from '../cipher/content-cipher.js';
import { openEnvelope } from '../materials/open-envelope.js';
import { notEncrypted, type ReadPolicy } from '../policy/read-policy.js';
import {
  parseContentRange,
  planRangeAnswer,
  planRangedRead,
  planRangeResponse,
  sliceRangeAnswer,
  type RangedReadResponsePlan,
} from '../plan/ranged-read.js';
import type { ByteRange } from '../plan/byte-range.js';
import { createPlaintextVerifier } from '../integrity/verify-plaintext.js';

/** Options of {@link decryptObject}. */
export interface DecryptObjectOptions<C extends Uint8Array | ReadableStream<Uint8Array>> {
  /** The master keys; the one matching the object's description unwraps its data key. */
  readonly keyring: Keyring | MasterKey;
  /** The object's headers (GET or HEAD response, or the stored metadata). */
  readonly headers: HeaderInput;
  /** The whole ciphertext, or the bytes of a ranged response (then pass `contentRange`). */
  readonly ciphertext: C;
  /** The plaintext range wanted (inclusive). Default: everything `ciphertext` covers. */
  readonly range?: ByteRange | string | undefined;
  /** The server's `Content-Range` when `ciphertext` is a ranged response. */
  readonly contentRange?: string | null | undefined;
  /** The object size, to resolve a suffix range when `ciphertext` is the whole object. */
  readonly objectSize?: number | undefined;
  /** What to accept: plaintext objects, V1 objects, unverified reads (see {@link ReadPolicy}). */
  readonly policy?: ReadPolicy | undefined;
  /** Bytes per decryption step of a stream. */
  readonly chunkSize?: number | undefined;
  /** Cancels the decryption (and a KMS call). */
  readonly signal?: AbortSignal | undefined;
  /**
   * How the envelope becomes its content cipher. Default: {@link openEnvelope} with `keyring`, `policy` and
   * `signal`. The seam through which a caller supplies materials it already opened (the transfer engine's
   * decrypted-materials cache); it must enforce `policy` as `openEnvelope` does and return a decrypting cipher for
   * exactly this envelope.
   */
  readonly openCipher?: ((envelope: Envelope) => Promise<ContentCipher>) | undefined;
}

/**
 * Decrypts an object (or a range of it). Bytes in, bytes out; stream in, stream out.
 * Full reads are checked against `unencrypted-content-length`/`-md5` when present (ERR_INTEGRITY).
 *
 * @example
 * ```ts
 * import { decryptObject, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const res = await fetch('https://photos.oss-cn-hangzhou.aliyuncs.com/greeting.txt'); // signed in real use
 * const ciphertext = new Uint8Array(await res.arrayBuffer());
 * const plaintext = await decryptObject({ keyring, headers: res.headers, ciphertext });
 * ```
 */
export async function decryptObject<C extends Uint8Array | ReadableStream<Uint8Array>>(
  options: DecryptObjectOptions<C>,
): Promise<C> {
  const { ciphertext, policy } = options;
  const isStream = typeof ReadableStream !== 'undefined' && ciphertext instanceof ReadableStream;
  if (!isStream && !(ciphertext instanceof Uint8Array)) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"ciphertext" expected Uint8Array or ReadableStream');
  }
  const envelope = parseEnvelope(options.headers);
  const plan = planFor(options, isStream ? undefined : (ciphertext as Uint8Array).length);
  if (!envelope) {
    if (!policy?.allowUnencrypted) throw notEncrypted();
    if (isStream) return (await streamHalf()).decryptStream(ciphertext as ReadableStream<Uint8Array>, null, plan) as C;
    return sliceRangeAnswer(ciphertext as Uint8Array, plan) as C;
  }
  const cipher = options.openCipher
    ? await options.openCipher(envelope)
    : await openEnvelope({ keyring: options.keyring, envelope, policy, signal: options.signal });
  const verify = plan.full && policy?.verifyIntegrity !== false ? await createPlaintextVerifier(envelope) : null;

  if (!isStream) {
    const plain = sliceRangeAnswer(await cipher.decryptAt(plan.counterOffset, ciphertext as Uint8Array), plan);
    if (verify) {
      verify.update(plain);
      verify.finish();
    }
    return plain as C;
  }
  const { decryptStream } = await streamHalf();
  return decryptStream(ciphertext as ReadableStream<Uint8Array>, cipher, plan, {
    verify,
    chunkSize: options.chunkSize,
  }) as C;
}

/** The stream half (decrypt-stream.ts), loaded with import() for stream input only. */
const streamHalf = () => import('./decrypt-stream.js');

/**
 * Parses headers and returns the envelope, failing on plaintext objects unless the policy allows them.
 *
 * @example
 * ```ts
 * import { requireEnvelope } from '@oss-cse/core';
 * declare const headers: Record<string, string>;
 * const envelope = requireEnvelope(headers, { allowUnencrypted: true }); // null for a plain object
 * ```
 */
export function requireEnvelope(headers: HeaderInput, policy?: ReadPolicy): Envelope | null {
  const envelope = parseEnvelope(headers);
  if (!envelope && !policy?.allowUnencrypted) throw notEncrypted();
  return envelope;
}

interface DecryptPlan extends RangedReadResponsePlan {
  /** True when the result is the whole object (integrity headers apply). */
  readonly full: boolean;
}

function planFor(
  options: DecryptObjectOptions<Uint8Array | ReadableStream<Uint8Array>>,
  knownLength: number | undefined,
): DecryptPlan {
  const { range, contentRange } = options;
  if (range === undefined && !contentRange) {
    return { counterOffset: 0, discard: 0, length: undefined, totalSize: knownLength, full: true };
  }
  if (range === undefined && contentRange) {
    // A ranged response without an explicit wish: return all of it.
    const { first, last, total } = parseContentRange(contentRange);
    const r = planRangeResponse(planRangedRead({ start: first, end: last }), contentRange);
    return { ...r, full: first === 0 && total !== undefined && last === total - 1 };
  }
  return { ...planRangeAnswer(range ?? { start: 0 }, contentRange, options.objectSize ?? knownLength), full: false };
}
