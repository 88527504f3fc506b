// Unwraps an object's data key and IV with the keyring and returns its content cipher.
import { OssCseError, unwrapFailed } from '../errors.js';
import { ContentCipher, type ContentMaterials } from '../cipher/content-cipher.js';
import { importContentKey } from '../cipher/aes-ctr.js';
import { v1CounterBlock } from '../cipher/counter.js';
import { fromUtf8, wipe } from '../util/bytes.js';
import type { Envelope } from '../format/envelope.js';
import type { MasterKey, UnwrapContext } from '../keys/master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { enforceReadPolicy, type ReadPolicy } from '../policy/read-policy.js';

/** Options of {@link openEnvelope} and {@link unwrapEnvelope}. */
export interface OpenEnvelopeOptions {
  /** The master keys; the one matching the object's description unwraps. */
  readonly keyring: Keyring | MasterKey;
  /** The parsed envelope ({@link parseEnvelope}). */
  readonly envelope: Envelope;
  /** What to accept ({@link ReadPolicy}). */
  readonly policy?: ReadPolicy | undefined;
  /** Cancels a remote unwrap (KMS). */
  readonly signal?: AbortSignal | undefined;
  /** Return an encrypting (counter-reuse guarded) cipher, e.g. to resume a multipart upload. */
  readonly forEncryption?: boolean;
}

/**
 * Unwraps the envelope's data key and IV (trying each matching master key) and returns a decrypting cipher.
 * @throws OssCseError ERR_NO_MATCHING_KEY, ERR_PUBLIC_KEY_ONLY, ERR_UNWRAP_FAILED, ERR_POLICY.
 *
 * @example
 * ```ts
 * import { openEnvelope, parseEnvelope, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, headers: Record<string, string>, ciphertext: Uint8Array;
 * const cipher = await openEnvelope({ keyring, envelope: parseEnvelope(headers)! });
 * const plaintext = await cipher.decryptAt(0, ciphertext);
 * ```
 */
export async function openEnvelope(options: OpenEnvelopeOptions): Promise<ContentCipher> {
  const { cek, iv } = await unwrapEnvelope(options);
  const aesCtr = options.keyring instanceof Keyring ? options.keyring.aesCtr : undefined;
  return ContentCipher.fromDataKey(cek, iv, { encrypt: options.forEncryption === true, aesCtr });
}

/**
 * Unwraps the envelope's data key and IV and imports the key as a non-extractable CryptoKey (the key bytes are wiped):
 * the materials a decrypting cipher, here or in a Worker, is made from ({@link ContentCipher.fromMaterials}).
 * @throws OssCseError ERR_NO_MATCHING_KEY, ERR_PUBLIC_KEY_ONLY, ERR_UNWRAP_FAILED, ERR_POLICY.
 *
 * @example
 * ```ts
 * import { openContentMaterials, parseEnvelope, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, headers: Record<string, string>;
 * const { key, iv } = await openContentMaterials({ keyring, envelope: parseEnvelope(headers)! });
 * key.extractable; // false
 * ```
 */
export async function openContentMaterials(
  options: Omit<OpenEnvelopeOptions, 'forEncryption'>,
): Promise<ContentMaterials> {
  const { cek, iv } = await unwrapEnvelope(options);
  return { key: await importContentKey(cek), iv };
}

/**
 * Unwraps the envelope's data key and IV (V1 counters become their 16-byte counter block), trying each matching
 * master key. The caller owns the returned key bytes and must wipe them once used; prefer {@link openEnvelope}.
 * @throws OssCseError ERR_NO_MATCHING_KEY, ERR_PUBLIC_KEY_ONLY, ERR_UNWRAP_FAILED, ERR_POLICY.
 *
 * @example
 * ```ts
 * import { parseEnvelope, unwrapEnvelope, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, headers: Record<string, string>;
 * const envelope = parseEnvelope(headers)!;
 * const { cek, iv } = await unwrapEnvelope({ keyring, envelope });
 * ```
 */
export async function unwrapEnvelope(
  options: Omit<OpenEnvelopeOptions, 'forEncryption'>,
): Promise<{ cek: Uint8Array; iv: Uint8Array }> {
  const { envelope, policy, signal } = options;
  enforceReadPolicy(envelope, policy);
  const candidates = Keyring.from(options.keyring).keysFor(envelope);
  let lastError: unknown;
  for (const key of candidates) {
    try {
      return await unwrapWith(key, envelope, signal);
    } catch (e) {
      if (!(e instanceof OssCseError) || e.code !== 'ERR_UNWRAP_FAILED') throw e;
      lastError = e;
    }
  }
  throw lastError ?? unwrapFailed();
}

/**
 * Unwraps the data key and the IV with one master key. Both unwraps always run, concurrently, and every check is
 * made before anything is reported: were the IV unwrapped only after the data key succeeded, a forged data key
 * that happens to unwrap (a PKCS#1 v1.5 padding accident) would behave differently from one that does not, and
 * that difference is an oracle (Bleichenbacher). So every cryptographic failure, of either header, of the padding
 * or of a length, is the one fixed `ERR_UNWRAP_FAILED`, raised at one point below. Failures that say nothing about
 * the wrapped bytes (an abort, a KMS network or permission error) pass through unchanged.
 */
async function unwrapWith(
  key: MasterKey,
  envelope: Envelope,
  signal: AbortSignal | undefined,
): Promise<{ cek: Uint8Array; iv: Uint8Array }> {
  const wrapAlgorithm = envelope.wrapAlgorithm ?? key.wrapAlgorithm;
  const base = { wrapAlgorithm, formatVersion: envelope.formatVersion, ...(signal ? { signal } : {}) } as const;
  const keyContext: UnwrapContext = { ...base, part: 'key', expectedLength: 32, headerValue: envelope.keyHeader };
  const ivContext: UnwrapContext =
    envelope.formatVersion === 2
      ? { ...base, part: 'iv', expectedLength: 16, headerValue: envelope.startHeader }
      : { ...base, part: 'iv', headerValue: envelope.startHeader };
  const outcomes = await Promise.allSettled([
    key.unwrap(envelope.wrappedKey, keyContext),
    key
      .unwrap(envelope.wrappedIv, ivContext)
      .then((bytes) => (envelope.formatVersion === 2 ? bytes : v1CounterBlock(decodeV1Counter(bytes)))),
  ]);
  const [cek, iv] = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
  if (cek?.length === 32 && iv?.length === 16) return { cek, iv };
  if (cek) wipe(cek);
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected' && !isCryptographicFailure(outcome.reason)) throw outcome.reason;
  }
  throw unwrapFailed();
}

/** The outcomes that depend on the wrapped bytes: they all become the one `ERR_UNWRAP_FAILED`. */
function isCryptographicFailure(e: unknown): boolean {
  return e instanceof OssCseError && (e.code === 'ERR_UNWRAP_FAILED' || e.code === 'ERR_BAD_DATA_KEY');
}

function decodeV1Counter(bytes: Uint8Array): string {
  try {
    return fromUtf8(bytes);
  } catch {
    throw new OssCseError('ERR_BAD_DATA_KEY', 'V1 counter is not text');
  }
}
