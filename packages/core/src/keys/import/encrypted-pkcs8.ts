// Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo, RFC 8018 PBES2): `ENCRYPTED PRIVATE KEY`.
// PBKDF2 (HMAC-SHA1/224/256/384/512) and AES-128/192/256-CBC, parsed with asn1js/pkijs, computed with WebCrypto.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OssCseError } from '../../errors.js';
import { asBufferSource, utf8 } from '../../util/bytes.js';
import type { RsaPrivateKeyComponents } from '../rsa/rsa-key.js';
import { fromSchema, keyImportError, parseDer, toDer } from './der.js';
import { parsePkcs8PrivateKey } from './pkcs8.js';

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.8': 'SHA-224',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const CIPHERS: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.2': 128,
  '2.16.840.1.101.3.4.1.22': 192,
  '2.16.840.1.101.3.4.1.42': 256,
};
const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';
/** Upper bound on PBKDF2 iterations accepted on import (a hostile file must not hang the page). */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** PBKDF2-HMAC-SHA256 iterations used on export unless the caller chooses (OWASP 2023). */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

const WRONG_PASSPHRASE = 'Cannot decrypt the encrypted private key: wrong passphrase or corrupted key';
const what = 'Encrypted PKCS#8 private key';

interface Pbes2 { salt: Uint8Array; iterations: number; hash: string; aesBits: number; iv: Uint8Array; encrypted: Uint8Array }

function parseEncryptedPrivateKeyInfo(der: Uint8Array): Pbes2 {
  const root = parseDer(der, what);
  const items = root instanceof asn1js.Sequence ? root.valueBlock.value : [];
  const [algNode, dataNode] = items;
  if (items.length !== 2 || !(dataNode instanceof asn1js.OctetString)) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  const alg = fromSchema(() => new pkijs.AlgorithmIdentifier({ schema: algNode }), what);
  if (alg.algorithmId !== OID_PBES2) {
    throw keyImportError(`${what} uses encryption scheme ${alg.algorithmId}; only PBES2 (PBKDF2 + AES-CBC) is supported — re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`);
  }
  const pbes2 = fromSchema(() => new pkijs.PBES2Params({ schema: alg.algorithmParams }), `${what} PBES2 parameters`);
  if (pbes2.keyDerivationFunc.algorithmId !== OID_PBKDF2) throw keyImportError(`${what} uses key derivation ${pbes2.keyDerivationFunc.algorithmId}; only PBKDF2 is supported`);
  const kdf = fromSchema(() => new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams }), `${what} PBKDF2 parameters`);
  if (!(kdf.salt instanceof asn1js.OctetString)) throw keyImportError(`${what}: PBKDF2 salt must be an OCTET STRING`);
  const hash = kdf.prf === undefined ? 'SHA-1' : PRFS[kdf.prf.algorithmId];
  if (hash === undefined) throw keyImportError(`${what} uses PBKDF2 PRF ${kdf.prf?.algorithmId}; supported: HMAC-SHA1/224/256/384/512`);
  const aesBits = CIPHERS[pbes2.encryptionScheme.algorithmId];
  if (aesBits === undefined) throw keyImportError(`${what} uses cipher ${pbes2.encryptionScheme.algorithmId}; supported: AES-128/192/256-CBC`);
  if (kdf.keyLength !== undefined && kdf.keyLength !== aesBits / 8) throw keyImportError(`${what}: PBKDF2 key length does not match the cipher`);
  const iterations = kdf.iterationCount;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw keyImportError(`${what}: PBKDF2 iteration count ${iterations} is out of range (1 to ${MAX_PBKDF2_ITERATIONS})`);
  }
  const ivNode = pbes2.encryptionScheme.algorithmParams;
  if (!(ivNode instanceof asn1js.OctetString) || ivNode.valueBlock.valueHexView.length !== 16) throw keyImportError(`${what}: AES-CBC IV must be 16 bytes`);
  return {
    salt: kdf.salt.valueBlock.valueHexView.slice(), iterations, hash, aesBits,
    iv: ivNode.valueBlock.valueHexView.slice(), encrypted: dataNode.valueBlock.valueHexView.slice(),
  };
}

async function deriveAesKey(passphrase: string | Uint8Array, p: Pick<Pbes2, 'salt' | 'iterations' | 'hash' | 'aesBits'>, usage: KeyUsage): Promise<CryptoKey> {
  const secret = typeof passphrase === 'string' ? utf8(passphrase) : passphrase;
  const base = await crypto.subtle.importKey('raw', asBufferSource(secret), 'PBKDF2', false, ['deriveKey']);
  try {
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', salt: asBufferSource(p.salt), iterations: p.iterations, hash: p.hash },
      base, { name: 'AES-CBC', length: p.aesBits }, false, [usage],
    );
  } catch (e) {
    throw keyImportError(`AES-${p.aesBits}-CBC or PBKDF2 with ${p.hash} is not supported by this runtime's WebCrypto; re-encrypt the key with: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`, e);
  }
}

/**
 * Decrypts a DER EncryptedPrivateKeyInfo with `passphrase` (a string is UTF-8 encoded, as OpenSSL does).
 * @throws ERR_KEY_IMPORT: "a passphrase is needed" when none is given, "wrong passphrase or corrupted key"
 *   when decryption or the inner structure fails, or the unsupported parameter by name.
 */
export async function parseEncryptedPkcs8(der: Uint8Array, passphrase: string | Uint8Array | undefined): Promise<RsaPrivateKeyComponents> {
  const params = parseEncryptedPrivateKeyInfo(der);
  if (passphrase === undefined) throw keyImportError('This private key is encrypted (ENCRYPTED PRIVATE KEY): a passphrase is needed to import it');
  const aesKey = await deriveAesKey(passphrase, params, 'decrypt');
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: asBufferSource(params.iv) }, aesKey, asBufferSource(params.encrypted)));
  } catch {
    throw keyImportError(WRONG_PASSPHRASE);
  }
  try {
    // A wrong passphrase yields valid CBC padding about once in 256 tries: the DER must parse too.
    fromSchema(() => new pkijs.PrivateKeyInfo({ schema: parseDer(plain, what) }), what);
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
export async function encryptPkcs8(pkcs8Der: Uint8Array, passphrase: string | Uint8Array, options: EncryptPkcs8Options = {}): Promise<Uint8Array> {
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const aesKey = await deriveAesKey(passphrase, { salt, iterations, hash: 'SHA-256', aesBits: 256 }, 'encrypt');
  const encrypted = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aesKey, asBufferSource(pkcs8Der)));
  const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: bytes.slice().buffer });
  const algorithm = new asn1js.Sequence({ value: [
    new asn1js.ObjectIdentifier({ value: OID_PBES2 }),
    new asn1js.Sequence({ value: [
      new asn1js.Sequence({ value: [
        new asn1js.ObjectIdentifier({ value: OID_PBKDF2 }),
        new asn1js.Sequence({ value: [
          octets(salt),
          new asn1js.Integer({ value: iterations }),
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID_HMAC_SHA256 }), new asn1js.Null()] }),
        ] }),
      ] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID_AES256_CBC }), octets(iv)] }),
    ] }),
  ] });
  return toDer(new asn1js.Sequence({ value: [algorithm, octets(encrypted)] }));
}
