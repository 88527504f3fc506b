// Header names of the V2 (current) and V1 (deprecated, read-only) client-side encryption formats (docs/format.md §1).

const V2 = 'x-oss-meta-client-side-encryption-';

/** V2 header names (lower case). */
export const V2_HEADERS = {
  key: `${V2}key`,
  start: `${V2}start`,
  cekAlg: `${V2}cek-alg`,
  wrapAlg: `${V2}wrap-alg`,
  matdesc: `${V2}matdesc`,
  unencryptedContentMd5: `${V2}unencrypted-content-md5`,
  unencryptedContentLength: `${V2}unencrypted-content-length`,
  dataSize: `${V2}data-size`,
  partSize: `${V2}part-size`,
} as const;

/** V1 header names (lower case), written by oss2 2.5.0–2.10.0 only. */
export const V1_HEADERS = {
  key: 'x-oss-meta-oss-crypto-key',
  start: 'x-oss-meta-oss-crypto-start',
  cekAlg: 'x-oss-meta-oss-cek-alg',
  wrapAlg: 'x-oss-meta-oss-wrap-alg',
  matdesc: 'x-oss-meta-oss-crypto-matdesc',
  unencryptedContentMd5: 'x-oss-meta-unencrypted-content-md5',
  unencryptedContentLength: 'x-oss-meta-unencrypted-content-length',
  /** Names from oss2's unreleased preview branch; read when present. */
  previewUnencryptedContentMd5: 'x-oss-meta-oss-crypto-unencrypted-content-md5',
  previewUnencryptedContentLength: 'x-oss-meta-oss-crypto-unencrypted-content-length',
} as const;

/** The content cipher every V2 writer uses. */
export const CEK_AES_CTR = 'AES/CTR/NoPadding';
/** The (wrong) name V1 objects carry for the same AES-CTR cipher. */
export const CEK_V1_AES_GCM_NAME = 'AES/GCM/NoPadding';

/** Every header name oss-cse treats as encryption metadata (both formats). */
export const ALL_CSE_HEADER_NAMES: readonly string[] = [...Object.values(V2_HEADERS), ...Object.values(V1_HEADERS)];
