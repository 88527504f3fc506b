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
 * come from one `getRandomValues` call unless the master key generates the data key itself (KMS). The two wraps
 * (or the data key's generation and the IV's wrap) run concurrently: with a master key whose operations wait (a KMS
 * request, an RSA-OAEP WebCrypto job) a new object waits for the slower of the two, not for both in turn. Either
 * failing fails the whole, with the data key wiped.
 */
export async function newEnvelopeMaterial(
  ring: Keyring,
  options: { masterKey?: MasterKey | undefined; signal?: AbortSignal | undefined },
): Promise<{ readonly cek: Uint8Array; readonly iv: Uint8Array; readonly wrapped: EnvelopeHeaderInput }> {
  const key = options.masterKey ?? ring.defaultKey;
  const signal = options.signal;
  const ctx = (part: 'key' | 'iv') => (signal ? { part, signal } : { part });
  let cek: Uint8Array | undefined;
  let iv: Uint8Array;
  let keyStep: Promise<Uint8Array>;
  if (key.generateDataKey) {
    iv = generateIv();
    keyStep = (async () => {
      const generated = await key.generateDataKey!(signal ? { signal } : {});
      cek = generated.plain;
      if (cek.length !== 32)
        throw new OssCseError('ERR_BAD_DATA_KEY', `master key generated a ${cek.length}-byte data key, expected 32`);
      return generated.wrapped;
    })();
  } else {
    const drawn = generateDataKeyAndIv();
    cek = drawn.cek;
    iv = drawn.iv;
    keyStep = (async () => key.wrap(drawn.cek, ctx('key')))();
  }
  const ivStep = (async () => key.wrap(iv, ctx('iv')))();
  const [wrappedKey, wrappedIv] = await Promise.allSettled([keyStep, ivStep]);
  if (wrappedKey.status === 'fulfilled' && wrappedIv.status === 'fulfilled' && cek)
    return {
      cek,
      iv,
      wrapped: {
        wrappedKey: wrappedKey.value,
        wrappedIv: wrappedIv.value,
        wrapAlgorithm: key.wrapAlgorithm,
        matdesc: key.description,
      },
    };
  if (cek) wipe(cek);
  throw wrappedKey.status === 'rejected' ? wrappedKey.reason : (wrappedIv as PromiseRejectedResult).reason;
}
