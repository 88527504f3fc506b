// The resume records of the engine, one shape for every store (JSON files, IndexedDB, memory). They hold wrapped
// key material only, never a plaintext data key.
import type { MultipartMaterial } from '@oss-cse/core';
import type { SourceIdentity } from '../source/part-source.js';

/** Version of the record shape; stores ignore records of another version. */
export const RECORD_VERSION = 2;

/** A part an upload sent. */
export interface SentPart {
  /** 1-based part number. */
  readonly partNumber: number;
  /** The ETag UploadPart returned. */
  readonly etag: string;
  /** CRC-64 of the part's ciphertext (decimal). */
  readonly crc64: string;
  /** Plaintext bytes. */
  readonly size: number;
  /**
   * Hex SHA-256 of the part's plaintext, re-checked before a resumed upload trusts the part (always in a record;
   * `uploadPart` computes it only for a `beforeSend` that notes it).
   */
  readonly sha256?: string | undefined;
}

/** The resume record of a multipart upload: wrapped key material and the parts sent, never a plaintext key. */
export interface UploadRecord {
  /** The record shape version. */
  readonly version: typeof RECORD_VERSION;
  /** Discriminates upload and download records. */
  readonly kind: 'upload';
  /** The record id ({@link recordId}). */
  readonly id: string;
  /** The bucket. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /** The multipart upload id on the server. */
  readonly uploadId: string;
  /** Plaintext bytes per part (all but the last). */
  readonly partSize: number;
  /** Plaintext bytes of the whole object. */
  readonly dataSize: number;
  /** The wrapped data key and IV, algorithms and description. */
  readonly material: MultipartMaterial;
  /** The source the upload reads: a resumed run must find the same one. */
  readonly source: SourceIdentity;
  /**
   * Every part encrypted for sending, recorded before its request goes out (so a part whose answer never came is
   * covered too): part number → hex SHA-256 of its plaintext.
   */
  readonly sent: Readonly<Record<string, string>>;
  /** Parts the server confirmed. */
  readonly parts: readonly SentPart[];
  /** With `computeMd5`: the plaintext MD5 (base64) recorded at Initiate, which the source must still have. */
  readonly plaintextMd5?: string | undefined;
  /** When the record was created (ms since the epoch). */
  readonly createdAt: number;
  /** When the record last changed (ms since the epoch). */
  readonly updatedAt: number;
}

/** The resume record of a download into a sink: the object version and the parts written. */
export interface DownloadRecord {
  /** The record shape version. */
  readonly version: typeof RECORD_VERSION;
  /** Discriminates upload and download records. */
  readonly kind: 'download';
  /** The record id ({@link recordId}). */
  readonly id: string;
  /** The bucket. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /** The ETag every range is pinned to. */
  readonly etag: string;
  /** Plaintext bytes of the object. */
  readonly size: number;
  /** Bytes per ranged GET. */
  readonly partSize: number;
  /** Where the plaintext goes (a path, a name): the sink derives its temporary storage from it. */
  readonly destination: string;
  /** Finished parts: part number → CRC-64 (decimal) of its ciphertext. */
  readonly parts: Readonly<Record<string, string>>;
  /** When the record was created (ms since the epoch). */
  readonly createdAt: number;
  /** When the record last changed (ms since the epoch). */
  readonly updatedAt: number;
}

/** A resume record of either kind. */
export type ResumeRecord = UploadRecord | DownloadRecord;

/**
 * The id of a transfer's record: the same transfer of the same data gets the same id.
 *
 * @example
 * ```ts
 * import { recordId } from '@oss-cse/transfer';
 * const id = recordId('upload', 'photos', 'a.jpg', '/home/alice/a.jpg');
 * ```
 */
export function recordId(kind: ResumeRecord['kind'], bucket: string, key: string, name: string): string {
  return `${kind}\n${bucket}\n${key}\n${name}`;
}
