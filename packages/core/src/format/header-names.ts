// Header names of the V2 (current) and V1 (deprecated, read-only) client-side encryption formats (docs/format.md §1).

const V2 = 'x-oss-meta-client-side-encryption-';

/** V2 header names (lower case). */
export const V2_HEADERS = {
  /** The wrapped data key (base64). */
  key: `${V2}key`,
  /** The wrapped IV (base64). */
  start: `${V2}start`,
  /** The content cipher. */
  cekAlg: `${V2}cek-alg`,
  /** The wrap algorithm. */
  wrapAlg: `${V2}wrap-alg`,
  /** The material description (JSON). */
  matdesc: `${V2}matdesc`,
  /** Base64 MD5 of the plaintext. */
  unencryptedContentMd5: `${V2}unencrypted-content-md5`,
  /** Plaintext length. */
  unencryptedContentLength: `${V2}unencrypted-content-length`,
  /** Multipart: total plaintext size. */
  dataSize: `${V2}data-size`,
  /** Multipart: the part size. */
  partSize: `${V2}part-size`,
} as const;

/** V1 header names (lower case), written by oss2 2.5.0–2.10.0 only. */
export const V1_HEADERS = {
  /** The wrapped data key (base64). */
  key: 'x-oss-meta-oss-crypto-key',
  /** The wrapped counter start (base64). */
  start: 'x-oss-meta-oss-crypto-start',
  /** The content cipher. */
  cekAlg: 'x-oss-meta-oss-cek-alg',
  /** The wrap algorithm. */
  wrapAlg: 'x-oss-meta-oss-wrap-alg',
  /** The material description (JSON). */
  matdesc: 'x-oss-meta-oss-crypto-matdesc',
  /** Base64 MD5 of the plaintext. */
  unencryptedContentMd5: 'x-oss-meta-unencrypted-content-md5',
  /** Plaintext length. */
  unencryptedContentLength: 'x-oss-meta-unencrypted-content-length',
  /** Names from oss2's unreleased preview branch; read when present. */
  previewUnencryptedContentMd5: 'x-oss-meta-oss-crypto-unencrypted-content-md5',
  /** The preview branch's plaintext length. */
  previewUnencryptedContentLength: 'x-oss-meta-oss-crypto-unencrypted-content-length',
} as const;

/** The content cipher every V2 writer uses. */
export const CEK_AES_CTR = 'AES/CTR/NoPadding';
/** The (wrong) name V1 objects carry for the same AES-CTR cipher. */
export const CEK_V1_AES_GCM_NAME = 'AES/GCM/NoPadding';

/** Every header name oss-cse treats as encryption metadata (both formats). */
export const ALL_CSE_HEADER_NAMES: readonly string[] = [...Object.values(V2_HEADERS), ...Object.values(V1_HEADERS)];
