// A new object's data key and IV, wrapped with the keyring's default (or a chosen) master key.
import { ContentCipher } from '../cipher/content-cipher.js';
import { generateDataKeyAndIv, generateIv } from '../cipher/aes-ctr.js';
import { OssCseError } from '../errors.js';
import { wipe } from '../util/bytes.js';
import type { EnvelopeHeaderInput } from '../format/serialize-envelope.js';
import type { MasterKey } from '../keys/master-key.js';
import { Keyring } from '../keyring/keyring.js';

/** What {@link createEnvelope} returns: a cipher for the new object and its wrapped key material. */
export interface NewEnvelope {
  /** Encrypting cipher (counter-reuse guarded) for this object. */
  readonly cipher: ContentCipher;
  /** The wrapped key material to serialize with `envelopeHeaders` (no plaintext key). */
  readonly wrapped: EnvelopeHeaderInput;
}

/**
 * Generates a data key and IV and wraps both (each in its own operation) with the master key.
 *
 * @example
 * ```ts
 * import { createEnvelope, envelopeHeaders, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const { cipher, wrapped } = await createEnvelope({ keyring });
 * const headers = envelopeHeaders(wrapped, { operation: 'put' });
 * ```
 */
export async function createEnvelope(options: {
  keyring: Keyring | MasterKey;
  masterKey?: MasterKey | undefined;
  signal?: AbortSignal | undefined;
}): Promise<NewEnvelope> {
  const ring = Keyring.from(options.keyring);
  const { cek, iv, wrapped } = await newEnvelopeMaterial(ring, options);
  const cipher = await ContentCipher.fromDataKey(cek, iv, { encrypt: true, aesCtr: ring.aesCtr });
  return { cipher, wrapped };
}

/**
 * A new object's data key and IV (the raw bytes, for the caller to use and wipe) and their wrapped form. Key and IV
 * come from one `getRandomValues` call unless the master key generates the data key itself (KMS).
 */
export async function newEnvelopeMaterial(
  ring: Keyring,
  options: { masterKey?: MasterKey | undefined; signal?: AbortSignal | undefined },
): Promise<{ readonly cek: Uint8Array; readonly iv: Uint8Array; readonly wrapped: EnvelopeHeaderInput }> {
  const key = options.masterKey ?? ring.defaultKey;
  const signal = options.signal;
  const ctx = (part: 'key' | 'iv') => (signal ? { part, signal } : { part });
  let cek: Uint8Array;
  let iv: Uint8Array;
  let wrappedKey: Uint8Array;
  if (key.generateDataKey) {
    const generated = await key.generateDataKey(signal ? { signal } : {});
    cek = generated.plain;
    wrappedKey = generated.wrapped;
    if (cek.length !== 32) {
      wipe(cek);
      throw new OssCseError('ERR_BAD_DATA_KEY', `master key generated a ${cek.length}-byte data key, expected 32`);
    }
    iv = generateIv();
  } else {
    ({ cek, iv } = generateDataKeyAndIv());
    try {
      wrappedKey = await key.wrap(cek, ctx('key'));
    } catch (e) {
      wipe(cek);
      throw e;
    }
  }
  let wrappedIv: Uint8Array;
  try {
    wrappedIv = await key.wrap(iv, ctx('iv'));
  } catch (e) {
    wipe(cek);
    throw e;
  }
  return { cek, iv, wrapped: { wrappedKey, wrappedIv, wrapAlgorithm: key.wrapAlgorithm, matdesc: key.description } };
}
