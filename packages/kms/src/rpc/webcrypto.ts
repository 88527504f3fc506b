// The only way into the platform's crypto for the signer: WebCrypto HMAC and SHA-256, plus random nonces.
import { toBase64, toHex, utf8 } from '@oss-cse/core';

/** UTF-8 bytes typed for WebCrypto (TextEncoder output is always backed by an ArrayBuffer). */
const text = (s: string) => utf8(s) as Uint8Array<ArrayBuffer>;

async function hmac(hash: 'SHA-1' | 'SHA-256', key: string, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', text(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, text(message)));
}

/**
 * base64(HMAC-SHA1(key, message)): the V1 signature primitive (the caller appends `&` to the secret).
 *
 * @example
 * ```ts
 * await hmacSha1Base64('secret', 'stringtosign'); // 'OmuTAr79tpI6CRoAdmzKRq5lHs0='
 * ```
 */
export async function hmacSha1Base64(key: string, message: string): Promise<string> {
  return toBase64(await hmac('SHA-1', key, message));
}

/**
 * hex(HMAC-SHA256(key, message)): the ACS3 signature primitive.
 *
 * @example
 * ```ts
 * const sig = await hmacSha256Hex(secret, stringToSign);
 * ```
 */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  return toHex(await hmac('SHA-256', key, message));
}

/**
 * hex(SHA-256(data)), for `x-acs-content-sha256` and the hashed canonical request.
 *
 * @example
 * ```ts
 * await sha256Hex(''); // 'e3b0c442…b855'
 * ```
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? text(data) : (data as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * A fresh 128-bit random nonce as 32 hex characters (`SignatureNonce`, `x-acs-signature-nonce`).
 *
 * @example
 * ```ts
 * randomNonce(); // '3156853299f313e23d1673dc12e1703d'
 * ```
 */
export function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * UTC `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds), the form both signature versions use.
 *
 * @example
 * ```ts
 * popTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))); // '2024-01-02T03:04:05Z'
 * ```
 */
export function popTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
