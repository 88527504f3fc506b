// Batch rewrap skips objects already under the target key. The target is recognised by its material description
// and wrap algorithm, and, when it can unwrap (a private key, KMS), by unwrapping the object's data key with it:
// with only a public key and a description shared with other keys, an object cannot be recognised and is
// rewrapped again (harmless, but it re-sends the object).
import { OssCseError, sameMatdesc, unwrapEnvelope, type Envelope, type MasterKey } from '@oss-cse/core';

/**
 * @example
 * ```ts
 * import type { Envelope, MasterKey } from '@oss-cse/core';
 * import { isUnderKey } from '@oss-cse/transfer';
 * declare const envelope: Envelope, newKey: MasterKey;
 * if (await isUnderKey(envelope, newKey)) console.log('already under the new key: skip');
 * ```
 */
export async function isUnderKey(envelope: Envelope, to: MasterKey, signal?: AbortSignal): Promise<boolean> {
  if (!sameMatdesc(to.description, envelope.matdesc)) return false;
  if (envelope.wrapAlgorithm !== undefined && envelope.wrapAlgorithm !== to.wrapAlgorithm) return false;
  if (!to.canUnwrap) return Object.keys(to.description).length > 0;
  try {
    const { cek } = await unwrapEnvelope({ keyring: to, envelope, signal });
    cek.fill(0);
    return true;
  } catch (e) {
    if (e instanceof OssCseError && (e.code === 'ERR_UNWRAP_FAILED' || e.code === 'ERR_NO_MATCHING_KEY')) return false;
    throw e;
  }
}
