// The two KMS header layouts (docs/format.md §2.5, §8; docs/kms.md §1.5) and oss2's EncryptionContext.
import { fromBase64 } from '@oss-cse/core';

/**
 * - `oss2`: oss2's `AliKMSProvider`: GenerateDataKey + Encrypt with an EncryptionContext, headers hold
 *   base64(CiphertextBlob text) ("double base64").
 * - `sdk`: Go v1, Java v1 and the v2 samples: Encrypt of both values without a context, headers hold the
 *   CiphertextBlob itself ("single base64").
 */
export type KmsLayout = 'oss2' | 'sdk';

/** How to read: detect per object (`auto`), or force one layout. */
export type KmsReadLayout = 'auto' | KmsLayout;

const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The layout of a V2 KMS header from its base64-decoded bytes: printable base64 text that decodes again means
 * oss2 (the bytes are the CiphertextBlob); anything else means the header is the blob (a real blob starts
 * with a 36-character key-version UUID containing `-`, so it never decodes to base64 text).
 *
 * @example
 * ```ts
 * import { fromBase64 } from '@oss-cse/core';
 * import { detectLayout } from '@oss-cse/kms';
 * declare const header: string; // x-oss-meta-client-side-encryption-key
 * detectLayout(fromBase64(header)); // 'oss2' | 'sdk'
 * ```
 */
export function detectLayout(wrapped: Uint8Array): KmsLayout {
  if (wrapped.length === 0 || wrapped.length % 4 !== 0) return 'sdk';
  let text = '';
  for (const b of wrapped) text += String.fromCharCode(b);
  if (!BASE64_TEXT.test(text)) return 'sdk';
  try {
    fromBase64(text);
    return 'oss2';
  } catch {
    return 'sdk';
  }
}

/** ASCII bytes → string (the CiphertextBlob text of an oss2 header). */
export function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

/** string → its ASCII bytes (what an oss2 header base64-encodes). */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e) throw new RangeError('a CiphertextBlob must be ASCII text');
    out[i] = c;
  }
  return out;
}

/**
 * oss2's EncryptionContext: `{"x-passphrase":"<passphrase>"}` by string concatenation (no escaping, exactly
 * like oss2), or `''` without a passphrase (an empty passphrase counts as none, as in Python).
 * @throws RangeError when the concatenation is not a JSON object of strings (oss2 could never have used it).
 *
 * @example
 * ```ts
 * import { oss2EncryptionContext } from '@oss-cse/kms';
 * oss2EncryptionContext('pp'); // '{"x-passphrase":"pp"}'
 * oss2EncryptionContext(undefined); // ''
 * ```
 */
export function oss2EncryptionContext(passphrase: string | undefined): string {
  if (passphrase === undefined || passphrase === '') return '';
  if (typeof passphrase !== 'string') throw new TypeError('"passphrase" expected a string');
  const context = `{"x-passphrase":"${passphrase}"}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(context);
  } catch {
    parsed = undefined;
  }
  const value = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['x-passphrase'] : undefined;
  if (typeof value !== 'string' || Object.keys(parsed as object).length !== 1) {
    throw new RangeError(
      '"passphrase" makes an EncryptionContext that is not valid JSON (oss2 inserts it unescaped: avoid " and stray \\)',
    );
  }
  return context;
}
