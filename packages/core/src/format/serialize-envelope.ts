// Envelope out as headers for PutObject, InitiateMultipartUpload and UploadPart (docs/format.md §1.1, §5.3).
import { OssCseError } from '../errors.js';
import { toBase64 } from '../util/bytes.js';
import { assertSize } from '../util/assert.js';
import type { MaterialDescription, WrapAlgorithm } from '../keys/master-key.js';
import { CEK_AES_CTR, V2_HEADERS } from './header-names.js';
import { serializeMatdesc } from './matdesc.js';

/** What a new V2 object's headers are made of. */
export interface EnvelopeHeaderInput {
  /** The wrapped data key. */
  readonly wrappedKey: Uint8Array;
  /** The wrapped IV. */
  readonly wrappedIv: Uint8Array;
  /** The wrap algorithm used. */
  readonly wrapAlgorithm: WrapAlgorithm;
  /** The master key's material description. */
  readonly matdesc?: MaterialDescription | undefined;
  /** Plaintext length to record (oss2 writes it when the caller passed Content-Length). */
  readonly unencryptedContentLength?: number | undefined;
  /** Base64 MD5 of the plaintext to record (oss2 writes the caller's Content-MD5 here). */
  readonly unencryptedContentMd5?: string | undefined;
}

/** The request the headers are for; multipart requests also name the data and part sizes. */
export type EnvelopeHeaderTarget =
  | { readonly operation: 'put' }
  | { readonly operation: 'initiate-multipart' | 'upload-part'; readonly dataSize: number; readonly partSize: number };

/**
 * The `x-oss-meta-client-side-encryption-*` headers for one request. UploadPart repeats Initiate's set with
 * the same `key`/`start` (never a per-part IV), as oss2, Go, C++ and the v2 SDKs do.
 *
 * @example
 * ```ts
 * import { envelopeHeaders, WRAP_RSA_PKCS1 } from '@oss-cse/core';
 * declare const wrappedKey: Uint8Array, wrappedIv: Uint8Array;
 * const h = envelopeHeaders({ wrappedKey, wrappedIv, wrapAlgorithm: WRAP_RSA_PKCS1 }, { operation: 'put' });
 * ```
 */
export function envelopeHeaders(input: EnvelopeHeaderInput, target: EnvelopeHeaderTarget): Record<string, string> {
  if ((input.wrapAlgorithm as string).toLowerCase() === 'rsa') {
    // OSS requires magic-number-hmac for `rsa` and no SDK writes it (docs/format.md §1.1).
    throw new OssCseError('ERR_UNSUPPORTED_WRAP_ALG', 'wrap-alg "rsa" is never written in the V2 format');
  }
  const h: Record<string, string> = {
    [V2_HEADERS.key]: toBase64(input.wrappedKey),
    [V2_HEADERS.start]: toBase64(input.wrappedIv),
    [V2_HEADERS.cekAlg]: CEK_AES_CTR,
    [V2_HEADERS.wrapAlg]: input.wrapAlgorithm,
  };
  const matdesc = serializeMatdesc(input.matdesc);
  if (matdesc !== undefined) h[V2_HEADERS.matdesc] = matdesc;
  Object.assign(h, plaintextIntegrityHeaders(input));
  if (target.operation !== 'put') {
    assertSize(target.dataSize, 'dataSize');
    assertSize(target.partSize, 'partSize');
    h[V2_HEADERS.dataSize] = String(target.dataSize);
    h[V2_HEADERS.partSize] = String(target.partSize);
  }
  return h;
}

/**
 * What a reader can verify a full read against (docs/format.md §1.1: oss2 writes them from the caller's
 * Content-MD5/-Length).
 */
export interface PlaintextIntegrity {
  /** Base64 MD5 of the whole plaintext, as `Content-MD5` carries it. */
  readonly unencryptedContentMd5?: string | undefined;
  /** The whole plaintext length. */
  readonly unencryptedContentLength?: number | undefined;
}

/**
 * The `unencrypted-content-md5` / `-length` headers alone: base64 MD5 verbatim, length as decimal ASCII. Part of
 * {@link envelopeHeaders} for PutObject; multipart writers add them to InitiateMultipartUpload (the completed
 * object carries Initiate's metadata), never to UploadPart.
 *
 * @example
 * ```ts
 * import { MultipartEncryptionContext, plaintextIntegrityHeaders, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, md5: string, size: number;
 * const ctx = await MultipartEncryptionContext.create({ keyring, dataSize: size });
 * const integrity = plaintextIntegrityHeaders({ unencryptedContentMd5: md5, unencryptedContentLength: size });
 * const headers = { ...ctx.initiateHeaders(), ...integrity };
 * ```
 */
export function plaintextIntegrityHeaders(input: PlaintextIntegrity): Record<string, string> {
  const h: Record<string, string> = {};
  // Verbatim, as stored objects (rewrap) and oss2 carry it; encryptObject checks the MD5s it is given.
  if (input.unencryptedContentMd5 !== undefined) h[V2_HEADERS.unencryptedContentMd5] = input.unencryptedContentMd5;
  if (input.unencryptedContentLength !== undefined) {
    assertSize(input.unencryptedContentLength, 'unencryptedContentLength');
    h[V2_HEADERS.unencryptedContentLength] = String(input.unencryptedContentLength);
  }
  return h;
}
