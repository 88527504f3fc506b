// Key rotation: the same data key and IV, unwrapped with the old master key and wrapped with a new one. The
// ciphertext does not change, so only the envelope headers are rewritten.
import { wipe } from '../util/bytes.js';
import type { Envelope } from '../format/envelope.js';
import type { EnvelopeHeaderInput } from '../format/serialize-envelope.js';
import type { MasterKey } from '../keys/master-key.js';
import type { Keyring } from '../keyring/keyring.js';
import type { ReadPolicy } from '../policy/read-policy.js';
import { unwrapEnvelope } from './open-envelope.js';

/**
 * Re-wraps an object's data key and IV for `to` (a V1 object's counter becomes a V2 IV). The plaintext key is
 * wiped before returning; the result holds wrapped material only.
 * @throws like {@link unwrapEnvelope}, plus whatever `to.wrap` throws.
 *
 * @example
 * ```ts
 * import { envelopeHeaders, parseEnvelope, rewrapEnvelope, type Keyring, type MasterKey } from '@oss-cse/core';
 * declare const oldKeys: Keyring, newKey: MasterKey, headers: Record<string, string>;
 * const envelope = parseEnvelope(headers)!;
 * const wrapped = await rewrapEnvelope({ keyring: oldKeys, envelope, to: newKey });
 * const newHeaders = envelopeHeaders(wrapped, { operation: 'put' });
 * ```
 */
export async function rewrapEnvelope(options: {
  keyring: Keyring | MasterKey;
  envelope: Envelope;
  to: MasterKey;
  policy?: ReadPolicy | undefined;
  signal?: AbortSignal | undefined;
}): Promise<EnvelopeHeaderInput> {
  const { cek, iv } = await unwrapEnvelope(options);
  const signal = options.signal;
  try {
    const wrappedKey = await options.to.wrap(cek, signal ? { part: 'key', signal } : { part: 'key' });
    const wrappedIv = await options.to.wrap(iv, signal ? { part: 'iv', signal } : { part: 'iv' });
    return {
      wrappedKey,
      wrappedIv,
      wrapAlgorithm: options.to.wrapAlgorithm,
      matdesc: options.to.description,
      unencryptedContentLength: options.envelope.unencryptedContentLength,
      unencryptedContentMd5: options.envelope.unencryptedContentMd5,
    };
  } finally {
    wipe(cek);
  }
}
