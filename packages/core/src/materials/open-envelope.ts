// Unwraps an object's data key and IV with the keyring and returns its content cipher.
import { OssCseError, unwrapFailed } from '../errors.js';
import { ContentCipher } from '../cipher/content-cipher.js';
import { v1CounterBlock } from '../cipher/counter.js';
import { fromUtf8, wipe } from '../util/bytes.js';
import type { Envelope } from '../format/envelope.js';
import type { MasterKey, UnwrapContext } from '../keys/master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { enforceReadPolicy, type ReadPolicy } from '../policy/read-policy.js';

export interface OpenEnvelopeOptions {
  readonly keyring: Keyring | MasterKey;
  readonly envelope: Envelope;
  readonly policy?: ReadPolicy | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Return an encrypting (counter-reuse guarded) cipher, e.g. to resume a multipart upload. */
  readonly forEncryption?: boolean;
}

/**
 * Unwraps the envelope's data key and IV (trying each matching master key) and returns a decrypting cipher.
 * @throws OssCseError ERR_NO_MATCHING_KEY, ERR_PUBLIC_KEY_ONLY, ERR_UNWRAP_FAILED, ERR_BAD_DATA_KEY, ERR_POLICY.
 */
export async function openEnvelope(options: OpenEnvelopeOptions): Promise<ContentCipher> {
  const { cek, iv } = await unwrapEnvelope(options);
  return ContentCipher.fromDataKey(cek, iv, { encrypt: options.forEncryption === true });
}

/**
 * Unwraps the envelope's data key and IV (V1 counters become their 16-byte counter block), trying each matching
 * master key. The caller owns the returned key bytes and must wipe them once used; prefer {@link openEnvelope}.
 * @throws OssCseError ERR_NO_MATCHING_KEY, ERR_PUBLIC_KEY_ONLY, ERR_UNWRAP_FAILED, ERR_BAD_DATA_KEY, ERR_POLICY.
 *
 * @example
 * ```ts
 * const { cek, iv } = await unwrapEnvelope({ keyring, envelope });
 * ```
 */
export async function unwrapEnvelope(options: Omit<OpenEnvelopeOptions, 'forEncryption'>): Promise<{ cek: Uint8Array; iv: Uint8Array }> {
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
  const cek = await key.unwrap(envelope.wrappedKey, keyContext);
  let iv: Uint8Array;
  try {
    const ivBytes = await key.unwrap(envelope.wrappedIv, ivContext);
    iv = envelope.formatVersion === 2 ? ivBytes : v1CounterBlock(decodeV1Counter(ivBytes));
  } catch (e) {
    wipe(cek);
    throw e;
  }
  if (cek.length !== 32 || iv.length !== 16) {
    wipe(cek);
    throw new OssCseError(
      'ERR_BAD_DATA_KEY',
      `the unwrapped data key must be 32 bytes and the IV 16 bytes, got ${cek.length} and ${iv.length}`,
    );
  }
  return { cek, iv };
}

function decodeV1Counter(bytes: Uint8Array): string {
  try {
    return fromUtf8(bytes);
  } catch {
    throw new OssCseError('ERR_BAD_DATA_KEY', 'V1 counter is not text');
  }
}
