// User metadata and object facts read from response headers.
import { ALL_CSE_HEADER_NAMES, OssCseError, parseEnvelope, summarizeEnvelope, type Envelope, type EnvelopeSummary } from '@oss-cse/core';
import type { ResponseHeaders } from '../transport/object-transport.js';

const META_PREFIX = 'x-oss-meta-';
const CSE_NAMES = new Set(ALL_CSE_HEADER_NAMES.map((n) => n.toLowerCase()));
/** Standard headers kept as they are when an object is rewritten. */
export const CARRIED_HEADERS = ['content-type', 'content-disposition', 'content-encoding', 'cache-control', 'expires'] as const;

/** What `head` tells about an object, without downloading or unwrapping anything. */
export interface ObjectInfo {
  readonly key: string;
  /** Stored size (ciphertext = plaintext size). */
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string | null;
  readonly contentType: string | null;
  /** The server's `x-oss-hash-crc64ecma` of the stored bytes. */
  readonly crc64: string | null;
  readonly encrypted: boolean;
  /** The envelope summary (format version, algorithms, matdesc, sizes); null for a plaintext object. */
  readonly envelope: EnvelopeSummary | null;
  /** User metadata other than the encryption headers, names without `x-oss-meta-`. */
  readonly metadata: Readonly<Record<string, string>>;
}

export function objectInfo(key: string, headers: ResponseHeaders): ObjectInfo & { readonly parsed: Envelope | null } {
  const parsed = parseEnvelope(headers);
  return {
    key,
    size: Number(headers['content-length'] ?? 0),
    etag: headers['etag'] ?? '',
    lastModified: headers['last-modified'] ?? null,
    contentType: headers['content-type'] ?? null,
    crc64: headers['x-oss-hash-crc64ecma'] ?? null,
    encrypted: parsed !== null,
    envelope: parsed ? summarizeEnvelope(parsed) : null,
    metadata: userMetadata(headers),
    parsed,
  };
}

/** `x-oss-meta-*` headers that are not encryption headers, prefix stripped. */
export function userMetadata(headers: ResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (n.startsWith(META_PREFIX) && !CSE_NAMES.has(n)) out[n.slice(META_PREFIX.length)] = value;
  }
  return out;
}

/** Request headers for user metadata and a content type; encryption header names are refused. */
export function requestHeaders(options: { metadata?: Record<string, string> | undefined; contentType?: string | undefined }): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    const full = `${META_PREFIX}${name.toLowerCase()}`;
    /* Precondition: user metadata cannot forge or override the envelope. */
    if (CSE_NAMES.has(full) || !/^[a-z0-9-]+$/.test(name.toLowerCase())) {
      throw new OssCseError('ERR_INVALID_ARGUMENT', `metadata name "${name}" is not allowed (letters, digits and "-", and not an encryption header)`);
    }
    h[full] = String(value);
  }
  h['Content-Type'] = options.contentType ?? 'application/octet-stream';
  return h;
}

/** The headers to carry over when an object is rewritten (user metadata and standard headers). */
export function carriedHeaders(headers: ResponseHeaders): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [name, value] of Object.entries(userMetadata(headers))) h[`${META_PREFIX}${name}`] = value;
  for (const name of CARRIED_HEADERS) if (headers[name] !== undefined) h[name] = headers[name]!;
  return h;
}
