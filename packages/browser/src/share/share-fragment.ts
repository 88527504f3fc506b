// The fragment of a share link (the part after `#`, which browsers never send to a server, nor put in Referer):
// what a recipient needs to read one object and nothing else: its presigned GET URL, the bucket and key that URL
// reads, the object's data key and IV (base64url), when the URL expires, and the Content-Type to serve.
import { fromBase64, OssCseError, toBase64 } from '@oss-cse/core';

/** One shared object: where its ciphertext is and its data key and IV (a share link's fragment). */
export interface SharedObject {
  /** Presigned GET URL of the ciphertext. */
  readonly url: string;
  /** The bucket. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /** The object's 32-byte data key. */
  readonly dataKey: Uint8Array;
  /** The object's 16-byte IV (initial counter block). */
  readonly iv: Uint8Array;
  /** When the presigned URL stops working (ms since the epoch). */
  readonly expiresAt: number;
  /** The Content-Type the viewer serves. */
  readonly contentType: string;
  /**
   * The server's CRC-64 of the ciphertext when the link was made (`x-oss-hash-crc64ecma`): a rewrap keeps it, a
   * re-encryption or an overwrite changes it, and the link then refuses the object instead of decrypting garbage.
   */
  readonly crc64?: string | undefined;
}

const VERSION = '1';

const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64url(text: string, what: string, length: number): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4), what);
  if (bytes.length !== length) throw bad(`${what} must be ${length} bytes`);
  return bytes;
}

function bad(message: string): OssCseError {
  return new OssCseError('ERR_INVALID_ARGUMENT', `this share link is damaged or incomplete: ${message}`);
}

/**
 * The fragment (without `#`) of a share link.
 *
 * @example
 * ```ts
 * import { decodeShareFragment, encodeShareFragment } from '@oss-cse/browser';
 * const shared = decodeShareFragment(location.hash);
 * const link = `https://app.example/share.html#${encodeShareFragment(shared)}`;
 * ```
 */
export function encodeShareFragment(s: SharedObject): string {
  if (s.dataKey.length !== 32 || s.iv.length !== 16) throw new RangeError('a share needs a 32-byte key and 16-byte IV');
  return new URLSearchParams({
    v: VERSION,
    u: s.url,
    b: s.bucket,
    o: s.key,
    k: base64url(s.dataKey),
    i: base64url(s.iv),
    e: String(Math.floor(s.expiresAt / 1000)),
    t: s.contentType,
    ...(s.crc64 ? { c: s.crc64 } : {}),
  }).toString();
}

/**
 * Reads a share link's fragment (`location.hash`, with or without `#`).
 * @throws OssCseError ERR_INVALID_ARGUMENT naming what is missing or malformed (never echoing the key).
 *
 * @example
 * ```ts
 * import { decodeShareFragment } from '@oss-cse/browser';
 * const shared = decodeShareFragment(location.hash); // the key material stays in the fragment, never sent
 * ```
 */
export function decodeShareFragment(hash: string): SharedObject {
  const p = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const need = (name: string, what: string) => {
    const value = p.get(name);
    if (!value) throw bad(`it has no ${what}`);
    return value;
  };
  if (need('v', 'version') !== VERSION) throw bad(`version ${p.get('v')} is not supported`);
  const url = need('u', 'object URL');
  if (!/^https?:\/\//i.test(url)) throw bad('the object URL is not an http(s) URL');
  const expires = Number(need('e', 'expiry'));
  const crc64 = p.get('c') ?? undefined;
  if (crc64 !== undefined && !/^\d{1,20}$/.test(crc64)) throw bad('the checksum is not a number');
  if (!Number.isSafeInteger(expires) || expires <= 0) throw bad('the expiry is not a time');
  return {
    url,
    bucket: need('b', 'bucket'),
    key: need('o', 'object key'),
    dataKey: fromBase64url(need('k', 'data key'), 'the data key', 32),
    iv: fromBase64url(need('i', 'IV'), 'the IV', 16),
    expiresAt: expires * 1000,
    contentType: p.get('t') || 'application/octet-stream',
    ...(crc64 ? { crc64 } : {}),
  };
}
