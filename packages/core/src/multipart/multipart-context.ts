// The crypto side of one encrypted multipart upload, like oss2's MultipartUploadCryptoContext but unwrapping
// the data key once per upload (not once per part) and refusing to reuse a counter.
import { OssCseError } from '../errors.js';
import type { ContentCipher } from '../cipher/content-cipher.js';
import { envelopeHeaders, type EnvelopeHeaderInput } from '../format/serialize-envelope.js';
import { checkMatdesc, serializeMatdesc } from '../format/matdesc.js';
import { V2_HEADERS } from '../format/header-names.js';
import type { MasterKey, WrapAlgorithm } from '../keys/master-key.js';
import type { Keyring } from '../keyring/keyring.js';
import { createEnvelope } from '../materials/new-envelope.js';
import { planMultipart, type MultipartPlan } from '../plan/multipart.js';
import { toBase64 } from '../util/bytes.js';
import type { ReadPolicy } from '../policy/read-policy.js';

/**
 * What a checkpoint keeps of an upload's crypto: wrapped key and IV only (never the plaintext key), in the
 * shape of oss2's `content_crypto_material` plus the sizes.
 */
export interface MultipartMaterial {
  /** The wrap algorithm. */
  readonly wrapAlg: WrapAlgorithm;
  /** The content cipher. */
  readonly cekAlg: 'AES/CTR/NoPadding';
  /** base64 of the wrapped data key = the `key` header. */
  readonly encryptedKey: string;
  /** base64 of the wrapped IV = the `start` header. */
  readonly encryptedIv: string;
  /** The material description, or null. */
  readonly matDesc: Record<string, string> | null;
  /** Plaintext bytes in all. */
  readonly dataSize: number;
  /** Bytes per part. */
  readonly partSize: number;
}

/**
 * @example
 * ```ts
 * import { MultipartEncryptionContext, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, file: Blob, firstPartPlaintext: Uint8Array;
 * const ctx = await MultipartEncryptionContext.create({ keyring, dataSize: file.size });
 * const initiateHeaders = ctx.initiateHeaders(); // send with InitiateMultipartUpload
 * const body = await ctx.encryptPart(1, firstPartPlaintext); // the body of UploadPart 1
 * ```
 */
export class MultipartEncryptionContext {
  /** The parts of the upload. */
  readonly plan: MultipartPlan;
  /** The wrapped material, as the resume record stores it. */
  readonly material: MultipartMaterial;
  readonly #cipher: ContentCipher;
  readonly #wrapped: EnvelopeHeaderInput;

  private constructor(plan: MultipartPlan, wrapped: EnvelopeHeaderInput, cipher: ContentCipher) {
    this.plan = plan;
    this.#wrapped = wrapped;
    this.#cipher = cipher;
    this.material = Object.freeze({
      wrapAlg: wrapped.wrapAlgorithm,
      cekAlg: 'AES/CTR/NoPadding',
      encryptedKey: toBase64(wrapped.wrappedKey),
      encryptedIv: toBase64(wrapped.wrappedIv),
      matDesc: wrapped.matdesc && Object.keys(wrapped.matdesc).length ? { ...wrapped.matdesc } : null,
      dataSize: plan.dataSize,
      partSize: plan.partSize,
    });
  }

  /** A new upload: fresh data key and IV, part size checked (or chosen like oss2). */
  static async create(options: {
    keyring: Keyring | MasterKey;
    dataSize: number;
    partSize?: number | undefined;
    masterKey?: MasterKey | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<MultipartEncryptionContext> {
    const plan = planMultipart({ dataSize: options.dataSize, partSize: options.partSize });
    const { cipher, wrapped } = await createEnvelope(options);
    return new MultipartEncryptionContext(plan, wrapped, cipher);
  }

  /** Resumes an upload from its checkpointed material: one unwrap for the whole upload. */
  static async resume(options: {
    keyring: Keyring | MasterKey;
    material: MultipartMaterial;
    policy?: ReadPolicy | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<MultipartEncryptionContext> {
    const m = options.material;
    const plan = planMultipart({ dataSize: m.dataSize, partSize: m.partSize });
    const matdesc = m.matDesc ? checkMatdesc(m.matDesc, 'material.matDesc') : undefined;
    // Loaded with import() by a resume only: a Worker that encrypts new uploads does not carry the envelope reader.
    const [{ parseEnvelope }, { openEnvelope }] = await Promise.all([
      import('../format/parse-envelope.js'),
      import('../materials/open-envelope.js'),
    ]);
    const envelope = parseEnvelope({
      [V2_HEADERS.key]: m.encryptedKey,
      [V2_HEADERS.start]: m.encryptedIv,
      [V2_HEADERS.cekAlg]: m.cekAlg,
      [V2_HEADERS.wrapAlg]: m.wrapAlg,
      [V2_HEADERS.matdesc]: serializeMatdesc(matdesc),
    });
    if (!envelope?.wrapAlgorithm) throw new OssCseError('ERR_INVALID_ARGUMENT', 'material names no wrap algorithm');
    const cipher = await openEnvelope({ ...options, envelope, forEncryption: true });
    const wrapped = {
      wrappedKey: envelope.wrappedKey,
      wrappedIv: envelope.wrappedIv,
      wrapAlgorithm: envelope.wrapAlgorithm,
      matdesc,
    };
    return new MultipartEncryptionContext(plan, wrapped, cipher);
  }

  /** Headers for InitiateMultipartUpload. */
  initiateHeaders(): Record<string, string> {
    return envelopeHeaders(this.#wrapped, {
      operation: 'initiate-multipart',
      dataSize: this.plan.dataSize,
      partSize: this.plan.partSize,
    });
  }

  /** Headers for every UploadPart: the same set as Initiate (same key and start). */
  partHeaders(): Record<string, string> {
    return envelopeHeaders(this.#wrapped, {
      operation: 'upload-part',
      dataSize: this.plan.dataSize,
      partSize: this.plan.partSize,
    });
  }

  /**
   * Encrypts part `partNumber`; its plaintext must be exactly the planned length. Each part can be encrypted
   * once per context (keep the ciphertext to retry an upload). With `inPlace` the ciphertext overwrites
   * `plaintext` (a buffer the caller owns and reuses) instead of filling a new one.
   */
  async encryptPart(
    partNumber: number,
    plaintext: Uint8Array,
    options: { inPlace?: boolean | undefined } = {},
  ): Promise<Uint8Array> {
    const part = this.plan.part(partNumber);
    if (plaintext.length !== part.length) {
      throw new OssCseError(
        'ERR_INVALID_PART_SIZE',
        `part ${partNumber} must be ${part.length} bytes (part size ${this.plan.partSize}, data size ${this.plan.dataSize}), got ${plaintext.length}`,
      );
    }
    return this.#cipher.encryptAt(part.offset, plaintext, options);
  }
}
