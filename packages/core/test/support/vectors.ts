// Typed access to the conformance vectors for the shared (Node + Chromium) suites.
import { loadVector } from '@oss-cse/test-vectors';
import { fromBase64, toHex } from '../../src/util/bytes.js';

export interface KeyForms {
  modulus_bits: number;
  private_key_pkcs1_pem: string;
  private_key_pkcs8_pem: string;
  public_key_pkcs1_pem: string;
  public_key_spki_pem: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body_len: number;
  body_sha256: string;
}

export interface RangedCheck {
  user_byte_range: [number | null, number | null];
  range_header_sent: string | null;
  response_content_range: string | null;
  ok: boolean;
  returned_len: number;
}

export interface PutVector {
  name: string;
  keys: KeyForms | null;
  plaintext_len: number;
  plaintext_b64: string;
  plaintext_sha256: string;
  put_request: RequestRecord;
  stored_object_metadata: Record<string, string>;
  ciphertext_b64: string;
  ciphertext_sha256: string;
  server_crc64ecma_of_ciphertext: string;
  unwrapped_by_oss2_provider: { cek_hex: string; iv_hex: string };
  oss2_ranged_get_checks?: RangedCheck[];
}

export interface MultipartVector {
  keys: KeyForms;
  data_size: number;
  part_size: number;
  plaintext_b64: string;
  plaintext_sha256: string;
  initiate_request: RequestRecord;
  parts: Array<{
    part_number: number;
    plaintext_offset: number;
    plaintext_len: number;
    counter_block_offset: number;
    request: RequestRecord;
    ciphertext_b64: string;
    ciphertext_sha256: string;
  }>;
  complete_request: RequestRecord & { body_text: string };
  stored_object_metadata: Record<string, string>;
  object_ciphertext_sha256: string;
  unwrapped_by_oss2_provider: { cek_hex: string; iv_hex: string };
  oss2_ranged_get_checks: RangedCheck[];
}

export interface FixedVector {
  name: string;
  headers: Record<string, string>;
  optional_matdesc_seen_in_java_test?: string | null;
  decrypted: { cek_hex: string; iv_hex?: string; counter_block_hex?: string; start_plaintext_ascii?: string };
  plaintext_len: number;
  plaintext_sha256: string;
  plaintext_b64?: string;
  ciphertext_b64: string;
  ciphertext_sha256: string;
}

export type Rsa1024Pair = KeyForms;

export const PUT_RSA_VECTORS = [
  'put-rsa-pkcs1v15-empty',
  'put-rsa-pkcs1v15-1-byte',
  'put-rsa-pkcs1v15-15-bytes',
  'put-rsa-pkcs1v15-16-bytes',
  'put-rsa-pkcs1v15-17-bytes',
  'put-rsa-pkcs1v15-with-md5-length-matdesc',
  'put-localrsa-oaep-sha1-17-bytes',
] as const;

export const FOREIGN_V2_VECTORS = [
  'v2-rsa-written-by-cpp-sdk',
  'v2-rsa-written-by-go-sdk',
  'v2-rsa-written-by-python-oss2',
] as const;

export const putVector = (name: string) => loadVector<PutVector>('oss2-generated', name);
export const multipartVector = () => loadVector<MultipartVector>('oss2-generated', 'multipart-rsa-pkcs1v15-3parts');
export const fixedVector = (name: string) => loadVector<FixedVector>('fixed-from-sdk-tests', name);
export const rsa1024 = () => loadVector<Rsa1024Pair>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');

export const b64 = (s: string) => fromBase64(s);

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** The plaintext a fixed vector describes: stored as base64, or V1's 1 MiB of `a`. */
export function fixedPlaintext(v: FixedVector): Uint8Array {
  return v.plaintext_b64 !== undefined ? fromBase64(v.plaintext_b64) : new Uint8Array(v.plaintext_len).fill(0x61);
}

/** Lower-cased CSE headers of a request record. */
export function cseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase().startsWith('x-oss-meta-client-side-encryption-')) out[k.toLowerCase()] = v;
  return out;
}

/** Fast byte equality for large arrays (deep equality of 1 MiB arrays is slow), with a readable failure. */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

/** Deterministic pseudo-random bytes of any length (getRandomValues caps at 64 KiB). */
export function patternBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}
