// Object facts read from response headers, and the request headers of user metadata.
import {
  ALL_CSE_HEADER_NAMES,
  OssCseError,
  parseEnvelope,
  summarizeEnvelope,
  type Envelope,
  type EnvelopeSummary,
} from '@oss-cse/core';
import type { ResponseHeaders } from '../transport/object-transport.js';

const META_PREFIX = 'x-oss-meta-';
const CSE_NAMES: ReadonlySet<string> = new Set(ALL_CSE_HEADER_NAMES.map((n) => n.toLowerCase()));
/** Standard headers kept as they are when an object is rewritten. */
export const CARRIED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-encoding',
  'cache-control',
  'expires',
] as const;

/** What `head` tells about an object, without downloading or unwrapping anything. */
export interface ObjectInfo {
  /** The object key. */
  readonly key: string;
  /** Stored size (ciphertext size = plaintext size). */
  readonly size: number;
  /** The quoted ETag. */
  readonly etag: string;
  /** `Last-Modified` as the server sent it, or null. */
  readonly lastModified: string | null;
  /** `Content-Type`, or null. */
  readonly contentType: string | null;
  /** The server's `x-oss-hash-crc64ecma` of the stored bytes. */
  readonly crc64: string | null;
  /** True when the object carries client-side-encryption headers. */
  readonly encrypted: boolean;
  /** The envelope summary (format version, algorithms, matdesc, sizes); null for a plaintext object. */
  readonly envelope: EnvelopeSummary | null;
  /** User metadata other than the encryption headers, names without `x-oss-meta-`. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** ObjectInfo plus the parsed envelope (internal: the verbs need the wrapped material). */
export interface ObjectFacts extends ObjectInfo {
  readonly parsed: Envelope | null;
  readonly headers: ResponseHeaders;
}

/**
 * Reads a HEAD (or GET) answer; `size` from Content-Range's total when the answer was ranged.
 *
 * @example
 * ```ts
 * import { objectFacts, publicInfo, type ResponseHeaders } from '@oss-cse/transfer';
 * declare const headers: ResponseHeaders; // of a HEAD answer
 * const facts = objectFacts('a.jpg', headers);
 * facts.encrypted; // true when the object has CSE headers
 * ```
 */
export function objectFacts(key: string, headers: ResponseHeaders): ObjectFacts {
  const parsed = parseEnvelope(headers);
  const total = /\/(\d+)\s*$/.exec(headers['content-range'] ?? '');
  return {
    key,
    size: Number(total ? total[1] : (headers['content-length'] ?? 0)),
    etag: headers['etag'] ?? '',
    lastModified: headers['last-modified'] ?? null,
    contentType: headers['content-type'] ?? null,
    crc64: headers['x-oss-hash-crc64ecma'] ?? null,
    encrypted: parsed !== null,
    envelope: parsed ? summarizeEnvelope(parsed) : null,
    metadata: userMetadata(headers),
    parsed,
    headers,
  };
}

/**
 * The public part of the facts `objectFacts` read: the {@link ObjectInfo} that `head` returns.
 *
 * @example
 * ```ts
 * import { objectFacts, publicInfo, type ResponseHeaders } from '@oss-cse/transfer';
 * declare const headers: ResponseHeaders;
 * const info = publicInfo(objectFacts('a.jpg', headers)); // without the parsed envelope and the raw headers
 * ```
 */
export function publicInfo(facts: ObjectFacts): ObjectInfo {
  const { parsed: _parsed, headers: _headers, ...info } = facts;
  return info;
}

/**
 * `x-oss-meta-*` headers that are not encryption headers, prefix stripped.
 *
 * @example
 * ```ts
 * import { userMetadata } from '@oss-cse/transfer';
 * userMetadata({ 'x-oss-meta-owner': 'alice', 'x-oss-meta-client-side-encryption-key': '…' }); // { owner: 'alice' }
 * ```
 */
export function userMetadata(headers: ResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (n.startsWith(META_PREFIX) && !CSE_NAMES.has(n)) out[n.slice(META_PREFIX.length)] = value;
  }
  return out;
}

/** Options that become request headers of a new object. */
export interface ObjectHeaderOptions {
  /** User metadata (`x-oss-meta-<name>`); names of letters, digits and `-`, never encryption headers. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  /** Content-Type stored with the object (default application/octet-stream; never guessed from the key). */
  readonly contentType?: string | undefined;
}

/**
 * Request headers for user metadata and a content type; encryption header names are refused.
 *
 * @example
 * ```ts
 * import { requestHeaders } from '@oss-cse/transfer';
 * requestHeaders({ metadata: { owner: 'alice' }, contentType: 'image/jpeg' });
 * // { 'x-oss-meta-owner': 'alice', 'content-type': 'image/jpeg' }
 * ```
 */
export function requestHeaders(options: ObjectHeaderOptions): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    const full = `${META_PREFIX}${name.toLowerCase()}`;
    /* Precondition: user metadata cannot forge or override the envelope. */
    if (CSE_NAMES.has(full) || !/^[a-z0-9-]+$/.test(name.toLowerCase())) {
      throw new OssCseError(
        'ERR_INVALID_ARGUMENT',
        `metadata name "${name}" is not allowed (letters, digits and "-", and not an encryption header)`,
      );
    }
    h[full] = String(value);
  }
  h['content-type'] = options.contentType ?? 'application/octet-stream';
  return h;
}

/** The headers to carry over when an object is rewritten (user metadata and standard headers). */
export function carriedHeaders(headers: ResponseHeaders): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [name, value] of Object.entries(userMetadata(headers))) h[`${META_PREFIX}${name}`] = value;
  for (const name of CARRIED_HEADERS) if (headers[name] !== undefined) h[name] = headers[name]!;
  return h;
}
