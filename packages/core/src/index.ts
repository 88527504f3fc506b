/**
 * @oss-cse/core: the Alibaba Cloud OSS client-side encryption format (V2, and V1 read-only) and its crypto,
 * on WebCrypto only. Runs unchanged in browsers, Workers and Node.
 *
 * @module @oss-cse/core
 */
export * from './errors.js';

// Format (pure: headers <-> envelope)
export type { Envelope, EnvelopeSummary, FormatVersion } from './format/envelope.js';
export { summarizeEnvelope } from './format/envelope.js';
export { parseEnvelope, hasEncryptionHeaders } from './format/parse-envelope.js';
export {
  envelopeHeaders,
  plaintextIntegrityHeaders,
  type EnvelopeHeaderInput,
  type EnvelopeHeaderTarget,
  type PlaintextIntegrity,
} from './format/serialize-envelope.js';
export { parseMatdesc, serializeMatdesc, sameMatdesc } from './format/matdesc.js';
export type { HeaderInput, HeaderMap } from './format/header-map.js';
export { V2_HEADERS, V1_HEADERS, ALL_CSE_HEADER_NAMES } from './format/header-names.js';

// Content cipher
export { ContentCipher, type ContentMaterials } from './cipher/content-cipher.js';
export { cipherTransform, type CipherTransformOptions } from './cipher/cipher-transform.js';
export { counterBlockAt, isInteroperableIv } from './cipher/counter.js';
export { generateIv, AES_CTR_SYNC_LIMIT, type AesCtrOperation, type RawAesCtrOperation } from './cipher/aes-ctr.js';
export { createCtrTransform, DEFAULT_CHUNK_SIZE, type CtrTransformOptions } from './cipher/ctr-stream.js';

// Master keys and keyrings
export * from './keys/master-key.js';
export * from './keys/index.js';
export { Keyring, type KeyringOptions } from './keyring/keyring.js';
export {
  openContentMaterials,
  openEnvelope,
  unwrapEnvelope,
  type OpenEnvelopeOptions,
} from './materials/open-envelope.js';
export { rewrapEnvelope } from './materials/rewrap-envelope.js';

// Planning math
export { parseByteRange, formatByteRange, type ByteRange } from './plan/byte-range.js';
export {
  planRangedRead,
  planRangeResponse,
  planRangeAnswer,
  sliceRangeAnswer,
  parseContentRange,
  type RangedReadPlan,
  type RangedReadResponsePlan,
} from './plan/ranged-read.js';
export {
  planMultipart,
  autoPartSize,
  validatePartSize,
  MIN_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PARTS,
  DEFAULT_PART_SIZE,
  type MultipartPlan,
  type PartPlan,
} from './plan/multipart.js';
export { MultipartEncryptionContext, type MultipartMaterial } from './multipart/multipart-context.js';

// Policies and integrity
export type { ReadPolicy, SecurityProfile } from './policy/read-policy.js';
export { md5Base64, createMd5, type Md5Accumulator } from './integrity/plaintext-md5.js';
export { Crc64, crc64 } from './integrity/crc64.js';
export { crc64Combine } from './integrity/crc64-combine.js';
export { crc64Wasm, createCrc64Wasm, type Crc64Hasher } from './integrity/crc64-wasm.js';
export { createPlaintextVerifier, type PlaintextVerifier } from './integrity/verify-plaintext.js';

// Offline API
export { encryptObject, type EncryptObjectOptions, type EncryptedObject } from './offline/encrypt-object.js';
export { decryptObject, requireEnvelope, type DecryptObjectOptions } from './offline/decrypt-object.js';

// Transfer building blocks shared by the runtimes: cancellation, retries, credentials
export { abortedError, throwIfAborted, sleep } from './transfer/abort.js';
export { withRetry, type RetryOptions, type RetryListener, type WithRetryOptions } from './transfer/retry.js';
export {
  checkCredentials,
  staticCredentials,
  refreshingCredentials,
  type Credentials,
  type CredentialsProvider,
  type RefreshingCredentials,
  type RefreshingCredentialsOptions,
} from './transfer/credentials.js';

// Byte helpers used by the adapters
export { toBase64, fromBase64, toHex, fromHex, utf8, fromUtf8, concatBytes } from './util/bytes.js';
export { readAll } from './streams/slice-stream.js';
