// OpenSSL's raw RSA through core's seam: the same c^d mod n as BigInt, and RsaMasterKey unwraps what OpenSSL
// and core wrap, with core's checks and single error kept.
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { modulusLength, RsaMasterKey, UNWRAP_FAILED_MESSAGE, type RsaPrivateKeyComponents } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { nodeRsaPrivateOperation, nodeRsaPublicOperation } from './openssl-rsa.js';

const toBytes = (x: bigint, k: number) => new Uint8Array(Buffer.from(x.toString(16).padStart(2 * k, '0'), 'hex'));
const big = (b64url: string) => BigInt('0x' + Buffer.from(b64url, 'base64url').toString('hex'));
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
function generate(bits: number) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const j = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  const components: RsaPrivateKeyComponents = {
    n: big(j.n!),
    e: big(j.e!),
    d: big(j.d!),
    p: big(j.p!),
    q: big(j.q!),
    dp: big(j.dp!),
    dq: big(j.dq!),
    qi: big(j.qi!),
  };
  return { components, publicKey };
}
const ctx = {
  wrapAlgorithm: 'RSA/NONE/PKCS1Padding',
  part: 'key',
  formatVersion: 2,
  expectedLength: 32,
  headerValue: '',
} as const;

describe('nodeRsaPublicOperation', () => {
  for (const bits of [2048, 4096]) {
    it(`computes m^e mod n like BigInt on random ${bits}-bit keys and messages`, () => {
      const { components: key } = generate(bits);
      const op = nodeRsaPublicOperation({ n: key.n, e: key.e });
      const k = bits / 8;
      for (let i = 0; i < 4; i++) {
        const m = BigInt('0x' + Buffer.from(crypto.getRandomValues(new Uint8Array(k))).toString('hex')) % key.n;
        const out = op(toBytes(m, k));
        expect(Buffer.from(out).toString('hex')).toBe(Buffer.from(toBytes(modPow(m, key.e, key.n), k)).toString('hex'));
      }
    });
  }

  it('RsaMasterKey with it wraps what OpenSSL and core unwrap', async () => {
    const { components } = generate(2048);
    const mk = await RsaMasterKey.import({ privateKey: components, publicOperation: nodeRsaPublicOperation });
    expect(mk.usesPortablePublicOperation).toBe(false);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = await mk.wrap(cek, { part: 'key' });
    const portable = await RsaMasterKey.import({ privateKey: components, privateOperation: undefined });
    expect(await portable.unwrap(wrapped, ctx)).toEqual(cek);
  });
});

describe('nodeRsaPrivateOperation', () => {
  for (const bits of [2048, 3072, 4096]) {
    it(`computes c^d mod n like BigInt on random ${bits}-bit keys and ciphertexts`, () => {
      const { components: key } = generate(bits);
      const op = nodeRsaPrivateOperation(key);
      const k = bits / 8;
      for (let i = 0; i < 4; i++) {
        const c = BigInt('0x' + Buffer.from(crypto.getRandomValues(new Uint8Array(k))).toString('hex')) % key.n;
        const out = op(toBytes(c, k)) as Uint8Array;
        expect(Buffer.from(out).toString('hex')).toBe(Buffer.from(toBytes(modPow(c, key.d, key.n), k)).toString('hex'));
      }
    });
  }

  it('RsaMasterKey with it unwraps OpenSSL PKCS#1 v1.5 and its own wraps, and keeps the one error', async () => {
    const { components, publicKey } = generate(2048);
    const mk = await RsaMasterKey.import({ privateKey: components, privateOperation: nodeRsaPrivateOperation });
    expect(modulusLength(mk.publicKey)).toBe(2048);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = new Uint8Array(publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, cek));
    expect(await mk.unwrap(wrapped, ctx)).toEqual(cek);
    expect(await mk.unwrap(await mk.wrap(cek, { part: 'key' }), ctx)).toEqual(cek);
    const tampered = wrapped.slice();
    tampered[7]! ^= 1;
    const failure = { code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE };
    await expect(mk.unwrap(tampered, ctx)).rejects.toMatchObject(failure);
    await expect(mk.unwrap(toBytes(components.n, 256), ctx)).rejects.toMatchObject(failure);
    await expect(mk.unwrap(wrapped, { ...ctx, expectedLength: 16 })).rejects.toMatchObject(failure);
    const swapped = await (
      await RsaMasterKey.import({ privateKey: components })
    ).withPrivateOperation(nodeRsaPrivateOperation);
    expect(await swapped.unwrap(wrapped, ctx)).toEqual(cek);
  });
});
