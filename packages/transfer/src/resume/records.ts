// The resume records of the engine, one shape for every store (JSON files, IndexedDB, memory). They hold wrapped
// key material only, never a plaintext data key.
import type { MultipartMaterial } from '@oss-cse/core';
import type { SourceIdentity } from '../source/part-source.js';

export const RECORD_VERSION = 2;

/** A part an upload sent. */
export interface SentPart {
  readonly partNumber: number;
  readonly etag: string;
  /** CRC-64 of the part's ciphertext (decimal). */
  readonly crc64: string;
  /** Plaintext bytes. */
  readonly size: number;
  /** Hex SHA-256 of the part's plaintext, re-checked before a resumed upload trusts the part. */
  readonly sha256: string;
}

export interface UploadRecord {
  readonly version: typeof RECORD_VERSION;
  readonly kind: 'upload';
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partSize: number;
  readonly dataSize: number;
  readonly material: MultipartMaterial;
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
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DownloadRecord {
  readonly version: typeof RECORD_VERSION;
  readonly kind: 'download';
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  /** The ETag every range is pinned to. */
  readonly etag: string;
  readonly size: number;
  readonly partSize: number;
  /** Where the plaintext goes (a path, a name): the sink derives its temporary storage from it. */
  readonly destination: string;
  /** Finished parts: part number → CRC-64 (decimal) of its ciphertext. */
  readonly parts: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

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
