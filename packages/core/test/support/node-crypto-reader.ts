// An independent reader of stored objects for Node-only cross-checks: node:crypto alone (raw RSA with our own
// PKCS#1 v1.5 unpad, or OAEP-SHA1; aes-256-ctr with the counter advanced by the block offset) and headers read
// by their names in docs/format.md §1. It imports nothing from core, so a bug shared by our writer and our reader
// cannot hide here.
import { constants, createDecipheriv, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';

const V2 = 'x-oss-meta-client-side-encryption-';
const OAEP = 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding';
const PKCS1 = 'RSA/NONE/PKCS1Padding';

/** A header by name, whatever its case (HTTP headers are case-insensitive). */
export function header(headers: Record<string, unknown>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return String(v);
  return undefined;
}

function required(headers: Record<string, unknown>, name: string): string {
  const v = header(headers, name);
  if (v === undefined) throw new Error(`independent reader: header ${name} is missing`);
  return v;
}

/** EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2): 0x00 0x02 PS(>= 8 non-zero bytes) 0x00 M. */
export function pkcs1v15Unpad(em: Buffer): Buffer {
  if (em[0] !== 0 || em[1] !== 2) throw new Error('independent reader: not an EME-PKCS1-v1_5 block');
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw new Error('independent reader: PKCS#1 v1.5 padding string shorter than 8 bytes');
  return em.subarray(sep + 1);
}

/** Unwraps one base64 header value with the RSA private key, as `wrapAlg` names. */
export function rsaUnwrap(key: KeyObject | string, base64: string, wrapAlg: string): Buffer {
  const priv = typeof key === 'string' ? createPrivateKey(key) : key;
  const c = Buffer.from(base64, 'base64');
  if (wrapAlg === OAEP)
    return privateDecrypt({ key: priv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, c);
  if (wrapAlg === PKCS1) return pkcs1v15Unpad(privateDecrypt({ key: priv, padding: constants.RSA_NO_PADDING }, c));
  throw new Error(`independent reader: wrap algorithm ${wrapAlg} is not RSA`);
}

/** The counter block of byte `offset` (a multiple of 16): (IV + offset/16) mod 2^128, big-endian. */
export function counterAt(iv: Uint8Array, offset: number | bigint): Buffer {
  const blocks = BigInt(offset) / 16n;
  if (BigInt(offset) % 16n !== 0n) throw new Error('independent reader: offset is not 16-aligned');
  const value = (BigInt(`0x${Buffer.from(iv).toString('hex')}`) + blocks) % (1n << 128n);
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

/** AES-256-CTR (encrypt = decrypt) of `data` that starts at object byte `offset`, by node:crypto. */
export function ctrAt(cek: Uint8Array, iv: Uint8Array, offset: number | bigint, data: Uint8Array): Buffer {
  const d = createDecipheriv('aes-256-ctr', cek, counterAt(iv, offset));
  return Buffer.concat([d.update(data), d.final()]);
}

export interface IndependentReading {
  readonly plaintext: Buffer;
  readonly cek: Buffer;
  readonly iv: Buffer;
  readonly wrapAlg: string;
}

/**
 * Decrypts a whole stored V2 object (its bytes and response headers) with the RSA private key: unwraps `key`
 * and `start`, checks `cek-alg`, then aes-256-ctr from the IV.
 */
export function independentDecrypt(
  stored: { headers: Record<string, unknown>; ciphertext: Uint8Array },
  privateKey: KeyObject | string,
): IndependentReading {
  const cekAlg = header(stored.headers, `${V2}cek-alg`);
  if (cekAlg !== undefined && cekAlg !== 'AES/CTR/NoPadding') throw new Error(`independent reader: cek-alg ${cekAlg}`);
  const wrapAlg = required(stored.headers, `${V2}wrap-alg`);
  const cek = rsaUnwrap(privateKey, required(stored.headers, `${V2}key`), wrapAlg);
  const iv = rsaUnwrap(privateKey, required(stored.headers, `${V2}start`), wrapAlg);
  if (cek.length !== 32 || iv.length !== 16)
    throw new Error(`independent reader: unwrapped ${cek.length}-byte key and ${iv.length}-byte IV`);
  return { plaintext: ctrAt(cek, iv, 0, stored.ciphertext), cek, iv, wrapAlg };
}
