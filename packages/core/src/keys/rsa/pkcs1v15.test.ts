import fc from 'fast-check';
import { loadVector } from '@oss-cse/test-vectors';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UNWRAP_FAILED_MESSAGE } from '../../errors.js';
import { importRsaKey } from '../import/index.js';
import { bigIntToBytes, bytesToBigInt } from './bigint-math.js';
import { checkedPrivateOperation, type CheckedRsaPrivateOperation } from './checked-private-operation.js';
import { nonZeroRandom, pkcs1v15Decrypt, pkcs1v15Encrypt } from './pkcs1v15.js';
import { portableRsaPrivateOperation } from './portable-private-operation.js';
import { isRsaPrivateKey, type RsaPrivateKeyComponents } from './rsa-key.js';
import { bigIntRsaPrivateOperation, rsaPublicOp } from './rsa-private-op.js';

let key: RsaPrivateKeyComponents;
let decrypt: CheckedRsaPrivateOperation;
const K = 128;

beforeAll(async () => {
  const v = await loadVector<{ private_key_pkcs1_pem: string }>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
  const k = await importRsaKey(v.private_key_pkcs1_pem);
  if (!isRsaPrivateKey(k)) throw new Error('expected a private key');
  key = k;
  decrypt = await checkedPrivateOperation(key, await portableRsaPrivateOperation(key));
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

const expectUnwrapFailed = (p: Promise<unknown>) =>
  expect(p).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE });

describe('RSAES-PKCS1-v1_5 (checked private operation, constant-flow decoding)', () => {
  const engines = {
    'portable (auto)': portableRsaPrivateOperation,
    'portable (js)': (k: RsaPrivateKeyComponents) => portableRsaPrivateOperation(k, { arithmetic: 'js' }),
    bigint: bigIntRsaPrivateOperation,
  };
  for (const [name, engine] of Object.entries(engines)) {
    it(`round-trips random messages of 0..k-11 bytes through the ${name} operation (property)`, async () => {
      const op = await checkedPrivateOperation(key, await engine(key));
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: K - 11 }), async (m) => {
          const c = pkcs1v15Encrypt(key, m);
          expect(c.length).toBe(K);
          expect(await pkcs1v15Decrypt(op, c)).toEqual(m);
          expect(await pkcs1v15Decrypt(op, c, m.length)).toEqual(m);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('pads with fresh random non-zero bytes: two encryptions differ, PS has no zero', async () => {
    const m = new Uint8Array(32).fill(7);
    const c1 = pkcs1v15Encrypt(key, m);
    const c2 = pkcs1v15Encrypt(key, m);
    expect(c1).not.toEqual(c2);
    const decoded = await decrypt(c1);
    expect([decoded[0], decoded[1]]).toEqual([0, 2]);
    expect(decoded.subarray(2, K - 33).includes(0)).toBe(false);
    expect(decoded[K - 33]).toBe(0);
  });

  it('refuses messages longer than k-11 bytes', () => {
    expect(() => pkcs1v15Encrypt(key, new Uint8Array(K - 10))).toThrow(RangeError);
  });

  it('accepts the minimum padding (PS of exactly 8 bytes) and an empty message', async () => {
    const m = new Uint8Array(K - 11).fill(1);
    expect(await pkcs1v15Decrypt(decrypt, rawEncrypt(em(8, m)))).toEqual(m);
    expect(await pkcs1v15Decrypt(decrypt, rawEncrypt(em(K - 3, new Uint8Array(0))), 0)).toEqual(new Uint8Array(0));
  });

  const m32 = new Uint8Array(32).fill(0xab);
  const cases: [string, () => Uint8Array][] = [
    [
      'EM[0] != 0',
      () =>
        em(K - 35, m32, (e) => {
          e[0] = 1;
        }),
    ],
    [
      'EM[1] != 2',
      () =>
        em(K - 35, m32, (e) => {
          e[1] = 1;
        }),
    ],
    [
      'no 0x00 separator',
      () =>
        em(K - 35, m32, (e) => {
          e[K - 33] = 0xff;
          e.fill(0x11, K - 32);
        }),
    ],
    ['PS of 7 bytes', () => em(7, new Uint8Array(K - 10).fill(3))],
    ['PS of 0 bytes', () => em(0, new Uint8Array(K - 3).fill(3))],
  ];
  for (const [name, build] of cases) {
    it(`rejects ${name} with the one unwrap error`, () =>
      expectUnwrapFailed(pkcs1v15Decrypt(decrypt, rawEncrypt(build()))));
  }

  it('rejects a wrong expectedLength, wrong ciphertext length, c >= n and tampering with the same error', async () => {
    const c = pkcs1v15Encrypt(key, m32);
    expect(await pkcs1v15Decrypt(decrypt, c, 32)).toEqual(m32);
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, c, 31));
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, c, 16));
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, c.subarray(1)));
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, new Uint8Array([0, ...c])));
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, bigIntToBytes(key.n, K)));
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, new Uint8Array(K).fill(0xff)));
    const tampered = c.slice();
    tampered[K - 1]! ^= 1;
    await expectUnwrapFailed(pkcs1v15Decrypt(decrypt, tampered));
  });

  it('withholds a faulty CRT result (fault-attack check)', async () => {
    const faulty = await checkedPrivateOperation(key, bigIntRsaPrivateOperation({ ...key, dp: key.dp + 1n }));
    const c = pkcs1v15Encrypt(key, m32);
    await expectUnwrapFailed(pkcs1v15Decrypt(faulty, c));
  });
});

describe('PKCS#1 v1.5 padding bytes', () => {
  it('replaces zero bytes from spare draws, not one getRandomValues call per zero byte', () => {
    const real = crypto.getRandomValues.bind(crypto);
    let first = true;
    const draws = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView>(a: T) => {
      if (first) {
        first = false; // the first draw: all zero bytes, each to be replaced
        return a;
      }
      const out = real(a as unknown as Uint8Array);
      for (let i = 0; i < out.length; i++) out[i] ||= 1;
      return a;
    });
    try {
      const ps = nonZeroRandom(40);
      expect(ps.every((b) => b !== 0)).toBe(true);
      expect(draws).toHaveBeenCalledTimes(1 + Math.ceil(40 / 16));
    } finally {
      draws.mockRestore();
    }
  });
});
