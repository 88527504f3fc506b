// Key handling in the page: generate an RSA pair with WebCrypto, import/export PEM, keep private keys as
// non-extractable CryptoKeys where the wrap algorithm allows (OAEP), and store those keys (never a data key)
// in IndexedDB so they survive reloads without ever being exportable.
import {
  RsaMasterKey,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateRsaKeyPair,
  OssCseError,
  type RsaMasterKeyImportOptions,
} from '@oss-cse/core';
import { KEYS_STORE, openDatabase, run } from '../resume/idb.js';

const OAEP_SHA1 = {
  name: 'RSA-OAEP',
  hash: 'SHA-1',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

/** A generated key whose private half can never leave WebCrypto (wraps with RSA-OAEP-SHA1). */
export interface NonExtractableKeyPair {
  /** The master key to give the client. */
  readonly masterKey: RsaMasterKey;
  /** The public CryptoKey (extractable: it can be shared). */
  readonly publicKey: CryptoKey;
  /** The non-extractable private CryptoKey. */
  readonly privateKey: CryptoKey;
}

/**
 * Generates an RSA-OAEP-SHA1 pair whose private key is non-extractable: objects it writes use
 * `RSA/NONE/OAEPWithSHA-1AndMGF1Padding` (readable by oss-cse and oss2).
 *
 * @example
 * ```ts
 * import { generateNonExtractableKey } from '@oss-cse/browser';
 * const { masterKey } = await generateNonExtractableKey({ description: { user: 'alice' } });
 * ```
 */
export async function generateNonExtractableKey(
  options: { description?: Record<string, string>; bits?: 2048 | 3072 | 4096 } = {},
): Promise<NonExtractableKeyPair> {
  const pair = (await crypto.subtle.generateKey({ ...OAEP_SHA1, modulusLength: options.bits ?? 2048 }, false, [
    'encrypt',
    'decrypt',
  ])) as CryptoKeyPair;
  const masterKey = await RsaMasterKey.fromCryptoKeys({
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
    ...(options.description ? { description: options.description } : {}),
  });
  return { masterKey, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/**
 * A generated exportable pair as PEM (PKCS#8 private, SPKI public) plus its master key (PKCS#1 v1.5 wrap, readable by
 * every SDK).
 *
 * @example
 * ```ts
 * import { generatePemKey } from '@oss-cse/browser';
 * const { masterKey, privateKeyPem } = await generatePemKey({ passphrase: 'correct horse battery staple' });
 * ```
 */
export async function generatePemKey(
  options: { description?: Record<string, string>; passphrase?: string } = {},
): Promise<{ masterKey: RsaMasterKey; privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateRsaKeyPair();
  const privateKeyPem = await exportPrivateKeyPem(
    privateKey,
    options.passphrase ? { passphrase: options.passphrase } : {},
  );
  const publicKeyPem = exportPublicKeyPem(publicKey);
  const masterKey = await RsaMasterKey.import({
    privateKey,
    ...(options.description ? { description: options.description } : {}),
  });
  return { masterKey, privateKeyPem, publicKeyPem };
}

/**
 * Imports a pasted PEM (private or public) as a master key.
 *
 * @example
 * ```ts
 * import { importPemKey } from '@oss-cse/browser';
 * declare const pem: string;
 * const masterKey = await importPemKey({ privateKey: pem, description: { owner: 'alice' } });
 * ```
 */
export function importPemKey(options: RsaMasterKeyImportOptions): Promise<RsaMasterKey> {
  return RsaMasterKey.import(options);
}

/**
 * Stores a non-extractable pair in IndexedDB under `name` (CryptoKeys are stored as opaque handles; the
 * private key stays non-extractable).
 *
 * @example
 * ```ts
 * import { generateNonExtractableKey, saveKeyPair } from '@oss-cse/browser';
 * const pair = await generateNonExtractableKey({ description: { user: 'alice' } });
 * await saveKeyPair('alice', pair); // IndexedDB keeps the non-extractable CryptoKeys
 * ```
 */
export async function saveKeyPair(
  name: string,
  pair: { publicKey: CryptoKey; privateKey: CryptoKey; description?: Record<string, string> },
  databaseName = 'oss-cse',
): Promise<void> {
  /* Precondition: never persist an extractable private key. */
  if (pair.privateKey.extractable)
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'refusing to store an extractable private key in IndexedDB; generate it non-extractable',
    );
  const db = await openDatabase(databaseName);
  await run(db, KEYS_STORE, 'readwrite', (s) =>
    s.put({ name, publicKey: pair.publicKey, privateKey: pair.privateKey, description: pair.description ?? {} }),
  );
  db.close();
}

/**
 * Loads a pair stored with {@link saveKeyPair}, or undefined.
 *
 * @example
 * ```ts
 * import { loadKeyPair } from '@oss-cse/browser';
 * const pair = await loadKeyPair('alice');
 * const masterKey = pair?.masterKey; // undefined when nothing was saved under that name
 * ```
 */
export async function loadKeyPair(name: string, databaseName = 'oss-cse'): Promise<NonExtractableKeyPair | undefined> {
  const db = await openDatabase(databaseName);
  const rec = (await run(db, KEYS_STORE, 'readonly', (s) => s.get(name))) as
    { publicKey: CryptoKey; privateKey: CryptoKey; description: Record<string, string> } | undefined;
  db.close();
  if (!rec) return undefined;
  const masterKey = await RsaMasterKey.fromCryptoKeys({
    publicKey: rec.publicKey,
    privateKey: rec.privateKey,
    description: rec.description,
  });
  return { masterKey, publicKey: rec.publicKey, privateKey: rec.privateKey };
}

/**
 * Deletes the key pair saved under `name` (nothing happens when there is none).
 *
 * @example
 * ```ts
 * import { deleteKeyPair } from '@oss-cse/browser';
 * await deleteKeyPair('alice'); // objects encrypted with it cannot be read any more
 * ```
 */
export async function deleteKeyPair(name: string, databaseName = 'oss-cse'): Promise<void> {
  const db = await openDatabase(databaseName);
  await run(db, KEYS_STORE, 'readwrite', (s) => s.delete(name));
  db.close();
}
