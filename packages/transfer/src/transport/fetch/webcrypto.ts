// The signers' way into the platform's crypto (WebCrypto HMAC: SHA-1 for V1, SHA-256 for V4) and their dates.
// SHA-256 is the engine's (cipher/inline-runner.ts).
import { utf8 } from '@oss-cse/core';

/** UTF-8 bytes typed for WebCrypto (TextEncoder output is always backed by an ArrayBuffer). */
const text = (s: string) => utf8(s) as Uint8Array<ArrayBuffer>;

/**
 * HMAC of the UTF-8 `message` under `key` (UTF-8 text, or raw bytes for V4's derived keys).
 *
 * @example
 * ```ts
 * const mac = await hmac('SHA-1', 'secret', 'GET\n\n\n...');
 * ```
 */
export async function hmac(hash: 'SHA-1' | 'SHA-256', key: string | Uint8Array, message: string): Promise<Uint8Array> {
  const raw = typeof key === 'string' ? text(key) : (key as Uint8Array<ArrayBuffer>);
  const cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, text(message)));
}

/**
 * The two date forms OSS signs: RFC 1123 for V1 (`Tue, 02 Jan 2024 03:04:05 GMT`) and ISO 8601 basic for V4
 * (`20240102T030405Z`).
 *
 * @example
 * ```ts
 * ossDates(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))).iso8601; // '20240102T030405Z'
 * ```
 */
export function ossDates(date: Date): { rfc1123: string; iso8601: string } {
  return {
    rfc1123: date.toUTCString(),
    iso8601: date
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, ''),
  };
}
