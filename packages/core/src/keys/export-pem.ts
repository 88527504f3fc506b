// PEM export of RSA keys: private as PKCS#8 (optionally encrypted, PBES2) or PKCS#1; public as SPKI or PKCS#1.
import { OssCseError } from '../errors.js';
import { encryptPkcs8 } from './import/encrypted-pkcs8.js';
import { encodePem } from './import/pem.js';
import { encodePkcs1PrivateKey, encodePkcs1PublicKey } from './import/pkcs1.js';
import { encodePkcs8PrivateKey } from './import/pkcs8.js';
import { encodeSpki } from './import/spki.js';
import {
  checkPrivateKey,
  isRsaPrivateKey,
  type RsaKeyComponents,
  type RsaPrivateKeyComponents,
} from './rsa/rsa-key.js';

/** Options of {@link exportPrivateKeyPem}. */
export interface ExportPrivateKeyPemOptions {
  /** `pkcs8` (`PRIVATE KEY`, default) or `pkcs1` (`RSA PRIVATE KEY`). */
  readonly format?: 'pkcs8' | 'pkcs1';
  /** Encrypts the key: `ENCRYPTED PRIVATE KEY`, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (PKCS#8 only). */
  readonly passphrase?: string | Uint8Array;
  /** PBKDF2 iterations when encrypting (default 600,000). */
  readonly iterations?: number;
}

/**
 * PEM text of a private key.
 * @throws OssCseError ERR_INVALID_ARGUMENT for a public key, a passphrase with `pkcs1`, or bad iterations.
 *
 * @example
 * ```ts
 * import { exportPrivateKeyPem, generateRsaKeyPair } from '@oss-cse/core';
 * const { privateKey } = await generateRsaKeyPair();
 * await exportPrivateKeyPem(privateKey); // -----BEGIN PRIVATE KEY-----
 * await exportPrivateKeyPem(privateKey, { format: 'pkcs1' }); // -----BEGIN RSA PRIVATE KEY-----
 * await exportPrivateKeyPem(privateKey, { passphrase: 's3cret phrase' }); // -----BEGIN ENCRYPTED PRIVATE KEY-----
 * ```
 */
export async function exportPrivateKeyPem(
  key: RsaPrivateKeyComponents,
  options: ExportPrivateKeyPemOptions = {},
): Promise<string> {
  /* Precondition: a private key. */
  if (typeof key !== 'object' || key === null || !isRsaPrivateKey(key)) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      '"key" expected RSA private key components (from importRsaKey or generateRsaKeyPair)',
    );
  }
  const format = options.format ?? 'pkcs8';
  if (format !== 'pkcs8' && format !== 'pkcs1')
    throw new OssCseError('ERR_INVALID_ARGUMENT', `"format" expected "pkcs8" or "pkcs1", got ${String(format)}`);
  const checked = checkPrivateKey(key);
  if (options.passphrase === undefined) {
    return format === 'pkcs1'
      ? encodePem('RSA PRIVATE KEY', encodePkcs1PrivateKey(checked))
      : encodePem('PRIVATE KEY', encodePkcs8PrivateKey(checked));
  }
  /* Precondition: encryption exists only for PKCS#8. */
  if (format !== 'pkcs8')
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      '"passphrase" is supported only with format "pkcs8" (ENCRYPTED PRIVATE KEY)',
    );
  if (typeof options.passphrase !== 'string' && !(options.passphrase instanceof Uint8Array)) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"passphrase" expected string or Uint8Array');
  }
  if (options.passphrase.length === 0) throw new OssCseError('ERR_INVALID_ARGUMENT', '"passphrase" must not be empty');
  const iterations = options.iterations;
  if (iterations !== undefined && (!Number.isSafeInteger(iterations) || iterations < 1000)) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `"iterations" expected an integer >= 1000, got ${String(iterations)}`,
    );
  }
  const pkcs8 = encodePkcs8PrivateKey(checked);
  try {
    const encrypted = await encryptPkcs8(pkcs8, options.passphrase, iterations === undefined ? {} : { iterations });
    return encodePem('ENCRYPTED PRIVATE KEY', encrypted);
  } finally {
    pkcs8.fill(0);
  }
}

/** Options of {@link exportPublicKeyPem}. */
export interface ExportPublicKeyPemOptions {
  /** `spki` (`PUBLIC KEY`, default) or `pkcs1` (`RSA PUBLIC KEY`). */
  readonly format?: 'spki' | 'pkcs1';
}

/**
 * PEM text of the public half of a key (private keys are accepted: their public part is exported).
 *
 * @example
 * ```ts
 * import { exportPublicKeyPem, generateRsaKeyPair } from '@oss-cse/core';
 * const { privateKey } = await generateRsaKeyPair();
 * exportPublicKeyPem(privateKey); // -----BEGIN PUBLIC KEY-----
 * exportPublicKeyPem(privateKey, { format: 'pkcs1' }); // -----BEGIN RSA PUBLIC KEY-----
 * ```
 */
export function exportPublicKeyPem(key: RsaKeyComponents, options: ExportPublicKeyPemOptions = {}): string {
  if (typeof key !== 'object' || key === null || typeof key.n !== 'bigint' || typeof key.e !== 'bigint') {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      '"key" expected RSA key components (from importRsaKey or generateRsaKeyPair)',
    );
  }
  const format = options.format ?? 'spki';
  if (format === 'spki') return encodePem('PUBLIC KEY', encodeSpki(key));
  if (format === 'pkcs1') return encodePem('RSA PUBLIC KEY', encodePkcs1PublicKey(key));
  throw new OssCseError('ERR_INVALID_ARGUMENT', `"format" expected "spki" or "pkcs1", got ${String(format)}`);
}
