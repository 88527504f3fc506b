import fc from 'fast-check';
import { loadVector } from '@oss-cse/test-vectors';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNWRAP_FAILED_MESSAGE } from '../../errors.js';
import { importRsaKey } from '../import/index.js';
import { bigIntToBytes, bytesToBigInt } from './bigint-math.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from './pkcs1v15.js';
import { isRsaPrivateKey, type RsaPrivateKeyComponents } from './rsa-key.js';
import { rsaPrivateOp, rsaPublicOp } from './rsa-private-op.js';

let key: RsaPrivateKeyComponents;
const K = 128;

beforeAll(async () => {
  const v = await loadVector<{ private_key_pkcs1_pem: string }>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
  const k = await importRsaKey(v.private_key_pkcs1_pem);
  if (!isRsaPrivateKey(k)) throw new Error('expected a private key');
  key = k;
});

/** Encrypts an arbitrary EM (no padding rules) with the raw public operation. */
const rawEncrypt = (em: Uint8Array) => bigIntToBytes(rsaPublicOp(key, bytesToBigInt(em)), K);

function em(psLength: number, message: Uint8Array, patch?: (e: Uint8Array) => void): Uint8Array {
  const out = new Uint8Array(K);
  out[1] = 2;
  out.fill(0x5a, 2, 2 + psLength);
  out.set(message, 3 + psLength);
  patch?.(out);
  return out;
}

const expectUnwrapFailed = (f: () => unknown) => {
  let error: unknown;
  try { f(); } catch (e) { error = e; }
  expect(error).toMatchObject({ code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE });
};

describe('RSAES-PKCS1-v1_5 (BigInt, CRT, blinding)', () => {
  it('round-trips random messages of 0..k-11 bytes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: K - 11 }), (m) => {
      const c = pkcs1v15Encrypt(key, m);
      expect(c.length).toBe(K);
      expect(pkcs1v15Decrypt(key, c)).toEqual(m);
      expect(pkcs1v15Decrypt(key, c, m.length)).toEqual(m);
    }), { numRuns: 50 });
  });

  it('pads with fresh random non-zero bytes: two encryptions differ, PS has no zero', () => {
    const m = new Uint8Array(32).fill(7);
    const c1 = pkcs1v15Encrypt(key, m);
    const c2 = pkcs1v15Encrypt(key, m);
    expect(c1).not.toEqual(c2);
    const decoded = bigIntToBytes(rsaPrivateOp(key, bytesToBigInt(c1)), K);
    expect([decoded[0], decoded[1]]).toEqual([0, 2]);
    expect(decoded.subarray(2, K - 33).includes(0)).toBe(false);
    expect(decoded[K - 33]).toBe(0);
  });

  it('refuses messages longer than k-11 bytes', () => {
    expect(() => pkcs1v15Encrypt(key, new Uint8Array(K - 10))).toThrow(RangeError);
  });

  it('accepts the minimum padding (PS of exactly 8 bytes) and an empty message', () => {
    const m = new Uint8Array(K - 11).fill(1);
    expect(pkcs1v15Decrypt(key, rawEncrypt(em(8, m)))).toEqual(m);
    expect(pkcs1v15Decrypt(key, rawEncrypt(em(K - 3, new Uint8Array(0))), 0)).toEqual(new Uint8Array(0));
  });

  const m32 = new Uint8Array(32).fill(0xab);
  const cases: [string, () => Uint8Array][] = [
    ['EM[0] != 0', () => em(K - 35, m32, (e) => { e[0] = 1; })],
    ['EM[1] != 2', () => em(K - 35, m32, (e) => { e[1] = 1; })],
    ['no 0x00 separator', () => em(K - 35, m32, (e) => { e[K - 33] = 0xff; e.fill(0x11, K - 32); })],
    ['PS of 7 bytes', () => em(7, new Uint8Array(K - 10).fill(3))],
    ['PS of 0 bytes', () => em(0, new Uint8Array(K - 3).fill(3))],
  ];
  for (const [name, build] of cases) {
    it(`rejects ${name} with the one unwrap error`, () => expectUnwrapFailed(() => pkcs1v15Decrypt(key, rawEncrypt(build()))));
  }

  it('rejects a wrong expectedLength, wrong ciphertext length, c >= n and tampering with the same error', () => {
    const c = pkcs1v15Encrypt(key, m32);
    expect(pkcs1v15Decrypt(key, c, 32)).toEqual(m32);
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, c, 31));
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, c, 16));
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, c.subarray(1)));
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, new Uint8Array([0, ...c])));
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, bigIntToBytes(key.n, K)));
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, new Uint8Array(K).fill(0xff)));
    const tampered = c.slice();
    tampered[K - 1]! ^= 1;
    expectUnwrapFailed(() => pkcs1v15Decrypt(key, tampered));
  });

  it('withholds a faulty CRT result (fault-attack check)', () => {
    const faulty = { ...key, dp: key.dp + 1n };
    const c = pkcs1v15Encrypt(key, m32);
    expectUnwrapFailed(() => pkcs1v15Decrypt(faulty, c));
  });
});
