// Where encryption and decryption run: inline (the calling thread) or elsewhere (a browser Web Worker). The engine
// hands a runner plaintext (bytes or a Blob slice, which a Worker reads itself) and gets back ciphertext with its
// CRC-64 and the plaintext's SHA-256 (the per-part resume check), computed in the same pass; and it hands a runner
// the ciphertext it read and gets back the plaintext with the ciphertext's CRC-64 (and, for a whole read in order,
// the plaintext's MD5/length check), again in one pass.
import type { ContentMaterials, Envelope, Keyring, MultipartMaterial, ReadPolicy } from '@oss-cse/core';
import type { PartSource } from '../source/part-source.js';

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

/** Decrypted bytes and the CRC-64 of the ciphertext they came from. */
export interface DecryptedPiece {
  /** The plaintext (the ciphertext itself for an object stored unencrypted). */
  readonly body: Uint8Array;
  /**
   * CRC-64/XZ (decimal) of the piece's ciphertext; for a piece decrypted `inOrder`, of the whole read's ciphertext
   * up to the end of this piece (after the last piece: the object's, to compare with `x-oss-hash-crc64ecma`).
   */
  readonly crc64: string;
}

/**
 * The decryption of one read of one object. Pieces decrypted with `inOrder` are one whole read from byte 0, piece
 * after piece: their ciphertext makes up the object's CRC-64 (answered with each piece), their plaintext its
 * MD5/length, which `finish` checks before the caller hands any of that plaintext out.
 */
export interface Decipher {
  /**
   * Decrypts `ciphertext` that starts at object offset `offset` (a multiple of 16) and answers the plaintext and the
   * ciphertext's CRC-64, computed in the same pass. The ciphertext is handed over: a runner may decrypt it in place
   * or move it to another thread (the caller must not read it afterwards). With `inOrder` the piece continues the
   * whole read (see {@link Decipher}).
   */
  decrypt(
    offset: number,
    ciphertext: Uint8Array,
    options?: { inOrder?: boolean | undefined; signal?: AbortSignal | undefined },
  ): Promise<DecryptedPiece>;
  /**
   * Feeds plaintext decrypted earlier (out of order), in order from byte 0, to the MD5/length check `finish` makes:
   * a download reads its sink back through it. The bytes are only read.
   */
  verify(plaintext: Uint8Array, options?: { signal?: AbortSignal | undefined }): Promise<void>;
  /**
   * Ends a whole read: when the decipher was opened with `integrity`, ERR_INTEGRITY unless the length and MD5 of the
   * plaintext decrypted `inOrder` (or fed to `verify`) equal what the object recorded.
   */
  finish(): Promise<void>;
  /** Forgets the materials and any state (idempotent). */
  close(): void;
}

/** Options of {@link CipherRunner.openDecipher}. */
export interface DecipherOptions {
  /**
   * The object's recorded plaintext MD5/length (`unencrypted-content-md5` / `-length`, from its envelope) that
   * `finish` checks; leave it out for a range, or when the read policy turns the check off.
   */
  readonly integrity?: Pick<Envelope, 'unencryptedContentMd5' | 'unencryptedContentLength'> | undefined;
  /** Cancels the opening. */
  readonly signal?: AbortSignal | undefined;
}

/** Where encryption and decryption run: inline, or in a Web Worker (`@oss-cse/browser`). */
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
  /**
   * Base64 MD5 of a whole source, read piece by piece (the `unencrypted-content-md5` of a multipart upload): a Blob,
   * or a random-access source (a runner in a Worker reads a Blob there, and gathers other sources into one first).
   */
  md5(source: Blob | PartSource, options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /**
   * The decryption of one read: `materials` opened on the caller's side (a non-extractable CryptoKey and the IV:
   * no key bytes), or null for an object stored unencrypted (its bytes pass through, CRC-64 still computed).
   */
  openDecipher(materials: ContentMaterials | null, options?: DecipherOptions): Promise<Decipher>;
  /** Stops whatever the runner started (a Worker). */
  close?(): void;
}

/** The keyring a runner encrypts with. */
export type RunnerFactory = (keyring: Keyring) => CipherRunner;
