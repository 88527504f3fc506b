// Node-only cross-check of core's portable RSA private operation (WebAssembly SIMD and JavaScript arithmetic)
// against OpenSSL's raw RSA (privateDecrypt with RSA_NO_PADDING) on random keys and random ciphertexts.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../util/bytes.js';
import { parseJwk } from '../import/jwk.js';
import { bigIntToBytes, bytesToBigInt } from './bigint-math.js';
import { portableRsaPrivateOperation } from './portable-private-operation.js';
import { isRsaPrivateKey } from './rsa-key.js';

/** The part of node:crypto this test uses (core compiles with `types: []`). */
interface NodeCrypto {
  constants: { RSA_NO_PADDING: number };
  generateKeyPairSync(
    type: 'rsa',
    o: { modulusLength: number },
  ): { privateKey: { export(o: { format: 'jwk' }): JsonWebKey } };
  privateDecrypt(key: { key: object; padding: number }, data: Uint8Array): Uint8Array;
  createPrivateKey(key: { key: JsonWebKey; format: 'jwk' }): object;
}
const nodeCryptoId = 'node:crypto';

describe('portable RSA private operation vs OpenSSL raw RSA', () => {
  for (const bits of [2048, 3072, 4096]) {
    it(`agrees on random ${bits}-bit keys and random ciphertexts (wasm and js arithmetic)`, async () => {
      const nc = (await import(/* @vite-ignore */ nodeCryptoId)) as NodeCrypto;
      for (let round = 0; round < 2; round++) {
        const jwk = nc.generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ format: 'jwk' });
        const key = parseJwk(jwk);
        if (!isRsaPrivateKey(key)) throw new Error('expected a private key');
        const openssl = nc.createPrivateKey({ key: jwk, format: 'jwk' });
        const [wasm, js] = [
          await portableRsaPrivateOperation(key),
          await portableRsaPrivateOperation(key, { arithmetic: 'js' }),
        ];
        const k = bits / 8;
        const inputs = [0n, 1n, 2n, key.n - 1n, key.p, key.q];
        for (let i = 0; i < 40; i++) inputs.push(bytesToBigInt(crypto.getRandomValues(new Uint8Array(k))) % key.n);
        for (const [i, c] of inputs.entries()) {
          const input = bigIntToBytes(c, k);
          const expected = toHex(
            new Uint8Array(nc.privateDecrypt({ key: openssl, padding: nc.constants.RSA_NO_PADDING }, input)),
          );
          expect(toHex((await wasm(input)) as Uint8Array), `c=${c}`).toBe(expected);
          if (i < 12) expect(toHex((await js(input)) as Uint8Array), `c=${c}`).toBe(expected); // the slow fallback on a few
        }
      }
    });
  }
});
