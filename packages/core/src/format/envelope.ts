// The envelope: everything an object's headers say about how it was encrypted. Pure data, no crypto.
import type { MaterialDescription, WrapAlgorithm } from '../keys/master-key.js';

/** The CSE format of an object: 2 (`client-side-encryption-*`, current) or 1 (`oss-crypto-*`, read only). */
export type FormatVersion = 1 | 2;

/** An object's client-side-encryption envelope, parsed from (or to be written as) its headers. */
export interface Envelope {
  /** 2 for `x-oss-meta-client-side-encryption-*`, 1 for the deprecated `x-oss-meta-oss-crypto-*` (read only). */
  readonly formatVersion: FormatVersion;
  /** The wrapped data key (base64-decoded `key` header). */
  readonly wrappedKey: Uint8Array;
  /** The wrapped IV (V2) or wrapped decimal counter (V1) (base64-decoded `start` header). */
  readonly wrappedIv: Uint8Array;
  /** The `key` header text exactly as stored. */
  readonly keyHeader: string;
  /** The `start` header text exactly as stored. */
  readonly startHeader: string;
  /** Always AES-256-CTR (V1's `AES/GCM/NoPadding` label is mapped to it). */
  readonly cekAlgorithm: 'AES/CTR/NoPadding';
  /** The wrap algorithm, or undefined when the object does not name one (then the master key's own is used). */
  readonly wrapAlgorithm: WrapAlgorithm | undefined;
  /** The material description, or undefined when absent or empty. */
  readonly matdesc: MaterialDescription | undefined;
  /** The `matdesc` header text exactly as stored, when present. */
  readonly matdescHeader: string | undefined;
  /** Plaintext length, as the writer recorded it. */
  readonly unencryptedContentLength: number | undefined;
  /** Base64 MD5 of the plaintext, as the caller supplied it. */
  readonly unencryptedContentMd5: string | undefined;
  /** Multipart only: total plaintext size. */
  readonly dataSize: number | undefined;
  /** Multipart only: the part size that derived each part's counter. */
  readonly partSize: number | undefined;
}

/** The headers-independent summary of an envelope (no key material), e.g. for `head` and listings. */
export interface EnvelopeSummary {
  /** The format version. */
  formatVersion: FormatVersion;
  /** The content cipher (`AES/CTR/NoPadding`). */
  cekAlgorithm: string;
  /** The wrap algorithm, or null when the object names none. */
  wrapAlgorithm: string | null;
  /** The material description, or null. */
  matdesc: Record<string, string> | null;
  /** Recorded plaintext length, or null. */
  unencryptedContentLength: number | null;
  /** Recorded plaintext MD5 (base64), or null. */
  unencryptedContentMd5: string | null;
  /** Multipart only: total plaintext size, or null. */
  dataSize: number | null;
  /** Multipart only: the part size, or null. */
  partSize: number | null;
}

/**
 * Summarises an envelope without any wrapped or unwrapped key material.
 *
 * @example
 * ```ts
 * import { parseEnvelope, summarizeEnvelope } from '@oss-cse/core';
 * declare const headers: Record<string, string>;
 * const envelope = parseEnvelope(headers);
 * if (envelope) console.log(summarizeEnvelope(envelope)); // no key material, safe to log
 * ```
 */
export function summarizeEnvelope(e: Envelope): EnvelopeSummary {
  return {
    formatVersion: e.formatVersion,
    cekAlgorithm: e.cekAlgorithm,
    wrapAlgorithm: e.wrapAlgorithm ?? null,
    matdesc: e.matdesc ? { ...e.matdesc } : null,
    unencryptedContentLength: e.unencryptedContentLength ?? null,
    unencryptedContentMd5: e.unencryptedContentMd5 ?? null,
    dataSize: e.dataSize ?? null,
    partSize: e.partSize ?? null,
  };
}
