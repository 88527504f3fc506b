// Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo, RFC 8018 PBES2): `ENCRYPTED PRIVATE KEY`.
// PBKDF2 (HMAC-SHA1/224/256/384/512) and AES-128/192/256-CBC computed with WebCrypto. Writing uses core's DER
// writer; reading the parameters loads asn1js/pkijs on demand (pbes2-params.ts), so other pages never download them.
import { OssCseError } from '../../errors.js';
import { asBufferSource, utf8 } from '../../util/bytes.js';
import type { RsaPrivateKeyComponents } from '../rsa/rsa-key.js';
import { keyImportError } from './der.js';
import { derAlgorithm, derInteger, derNull, derOctetString, derSequence } from './der-writer.js';
import {
  DEFAULT_PBKDF2_ITERATIONS,
  OID_AES256_CBC,
  OID_HMAC_SHA256,
  OID_PBES2,
  OID_PBKDF2,
  type Pbes2,
} from './pbes2.js';
import { parsePkcs8PrivateKey, readPrivateKeyInfo } from './pkcs8.js';

const WRONG_PASSPHRASE = 'Cannot decrypt the encrypted private key: wrong passphrase or corrupted key';
const what = 'Encrypted PKCS#8 private key';

async function deriveAesKey(
  passphrase: string | Uint8Array,
  p: Pick<Pbes2, 'salt' | 'iterations' | 'hash' | 'aesBits'>,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const secret = typeof passphrase === 'string' ? utf8(passphrase) : passphrase;
  const base = await crypto.subtle.importKey('raw', asBufferSource(secret), 'PBKDF2', false, ['deriveKey']);
  try {
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', salt: asBufferSource(p.salt), iterations: p.iterations, hash: p.hash },
      base,
      { name: 'AES-CBC', length: p.aesBits },
      false,
      [usage],
    );
  } catch (e) {
    throw keyImportError(
      `AES-${p.aesBits}-CBC or PBKDF2 with ${p.hash} is not supported by this runtime's WebCrypto; re-encrypt the key with: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`,
      e,
    );
  }
}

/**
 * Decrypts a DER EncryptedPrivateKeyInfo with `passphrase` (a string is UTF-8 encoded, as OpenSSL does).
 * @throws ERR_KEY_IMPORT: "a passphrase is needed" when none is given, "wrong passphrase or corrupted key"
 *   when decryption or the inner structure fails, or the unsupported parameter by name.
 */
export async function parseEncryptedPkcs8(
  der: Uint8Array,
  passphrase: string | Uint8Array | undefined,
): Promise<RsaPrivateKeyComponents> {
  const { readPbes2Params } = await import('./pbes2-params.js');
  const params = readPbes2Params(der);
  if (passphrase === undefined)
    throw keyImportError('This private key is encrypted (ENCRYPTED PRIVATE KEY): a passphrase is needed to import it');
  const aesKey = await deriveAesKey(passphrase, params, 'decrypt');
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-CBC', iv: asBufferSource(params.iv) },
        aesKey,
        asBufferSource(params.encrypted),
      ),
    );
  } catch {
    throw keyImportError(WRONG_PASSPHRASE);
  }
  try {
    // A wrong passphrase yields valid CBC padding about once in 256 tries: the DER must parse too.
    readPrivateKeyInfo(plain, what);
  } catch {
    plain.fill(0);
    throw keyImportError(WRONG_PASSPHRASE);
  }
  try {
    return parsePkcs8PrivateKey(plain);
  } catch (e) {
    throw e instanceof OssCseError ? e : keyImportError(WRONG_PASSPHRASE);
  } finally {
    plain.fill(0);
  }
}

/** Options of {@link encryptPkcs8}. */
export interface EncryptPkcs8Options {
  /** PBKDF2-HMAC-SHA256 iterations (default {@link DEFAULT_PBKDF2_ITERATIONS}). */
  readonly iterations?: number;
}

/** Encrypts a DER PrivateKeyInfo into an EncryptedPrivateKeyInfo: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC. */
export async function encryptPkcs8(
  pkcs8Der: Uint8Array,
  passphrase: string | Uint8Array,
  options: EncryptPkcs8Options = {},
): Promise<Uint8Array> {
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const aesKey = await deriveAesKey(passphrase, { salt, iterations, hash: 'SHA-256', aesBits: 256 }, 'encrypt');
  const encrypted = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aesKey, asBufferSource(pkcs8Der)),
  );
  const kdf = derAlgorithm(
    OID_PBKDF2,
    derSequence([derOctetString(salt), derInteger(BigInt(iterations)), derAlgorithm(OID_HMAC_SHA256, derNull())]),
  );
  const algorithm = derAlgorithm(OID_PBES2, derSequence([kdf, derAlgorithm(OID_AES256_CBC, derOctetString(iv))]));
  return derSequence([algorithm, derOctetString(encrypted)]);
}
