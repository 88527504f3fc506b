// Conformance (Node + Chromium): headers of every vector parse; every malformed header map has its code.
import { describe, expect, it } from 'vitest';
import { parseEnvelope, hasEncryptionHeaders } from './parse-envelope.js';
import { summarizeEnvelope } from './envelope.js';
import { loadVector } from '@oss-cse/test-vectors';
import {
  FOREIGN_V2_VECTORS,
  PUT_RSA_VECTORS,
  fixedVector,
  multipartVector,
  putVector,
  b64,
} from '../../test/support/vectors.js';
import { toBase64 } from '../util/bytes.js';

const K = 'x-oss-meta-client-side-encryption-';
const good = (): Record<string, string> => ({
  [`${K}key`]: toBase64(new Uint8Array(256).fill(7)),
  [`${K}start`]: toBase64(new Uint8Array(256).fill(9)),
  [`${K}cek-alg`]: 'AES/CTR/NoPadding',
  [`${K}wrap-alg`]: 'RSA/NONE/PKCS1Padding',
});

describe('parseEnvelope', () => {
  it.each(PUT_RSA_VECTORS)('parses oss2-generated %s (stored metadata and request headers)', async (name) => {
    const v = await putVector(name);
    for (const headers of [v.stored_object_metadata, v.put_request.headers]) {
      const e = parseEnvelope(headers)!;
      expect(e.formatVersion).toBe(2);
      expect(e.cekAlgorithm).toBe('AES/CTR/NoPadding');
      expect(e.wrappedKey).toHaveLength(256);
      expect(e.wrappedIv).toHaveLength(256);
      expect(e.wrapAlgorithm).toBe(v.stored_object_metadata[`${K}wrap-alg`]);
    }
  });

  it('reads matdesc, caller MD5 and length as oss2 wrote them', async () => {
    const e = parseEnvelope((await putVector('put-rsa-pkcs1v15-with-md5-length-matdesc')).stored_object_metadata)!;
    expect(e.matdesc).toEqual({ key1: 'value1', k2: 'v2' });
    expect(e.unencryptedContentLength).toBe(17);
    expect(e.unencryptedContentMd5).toBe('Rh8T4+Nz/wq4ohkoOv4z2w==');
  });

  it('reads data-size and part-size of the multipart object', async () => {
    const v = await multipartVector();
    const e = parseEnvelope(v.stored_object_metadata)!;
    expect(summarizeEnvelope(e)).toMatchObject({ dataSize: v.data_size, partSize: v.part_size, formatVersion: 2 });
  });

  it.each(FOREIGN_V2_VECTORS)('parses %s written by another SDK', async (name) => {
    const v = await fixedVector(name);
    const e = parseEnvelope(v.headers)!;
    expect(e.wrapAlgorithm).toBe('RSA/NONE/PKCS1Padding');
    expect(e.wrappedKey).toHaveLength(128);
  });

  it('parses V1 RSA (oss-crypto-*, AES/GCM label mapped to CTR, rsa → OAEP) and V1 KMS', async () => {
    const rsa = parseEnvelope((await fixedVector('v1-deprecated-rsa-oaep')).headers)!;
    expect(rsa).toMatchObject({
      formatVersion: 1,
      cekAlgorithm: 'AES/CTR/NoPadding',
      wrapAlgorithm: 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding',
    });
    const kms = parseEnvelope((await fixedVector('v1-deprecated-kms')).headers)!;
    expect(kms).toMatchObject({ formatVersion: 1, wrapAlgorithm: 'KMS/ALICLOUD' });
  });

  it('parses the oss2 KMS header layering (double base64) into the CiphertextBlob strings', async () => {
    const v = await loadVector<{
      stored_object_metadata: Record<string, string>;
      kms_header_layering: {
        key_header_b64decoded_is_the_CiphertextBlob_string: string;
        start_header_b64decoded_is_the_CiphertextBlob_string: string;
      };
    }>('oss2-generated', 'put-alikms-FAKEKMS-17-bytes');
    const e = parseEnvelope(v.stored_object_metadata)!;
    expect(e.wrapAlgorithm).toBe('KMS/ALICLOUD');
    expect(e.matdesc).toBeUndefined();
    expect(new TextDecoder().decode(e.wrappedKey)).toBe(
      v.kms_header_layering.key_header_b64decoded_is_the_CiphertextBlob_string,
    );
    expect(new TextDecoder().decode(e.wrappedIv)).toBe(
      v.kms_header_layering.start_header_b64decoded_is_the_CiphertextBlob_string,
    );
  });

  it('matches header names case-insensitively and accepts Headers and entries', () => {
    const upper = Object.fromEntries(
      Object.entries(good()).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()), v]),
    );
    expect(parseEnvelope(upper)?.formatVersion).toBe(2);
    expect(parseEnvelope(new Headers(good()))?.formatVersion).toBe(2);
    expect(parseEnvelope(Object.entries(good()))?.formatVersion).toBe(2);
  });

  it('returns null for plain objects', () => {
    expect(parseEnvelope({ 'content-type': 'text/plain', 'x-oss-meta-user': 'x' })).toBeNull();
    expect(hasEncryptionHeaders({ etag: '"x"' })).toBe(false);
    expect(hasEncryptionHeaders(good())).toBe(true);
  });

  const without = (name: string) => {
    const h = good();
    delete h[`${K}${name}`];
    return h;
  };
  const withHeader = (name: string, value: string) => ({ ...good(), [`${K}${name}`]: value });
  it.each([
    ['missing key', without('key'), 'ERR_MISSING_HEADER'],
    ['missing start', without('start'), 'ERR_MISSING_HEADER'],
    ['empty key', withHeader('key', ''), 'ERR_MISSING_HEADER'],
    ['key not base64', withHeader('key', 'not base64!'), 'ERR_BAD_BASE64'],
    ['start not base64', withHeader('start', 'QQ'), 'ERR_BAD_BASE64'],
    ['unknown cek-alg', withHeader('cek-alg', 'AES/GCM/NoPadding'), 'ERR_UNSUPPORTED_CEK_ALG'],
    ['unknown wrap-alg', withHeader('wrap-alg', 'RSA/ECB/Whatever'), 'ERR_UNSUPPORTED_WRAP_ALG'],
    ['wrap-alg rsa in V2', withHeader('wrap-alg', 'rsa'), 'ERR_UNSUPPORTED_WRAP_ALG'],
    ['matdesc not JSON', withHeader('matdesc', '{nope'), 'ERR_BAD_MATDESC'],
    ['matdesc an array', withHeader('matdesc', '["a"]'), 'ERR_BAD_MATDESC'],
    ['matdesc with a number value', withHeader('matdesc', '{"a": 1}'), 'ERR_BAD_MATDESC'],
    ['matdesc null', withHeader('matdesc', 'null'), 'ERR_BAD_MATDESC'],
    ['data-size not numeric', withHeader('data-size', '12a'), 'ERR_BAD_SIZE'],
    ['part-size negative', withHeader('part-size', '-1'), 'ERR_BAD_SIZE'],
    [
      'unencrypted-content-length huge',
      withHeader('unencrypted-content-length', '99999999999999999999'),
      'ERR_BAD_SIZE',
    ],
    [
      'unencrypted-content-md5 wrong size',
      withHeader('unencrypted-content-md5', toBase64(new Uint8Array(8))),
      'ERR_BAD_BASE64',
    ],
    [
      'V1 key missing',
      { 'x-oss-meta-oss-crypto-start': 'QUJD', 'x-oss-meta-oss-wrap-alg': 'rsa' },
      'ERR_MISSING_HEADER',
    ],
    [
      'V1 unknown cek',
      { 'x-oss-meta-oss-crypto-key': 'QUJD', 'x-oss-meta-oss-crypto-start': 'QUJD', 'x-oss-meta-oss-cek-alg': 'DES' },
      'ERR_UNSUPPORTED_CEK_ALG',
    ],
  ])('%s → %s', (_, headers, code) => {
    expect(() => parseEnvelope(headers)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts wrap-alg and cek-alg in any case (as Java compares them)', () => {
    const e = parseEnvelope({ ...good(), [`${K}wrap-alg`]: 'kms/alicloud', [`${K}cek-alg`]: 'aes/ctr/nopadding' })!;
    expect(e.wrapAlgorithm).toBe('KMS/ALICLOUD');
  });

  it('keeps the exact header text of key and start', () => {
    const h = good();
    const e = parseEnvelope(h)!;
    expect(e.keyHeader).toBe(h[`${K}key`]);
    expect(b64(e.startHeader)).toEqual(e.wrappedIv);
  });
});
