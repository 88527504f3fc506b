// Safety policies applied when reading objects.
import { OssCseError } from '../errors.js';
import { WRAP_RSA_PKCS1 } from '../keys/master-key.js';
import type { Envelope } from '../format/envelope.js';

/**
 * `compatible` (default) reads everything the official SDKs write. `strict` refuses RSAES-PKCS1-v1_5 unwraps
 * (padding-oracle exposure) and deprecated V1 objects (weak 1..10 counters).
 */
export type SecurityProfile = 'compatible' | 'strict';

/** What reads accept; the default reads every valid V2 and V1 object and checks integrity. */
export interface ReadPolicy {
  /** Return objects without CSE headers as they are instead of failing with ERR_NOT_ENCRYPTED. Default false. */
  readonly allowUnencrypted?: boolean;
  /**
   * `strict` refuses deprecated V1 objects and RSAES-PKCS1-v1_5 unwraps; `compatible` (default) reads everything the
   * official SDKs write.
   */
  readonly profile?: SecurityProfile;
  /** Check `unencrypted-content-length`/`-md5` on full reads when present. Default true. */
  readonly verifyIntegrity?: boolean;
}

/**
 * Throws ERR_POLICY when the profile refuses this envelope.
 *
 * @example
 * ```ts
 * import { enforceReadPolicy, parseEnvelope } from '@oss-cse/core';
 * declare const headers: Record<string, string>;
 * enforceReadPolicy(parseEnvelope(headers)!, { profile: 'strict' }); // throws ERR_POLICY for V1 objects
 * ```
 */
export function enforceReadPolicy(envelope: Envelope, policy: ReadPolicy | undefined): void {
  if (policy?.profile !== 'strict') return;
  if (envelope.formatVersion === 1) {
    throw new OssCseError('ERR_POLICY', 'the strict profile refuses deprecated V1 (x-oss-meta-oss-crypto-*) objects');
  }
  if (envelope.wrapAlgorithm === WRAP_RSA_PKCS1 || envelope.wrapAlgorithm === undefined) {
    throw new OssCseError('ERR_POLICY', `the strict profile refuses ${WRAP_RSA_PKCS1} key unwrapping`);
  }
}

export function notEncrypted(): OssCseError {
  return new OssCseError(
    'ERR_NOT_ENCRYPTED',
    'the object has no client-side encryption headers; pass allowUnencrypted: true to read plaintext objects',
  );
}
