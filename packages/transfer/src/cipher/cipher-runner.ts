// Where encryption runs: inline (the calling thread) or elsewhere (a browser Web Worker). The engine hands a
// runner plaintext (bytes or a Blob slice, which a Worker reads itself) and gets back ciphertext with its CRC-64
// and the plaintext's SHA-256 (the per-part resume check), computed in the same pass.
import type { Keyring, MultipartMaterial, ReadPolicy } from '@oss-cse/core';

/** Plaintext handed to a runner: bytes, or a Blob the runner reads. */
export type Plaintext = Uint8Array | Blob;

/** One encrypted part, with its checksums. */
export interface EncryptedPart {
  /** The ciphertext of the part. */
  readonly body: Uint8Array;
  /** CRC-64/XZ of `body` (decimal), what OSS answers in `x-oss-hash-crc64ecma`. */
  readonly crc64: string;
  /** Hex SHA-256 of the part's plaintext (present unless `encryptPart` was told `sha256: false`). */
  readonly plaintextSha256?: string | undefined;
}

/** A whole object encrypted for one PutObject. */
export interface EncryptedSingle {
  /** The envelope headers for PutObject. */
  readonly headers: Record<string, string>;
  /** The ciphertext. */
  readonly body: Uint8Array;
  /** CRC-64 of `body` (decimal). */
  readonly crc64: string;
}

/** The cipher of one multipart upload (one data key and IV; each part encrypted once). */
export interface MultipartCipher {
  /** Wrapped key material for the resume record (never a plaintext key). */
  readonly material: MultipartMaterial;
  /** The envelope headers for InitiateMultipartUpload. */
  readonly initiateHeaders: Readonly<Record<string, string>>;
  /** The envelope headers every UploadPart repeats. */
  readonly partHeaders: Readonly<Record<string, string>>;
  /**
   * Encrypts part `partNumber` (each part once). With `inPlace`, bytes handed in may be overwritten with their
   * ciphertext (a runner that encrypts elsewhere ignores it): the caller owns them and reads only `body` afterwards.
   * With `sha256: false` the runner may skip the plaintext's SHA-256 (nobody records it).
   */
  encryptPart(
    partNumber: number,
    plaintext: Plaintext,
    options?: { inPlace?: boolean | undefined; sha256?: boolean | undefined },
  ): Promise<EncryptedPart>;
  /** Forgets the data key. */
  close(): Promise<void>;
}

/** Where encryption runs: inline, or in a Web Worker (`@oss-cse/browser`). */
export interface CipherRunner {
  /**
   * Encrypts a whole object for one PutObject with a fresh data key and IV. With `computeMd5` the plaintext's
   * MD5 and length are recorded (`unencrypted-content-md5` / `-length`) so every full read verifies them.
   */
  encryptObject(
    plaintext: Plaintext,
    options: { computeMd5: boolean; signal?: AbortSignal | undefined },
  ): Promise<EncryptedSingle>;
  /** A new multipart upload's cipher: fresh data key and IV. */
  openMultipart(options: {
    dataSize: number;
    partSize: number;
    signal?: AbortSignal | undefined;
  }): Promise<MultipartCipher>;
  /** Continues an upload from its wrapped material (one unwrap). */
  resumeMultipart(
    material: MultipartMaterial,
    options: { policy?: ReadPolicy | undefined; signal?: AbortSignal | undefined },
  ): Promise<MultipartCipher>;
  /** Hex SHA-256 of plaintext (re-checking the parts a resumed upload already sent). */
  digest(plaintext: Plaintext): Promise<string>;
  /** Base64 MD5 of a whole Blob, read piece by piece (the `unencrypted-content-md5` of a multipart upload). */
  md5(blob: Blob, options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /** Stops whatever the runner started (a Worker). */
  close?(): void;
}

/** The keyring a runner encrypts with. */
export type RunnerFactory = (keyring: Keyring) => CipherRunner;
