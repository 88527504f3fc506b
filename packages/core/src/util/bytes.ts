// Byte helpers: strict standard base64 (RFC 4648, padded), hex, UTF-8, concatenation. No Node Buffer.
import { OssCseError } from '../errors.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_SHAPE = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard padded base64 of `bytes`.
 *
 * @example
 * ```ts
 * import { toBase64 } from '@oss-cse/core';
 * toBase64(new Uint8Array([1, 2, 3])); // 'AQID'
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x6000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x6000) as unknown as number[]);
  }
  return btoa(binary);
}

/**
 * Decodes strict standard base64 (padded, `+/`, no whitespace, canonical padding bits).
 * @throws OssCseError ERR_BAD_BASE64 naming `what` when the text is not valid base64.
 *
 * @example
 * ```ts
 * import { fromBase64 } from '@oss-cse/core';
 * fromBase64('AQID'); // Uint8Array [1, 2, 3]
 * ```
 */
export function fromBase64(text: string, what = 'value'): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !B64_SHAPE.test(text)) {
    throw new OssCseError('ERR_BAD_BASE64', `${what} is not valid base64`);
  }
  // Canonical: the bits that padding drops must be zero, so one value has one spelling.
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    const last = B64.indexOf(text[text.length - pad - 1]!);
    if ((pad === 2 && (last & 15) !== 0) || (pad === 1 && (last & 3) !== 0)) {
      throw new OssCseError('ERR_BAD_BASE64', `${what} is not valid base64`);
    }
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** True when `text` is non-empty strict standard base64. */
export function isBase64(text: string): boolean {
  if (text.length === 0) return false;
  try {
    fromBase64(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lower-case hex of `bytes`.
 *
 * @example
 * ```ts
 * import { toHex } from '@oss-cse/core';
 * toHex(new Uint8Array([0, 255])); // '00ff'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Decodes hex (even length, `0-9a-fA-F`); throws ERR_INVALID_ARGUMENT otherwise.
 *
 * @example
 * ```ts
 * import { fromHex } from '@oss-cse/core';
 * fromHex('00ff'); // Uint8Array [0, 255]
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'invalid hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
/**
 * The UTF-8 bytes of a string.
 *
 * @example
 * ```ts
 * import { utf8 } from '@oss-cse/core';
 * utf8('hé'); // Uint8Array [104, 195, 169]
 * ```
 */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
/**
 * The string of UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { fromUtf8 } from '@oss-cse/core';
 * fromUtf8(new Uint8Array([104, 195, 169])); // 'hé'
 * ```
 */
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

/**
 * One array holding `parts` one after the other.
 *
 * @example
 * ```ts
 * import { concatBytes } from '@oss-cse/core';
 * concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]); // Uint8Array [1, 2, 3]
 * ```
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Constant-time equality of two byte arrays of equal length (false on different lengths). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Overwrites a buffer holding secret bytes. */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** A Uint8Array backed by a plain ArrayBuffer, as WebCrypto's BufferSource typing wants. */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return (bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes)) as Uint8Array<ArrayBuffer>;
}
