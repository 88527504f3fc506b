import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { UNWRAP_FAILED_MESSAGE } from '../errors.js';
import { fromBase64, fromUtf8, toHex } from '../util/bytes.js';
import fixtures from '../../test/fixtures/key-fixtures.json' with { type: 'json' };
import { generateRsaKeyPair } from './generate.js';
import { WRAP_KMS, WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type UnwrapContext, type WrapAlgorithm } from './master-key.js';
import { RsaMasterKey } from './rsa-master-key.js';

type Headers = Record<string, string>;
interface Keypair1024 {
  private_key_pkcs1_pem: string;
  private_key_pkcs8_pem: string;
  public_key_pkcs1_pem: string;
  public_key_spki_pem: string;
}
interface Oss2Vector {
  keys: Keypair1024;
  stored_object_metadata: Headers;
  unwrapped_by_oss2_provider: { cek_hex: string; iv_hex: string };
}
interface ForeignVector {
  headers: Headers;
  decrypted: { cek_hex: string; iv_hex?: string; start_plaintext_ascii?: string };
}

const header = (h: Headers, suffix: string) => {
  const hit = Object.entries(h).find(([k]) => k.toLowerCase().endsWith(suffix));
  if (!hit) throw new Error(`no header *${suffix}`);
  return hit[1];
};
const ctx = (
  wrapAlgorithm: WrapAlgorithm,
  part: 'key' | 'iv',
  expectedLength?: number,
  formatVersion: 1 | 2 = 2,
): UnwrapContext => ({
  wrapAlgorithm,
  part,
  formatVersion,
  headerValue: '',
  ...(expectedLength === undefined ? {} : { expectedLength }),
});

async function unwrapBoth(mk: RsaMasterKey, h: Headers, alg: WrapAlgorithm) {
  const cek = await mk.unwrap(fromBase64(header(h, 'client-side-encryption-key')), ctx(alg, 'key', 32));
  const iv = await mk.unwrap(fromBase64(header(h, 'client-side-encryption-start')), ctx(alg, 'iv', 16));
  return { cek: toHex(cek), iv: toHex(iv) };
}

async function expectError(p: Promise<unknown>, code: string, message?: string) {
  await expect(p).rejects.toMatchObject(message === undefined ? { code } : { code, message });
}

const oss2Pkcs1 = [
  'put-rsa-pkcs1v15-empty',
  'put-rsa-pkcs1v15-1-byte',
  'put-rsa-pkcs1v15-15-bytes',
  'put-rsa-pkcs1v15-16-bytes',
  'put-rsa-pkcs1v15-17-bytes',
  'put-rsa-pkcs1v15-with-md5-length-matdesc',
  'multipart-rsa-pkcs1v15-3parts',
];
const foreign = ['v2-rsa-written-by-cpp-sdk', 'v2-rsa-written-by-go-sdk', 'v2-rsa-written-by-python-oss2'];

describe('RsaMasterKey: vectors', () => {
  it('unwraps the C++, Go and oss2 objects (1024-bit key, PKCS#1, PKCS#8 and JWK forms)', async () => {
    const kp = await loadVector<Keypair1024>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
    for (const privateKey of [kp.private_key_pkcs1_pem, kp.private_key_pkcs8_pem, fixtures.jwk.rsa1024_private]) {
      const mk = await RsaMasterKey.import({ privateKey });
      expect(mk.modulusLength).toBe(1024);
      for (const name of foreign) {
        const v = await loadVector<ForeignVector>('fixed-from-sdk-tests', name);
        expect(await unwrapBoth(mk, v.headers, WRAP_RSA_PKCS1), name).toEqual({
          cek: v.decrypted.cek_hex,
          iv: v.decrypted.iv_hex,
        });
      }
    }
  });

  it('unwraps every oss2-generated PKCS#1 v1.5 object with every private key form', async () => {
    const first = await loadVector<Oss2Vector>('oss2-generated', oss2Pkcs1[0]!);
    const forms = [
      first.keys.private_key_pkcs1_pem,
      first.keys.private_key_pkcs8_pem,
      fixtures.jwk.rsa2048_private,
      fixtures.jwk.rsa2048_private_without_crt,
    ];
    for (const privateKey of forms) {
      const mk = await RsaMasterKey.import({ privateKey, publicKey: first.keys.public_key_spki_pem });
      expect(mk.modulusLength).toBe(2048);
      for (const name of oss2Pkcs1) {
        const v = await loadVector<Oss2Vector>('oss2-generated', name);
        expect(await unwrapBoth(mk, v.stored_object_metadata, WRAP_RSA_PKCS1), name).toEqual({
          cek: v.unwrapped_by_oss2_provider.cek_hex,
          iv: v.unwrapped_by_oss2_provider.iv_hex,
        });
      }
    }
  });

  it('unwraps the oss2 LocalRsaProvider OAEP-SHA1 object (PKCS#1 and PKCS#8 forms)', async () => {
    const v = await loadVector<Oss2Vector>('oss2-generated', 'put-localrsa-oaep-sha1-17-bytes');
    expect(header(v.stored_object_metadata, 'wrap-alg')).toBe(WRAP_RSA_OAEP_SHA1);
    for (const privateKey of [v.keys.private_key_pkcs1_pem, v.keys.private_key_pkcs8_pem]) {
      const mk = await RsaMasterKey.import({ privateKey });
      expect(await unwrapBoth(mk, v.stored_object_metadata, WRAP_RSA_OAEP_SHA1)).toEqual({
        cek: v.unwrapped_by_oss2_provider.cek_hex,
        iv: v.unwrapped_by_oss2_provider.iv_hex,
      });
    }
  });

  it('unwraps the V1 OAEP object: the start is the ASCII counter "8" (no expectedLength)', async () => {
    const kp = await loadVector<Keypair1024>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
    const v = await loadVector<ForeignVector>('fixed-from-sdk-tests', 'v1-deprecated-rsa-oaep');
    const mk = await RsaMasterKey.import({ privateKey: kp.private_key_pkcs8_pem });
    const cek = await mk.unwrap(fromBase64(header(v.headers, 'oss-crypto-key')), ctx(WRAP_RSA_OAEP_SHA1, 'key', 32, 1));
    const start = await mk.unwrap(
      fromBase64(header(v.headers, 'oss-crypto-start')),
      ctx(WRAP_RSA_OAEP_SHA1, 'iv', undefined, 1),
    );
    expect(toHex(cek)).toBe(v.decrypted.cek_hex);
    expect(fromUtf8(start)).toBe('8');
    expect(v.decrypted.start_plaintext_ascii).toBe('8');
  });
});

describe('RsaMasterKey: failures', () => {
  it('a wrong private key, tampering, wrong length and c >= n all give the one ERR_UNWRAP_FAILED', async () => {
    const v = await loadVector<Oss2Vector>('oss2-generated', 'put-rsa-pkcs1v15-17-bytes');
    const wrapped = fromBase64(header(v.stored_object_metadata, 'client-side-encryption-key'));
    const other = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
    const right = await RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs8_pem });
    const fail = (mk: RsaMasterKey, bytes: Uint8Array, c: UnwrapContext) =>
      expectError(mk.unwrap(bytes, c), 'ERR_UNWRAP_FAILED', UNWRAP_FAILED_MESSAGE);
    await fail(other, wrapped, ctx(WRAP_RSA_PKCS1, 'key', 32));
    await fail(other, wrapped, ctx(WRAP_RSA_OAEP_SHA1, 'key', 32));
    const tampered = wrapped.slice();
    tampered[100]! ^= 0x40;
    await fail(right, tampered, ctx(WRAP_RSA_PKCS1, 'key', 32));
    await fail(right, wrapped.subarray(1), ctx(WRAP_RSA_PKCS1, 'key', 32));
    await fail(right, new Uint8Array(256).fill(0xff), ctx(WRAP_RSA_PKCS1, 'key', 32));
    await fail(right, wrapped, ctx(WRAP_RSA_PKCS1, 'key', 16));
    await fail(right, wrapped, ctx(WRAP_RSA_OAEP_SHA1, 'key', 32)); // PKCS#1 bytes read as OAEP
    const oaep = await loadVector<Oss2Vector>('oss2-generated', 'put-localrsa-oaep-sha1-17-bytes');
    const oaepKey = fromBase64(header(oaep.stored_object_metadata, 'client-side-encryption-key'));
    await fail(right, oaepKey, ctx(WRAP_RSA_OAEP_SHA1, 'key', 16));
    await fail(right, oaepKey, ctx(WRAP_RSA_PKCS1, 'key', 32)); // OAEP bytes read as PKCS#1
    await fail(right, oaepKey.subarray(2), ctx(WRAP_RSA_OAEP_SHA1, 'key', 32));
  });

  it('a public-only key wraps but unwrapping is ERR_PUBLIC_KEY_ONLY', async () => {
    const v = await loadVector<Oss2Vector>('oss2-generated', 'put-rsa-pkcs1v15-17-bytes');
    for (const publicKey of [
      v.keys.public_key_spki_pem,
      v.keys.public_key_pkcs1_pem,
      fixtures.certificate_rsa2048_pem,
    ]) {
      const mk = await RsaMasterKey.import({ publicKey });
      expect(mk.canUnwrap).toBe(false);
      expect(mk.supportsUnwrap(WRAP_RSA_PKCS1)).toBe(false);
      expect(mk.supportsUnwrap(WRAP_RSA_OAEP_SHA1)).toBe(false);
      expect((await mk.wrap(new Uint8Array(32), { part: 'key' })).length).toBe(256);
      await expectError(mk.unwrap(new Uint8Array(256), ctx(WRAP_RSA_PKCS1, 'key', 32)), 'ERR_PUBLIC_KEY_ONLY');
    }
  });

  it('validates arguments at the edge', async () => {
    const v = await loadVector<Oss2Vector>('oss2-generated', 'put-rsa-pkcs1v15-17-bytes');
    const mk = await RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem });
    await expectError(RsaMasterKey.import({}), 'ERR_INVALID_ARGUMENT', '"options" needs privateKey or publicKey');
    await expectError(
      RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem, wrapAlgorithm: WRAP_KMS as never }),
      'ERR_INVALID_ARGUMENT',
    );
    await expectError(
      RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem, description: { a: 1 } as never }),
      'ERR_INVALID_ARGUMENT',
    );
    await expectError(RsaMasterKey.import({ privateKey: v.keys.public_key_spki_pem }), 'ERR_KEY_IMPORT');
    await expectError(
      RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem, publicKey: fixtures.jwk.rsa1024_public }),
      'ERR_KEY_IMPORT',
      '"publicKey" does not belong to "privateKey"',
    );
    await expectError(
      mk.wrap('x' as never, { part: 'key' }),
      'ERR_INVALID_ARGUMENT',
      '"plain" expected Uint8Array, got string x',
    );
    await expectError(mk.wrap(new Uint8Array(246), { part: 'key' }), 'ERR_INVALID_ARGUMENT');
    await expectError(mk.unwrap(new Uint8Array(256), ctx(WRAP_KMS, 'key', 32)), 'ERR_UNSUPPORTED_WRAP_ALG');
    await expectError(mk.unwrap(new Uint8Array(256), ctx(WRAP_RSA_PKCS1, 'key', -1)), 'ERR_INVALID_ARGUMENT');
    expect(mk.supportsUnwrap(WRAP_KMS)).toBe(false);
  });
});

describe('RsaMasterKey: wrap round-trips', () => {
  it('wraps with PKCS#1 v1.5 (default) or OAEP and unwraps both; keeps the description and key id', async () => {
    const v = await loadVector<Oss2Vector>('oss2-generated', 'put-rsa-pkcs1v15-17-bytes');
    const cek = crypto.getRandomValues(new Uint8Array(32));
    for (const wrapAlgorithm of [WRAP_RSA_PKCS1, WRAP_RSA_OAEP_SHA1] as const) {
      const mk = await RsaMasterKey.import({
        privateKey: v.keys.private_key_pkcs8_pem,
        wrapAlgorithm,
        description: { owner: 'alice' },
      });
      expect(mk.wrapAlgorithm).toBe(wrapAlgorithm);
      expect(mk.description).toEqual({ owner: 'alice' });
      expect(mk.keyId).toMatch(/^[0-9a-f]{64}$/);
      expect(mk.supportsUnwrap(WRAP_RSA_PKCS1) && mk.supportsUnwrap(WRAP_RSA_OAEP_SHA1)).toBe(true);
      const wrapped = await mk.wrap(cek, { part: 'key' });
      expect(wrapped.length).toBe(256);
      expect(await mk.unwrap(wrapped, ctx(wrapAlgorithm, 'key', 32))).toEqual(cek);
      const writer = await RsaMasterKey.import({ publicKey: v.keys.public_key_pkcs1_pem, wrapAlgorithm });
      expect(writer.keyId).toBe(mk.keyId);
      expect(await mk.unwrap(await writer.wrap(cek, { part: 'key' }), ctx(wrapAlgorithm, 'key', 32))).toEqual(cek);
    }
    expect((await RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem })).description).toEqual({});
  });

  it('fromCryptoKeys: a non-extractable OAEP pair unwraps OAEP only and defaults to writing OAEP', async () => {
    const alg = { name: 'RSA-OAEP', hash: 'SHA-1', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    const pair = await crypto.subtle.generateKey(alg, false, ['encrypt', 'decrypt']);
    const mk = await RsaMasterKey.fromCryptoKeys(pair);
    expect(mk.wrapAlgorithm).toBe(WRAP_RSA_OAEP_SHA1);
    expect(mk.canUnwrap).toBe(true);
    expect(mk.supportsUnwrap(WRAP_RSA_OAEP_SHA1)).toBe(true);
    expect(mk.supportsUnwrap(WRAP_RSA_PKCS1)).toBe(false);
    const iv = crypto.getRandomValues(new Uint8Array(16));
    expect(await mk.unwrap(await mk.wrap(iv, { part: 'iv' }), ctx(WRAP_RSA_OAEP_SHA1, 'iv', 16))).toEqual(iv);
    await expectError(mk.unwrap(new Uint8Array(256), ctx(WRAP_RSA_PKCS1, 'key', 32)), 'ERR_UNSUPPORTED_WRAP_ALG');
    await expectError(RsaMasterKey.fromCryptoKeys({ ...pair, wrapAlgorithm: WRAP_RSA_PKCS1 }), 'ERR_INVALID_ARGUMENT');
    const other = await crypto.subtle.generateKey(alg, false, ['encrypt', 'decrypt']);
    await expectError(
      RsaMasterKey.fromCryptoKeys({ publicKey: pair.publicKey, privateKey: other.privateKey }),
      'ERR_KEY_IMPORT',
    );
    const sha256 = await crypto.subtle.generateKey({ ...alg, hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
    await expectError(RsaMasterKey.fromCryptoKeys(sha256), 'ERR_INVALID_ARGUMENT');
    const writeOnly = await RsaMasterKey.fromCryptoKeys({ publicKey: pair.publicKey });
    expect(writeOnly.wrapAlgorithm).toBe(WRAP_RSA_PKCS1);
    expect(writeOnly.canUnwrap).toBe(false);
    expect(writeOnly.keyId).toBe(mk.keyId);
  });

  it('fromCryptoKeys: an extractable private key unwraps PKCS#1 v1.5 too', async () => {
    const alg = { name: 'RSA-OAEP', hash: 'SHA-1', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    const pair = await crypto.subtle.generateKey(alg, true, ['encrypt', 'decrypt']);
    const mk = await RsaMasterKey.fromCryptoKeys(pair);
    expect(mk.wrapAlgorithm).toBe(WRAP_RSA_PKCS1);
    expect(mk.supportsUnwrap(WRAP_RSA_PKCS1)).toBe(true);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await mk.unwrap(await mk.wrap(cek, { part: 'key' }), ctx(WRAP_RSA_PKCS1, 'key', 32))).toEqual(cek);
  });
});
