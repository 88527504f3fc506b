// Headers in, envelope out (docs/format.md §1). Pure: no crypto, every malformed input a typed error.
import { OssCseError } from '../errors.js';
import { fromBase64 } from '../util/bytes.js';
import { WRAP_KMS, WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type WrapAlgorithm } from '../keys/master-key.js';
import type { Envelope } from './envelope.js';
import { toHeaderMap, type HeaderInput, type HeaderMap } from './header-map.js';
import { CEK_AES_CTR, CEK_V1_AES_GCM_NAME, V1_HEADERS, V2_HEADERS } from './header-names.js';
import { parseMatdesc } from './matdesc.js';

const V2_WRAP_ALGS: readonly WrapAlgorithm[] = [WRAP_RSA_PKCS1, WRAP_RSA_OAEP_SHA1, WRAP_KMS];

/**
 * Parses an object's headers into its envelope, or returns null when the object carries no
 * client-side-encryption headers at all (V2 or V1).
 *
 * @example
 * ```ts
 * import { parseEnvelope } from '@oss-cse/core';
 * const response = await fetch('https://photos.oss-cn-hangzhou.aliyuncs.com/a.jpg', { method: 'HEAD' });
 * const envelope = parseEnvelope(response.headers);
 * if (!envelope) console.log('plain object');
 * ```
 */
export function parseEnvelope(headers: HeaderInput): Envelope | null {
  const map = toHeaderMap(headers);
  const names = [V2_HEADERS.key, V2_HEADERS.start, V2_HEADERS.cekAlg, V2_HEADERS.wrapAlg];
  if (names.some((n) => map.has(n))) return parseV2(map);
  if ([V1_HEADERS.key, V1_HEADERS.start, V1_HEADERS.cekAlg, V1_HEADERS.wrapAlg].some((n) => map.has(n)))
    return parseV1(map);
  return null;
}

/**
 * True when the headers mark an encrypted object (V2 or V1), without validating them.
 *
 * @example
 * ```ts
 * import { hasEncryptionHeaders } from '@oss-cse/core';
 * const res = await fetch('https://photos.oss-cn-hangzhou.aliyuncs.com/a.jpg', { method: 'HEAD' });
 * if (!hasEncryptionHeaders(res.headers)) console.log('stored in the clear');
 * ```
 */
export function hasEncryptionHeaders(headers: HeaderInput): boolean {
  const map = toHeaderMap(headers);
  return [
    V2_HEADERS.key,
    V2_HEADERS.start,
    V2_HEADERS.cekAlg,
    V2_HEADERS.wrapAlg,
    V1_HEADERS.key,
    V1_HEADERS.start,
  ].some((n) => map.has(n));
}

function parseV2(map: HeaderMap): Envelope {
  const keyHeader = required(map, V2_HEADERS.key);
  const startHeader = required(map, V2_HEADERS.start);
  const cek = map.get(V2_HEADERS.cekAlg);
  if (cek !== undefined && cek.toUpperCase() !== CEK_AES_CTR.toUpperCase()) {
    throw new OssCseError('ERR_UNSUPPORTED_CEK_ALG', `unsupported content cipher "${cek}" (only ${CEK_AES_CTR})`);
  }
  const wrap = map.get(V2_HEADERS.wrapAlg);
  let wrapAlgorithm: WrapAlgorithm | undefined;
  if (wrap !== undefined) {
    wrapAlgorithm = V2_WRAP_ALGS.find((w) => w.toUpperCase() === wrap.toUpperCase());
    if (!wrapAlgorithm) {
      throw new OssCseError(
        'ERR_UNSUPPORTED_WRAP_ALG',
        `unsupported key wrap algorithm "${wrap}" (supported: ${V2_WRAP_ALGS.join(', ')})`,
      );
    }
  }
  const matdescHeader = map.get(V2_HEADERS.matdesc);
  return {
    formatVersion: 2,
    keyHeader,
    startHeader,
    wrappedKey: fromBase64(keyHeader, `header ${V2_HEADERS.key}`),
    wrappedIv: fromBase64(startHeader, `header ${V2_HEADERS.start}`),
    cekAlgorithm: CEK_AES_CTR,
    wrapAlgorithm,
    matdesc: matdescHeader === undefined ? undefined : parseMatdesc(matdescHeader),
    matdescHeader,
    unencryptedContentLength: size(map, V2_HEADERS.unencryptedContentLength),
    unencryptedContentMd5: md5(map, V2_HEADERS.unencryptedContentMd5),
    dataSize: size(map, V2_HEADERS.dataSize),
    partSize: size(map, V2_HEADERS.partSize),
  };
}

function parseV1(map: HeaderMap): Envelope {
  const keyHeader = required(map, V1_HEADERS.key);
  const startHeader = required(map, V1_HEADERS.start);
  const cek = map.get(V1_HEADERS.cekAlg);
  if (cek !== undefined && ![CEK_AES_CTR, CEK_V1_AES_GCM_NAME].some((c) => c.toUpperCase() === cek.toUpperCase())) {
    throw new OssCseError('ERR_UNSUPPORTED_CEK_ALG', `unsupported V1 content cipher "${cek}"`);
  }
  // oss2's rule: `kms` means KMS, anything else (normally `rsa`) means RSA-OAEP-SHA1.
  const wrap = map.get(V1_HEADERS.wrapAlg);
  const wrapAlgorithm: WrapAlgorithm = wrap?.toLowerCase() === 'kms' ? WRAP_KMS : WRAP_RSA_OAEP_SHA1;
  const matdescHeader = map.get(V1_HEADERS.matdesc);
  return {
    formatVersion: 1,
    keyHeader,
    startHeader,
    wrappedKey: fromBase64(keyHeader, `header ${V1_HEADERS.key}`),
    wrappedIv: fromBase64(startHeader, `header ${V1_HEADERS.start}`),
    cekAlgorithm: CEK_AES_CTR,
    wrapAlgorithm,
    matdesc: matdescHeader === undefined ? undefined : parseMatdesc(matdescHeader),
    matdescHeader,
    unencryptedContentLength:
      size(map, V1_HEADERS.unencryptedContentLength) ?? size(map, V1_HEADERS.previewUnencryptedContentLength),
    unencryptedContentMd5:
      md5(map, V1_HEADERS.unencryptedContentMd5) ?? md5(map, V1_HEADERS.previewUnencryptedContentMd5),
    dataSize: undefined,
    partSize: undefined,
  };
}

function required(map: HeaderMap, name: string): string {
  const v = map.get(name);
  if (v === undefined || v === '') {
    throw new OssCseError('ERR_MISSING_HEADER', `encrypted object is missing header ${name}`, {
      details: { header: name },
    });
  }
  return v;
}

function size(map: HeaderMap, name: string): number | undefined {
  const v = map.get(name);
  if (v === undefined) return undefined;
  const n = /^\d{1,16}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new OssCseError('ERR_BAD_SIZE', `header ${name} must be a non-negative integer, got "${v.slice(0, 40)}"`, {
      details: { header: name },
    });
  }
  return n;
}

function md5(map: HeaderMap, name: string): string | undefined {
  const v = map.get(name);
  if (v === undefined) return undefined;
  if (fromBase64(v, `header ${name}`).length !== 16) {
    throw new OssCseError('ERR_BAD_BASE64', `header ${name} must be base64 of a 16-byte MD5`);
  }
  return v;
}
