// Messages between the page and the encryption Worker. Key material never crosses except the data key of
// the upload being encrypted (wrapped/unwrapped by the page's master key, the Worker's only copy in memory).
import type { MasterKey, MaterialDescription, MultipartMaterial, UnwrapContext, WrapAlgorithm } from '@oss-cse/core';

/** What the Worker knows of a master key: enough for core's keyring matching, nothing secret. */
export interface KeyInfo {
  readonly wrapAlgorithm: WrapAlgorithm;
  readonly description: MaterialDescription;
  readonly canUnwrap: boolean;
  readonly generatesDataKeys: boolean;
}

/** Page -> Worker requests. */
export type WorkerRequest =
  | { op: 'openMultipart'; id: number; session: number; key: KeyInfo; dataSize: number; partSize: number }
  | { op: 'resumeMultipart'; id: number; session: number; key: KeyInfo; material: MultipartMaterial }
  | { op: 'encryptPart'; id: number; session: number; partNumber: number; blob: Blob }
  | { op: 'closeMultipart'; id: number; session: number }
  | { op: 'encryptObject'; id: number; key: KeyInfo; blob: Blob; computeMd5: boolean }
  | { op: 'digest'; id: number; blobs: Blob[] }
  | { op: 'md5'; id: number; blob: Blob };

/** Worker -> page calls into the page's master keys. */
export type KeyCall =
  | { op: 'wrap'; id: number; plain: Uint8Array; part: 'key' | 'iv' }
  | { op: 'generateDataKey'; id: number }
  | { op: 'unwrap'; id: number; wrapped: Uint8Array; context: Omit<UnwrapContext, 'signal'>; matdesc: MaterialDescription };

/** A reply to a request or a key call, in either direction. */
export type Reply =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: SerializedError };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly details?: Record<string, unknown> | undefined;
}

export interface OpenedMultipart {
  readonly material: MultipartMaterial;
  readonly initiateHeaders: Record<string, string>;
  readonly partHeaders: Record<string, string>;
}

export interface EncryptedChunk {
  readonly ciphertext: Uint8Array;
  /** CRC-64/XZ of the ciphertext, decimal (what OSS answers in `x-oss-hash-crc64ecma`). */
  readonly crc64: string;
}

export interface EncryptedPart extends EncryptedChunk {
  /** Hex SHA-256 of the part's plaintext: what a resumed upload checks the file's bytes against. */
  readonly plaintextSha256: string;
}

export interface EncryptedObjectResult extends EncryptedChunk {
  readonly headers: Record<string, string>;
}

/** The Worker-side view of a page master key. */
export function keyInfo(key: MasterKey): KeyInfo {
  return {
    wrapAlgorithm: key.wrapAlgorithm,
    description: { ...key.description },
    canUnwrap: key.canUnwrap,
    generatesDataKeys: typeof key.generateDataKey === 'function',
  };
}
