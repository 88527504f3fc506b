// The RSA-OAEP decryption seam of RsaMasterKey: a runtime may bring its own OAEP SHA-1 decryption instead of
// WebCrypto's (OpenSSL in @oss-cse/node); core keeps the one unwrap error and the length check whatever it returns,
// and the seam survives the key's other seams.
import { describe, expect, it } from 'vitest';
import { UNWRAP_FAILED_MESSAGE } from '../errors.js';
import { generateRsaKeyPair } from './generate.js';
import { exportRsaJwk } from './import/jwk.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type UnwrapContext } from './master-key.js';
import { RsaMasterKey } from './rsa-master-key.js';
import { bigIntToBytes, bytesToBigInt, modPow } from './rsa/bigint-math.js';
import type { RsaOaepDecrypt, RsaOaepDecryptFactory } from './rsa/oaep.js';
import type { RsaPrivateKeyComponents } from './rsa/rsa-key.js';

const ctx = (
  expectedLength: number,
  wrapAlgorithm: UnwrapContext['wrapAlgorithm'] = WRAP_RSA_OAEP_SHA1,
): UnwrapContext => ({ wrapAlgorithm, part: 'key', formatVersion: 2, expectedLength, headerValue: '' });

const expectUnwrapFailed = (p: Promise<unknown>) =>
  expect(p).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE });

/** An independent OAEP decryption for the seam (WebCrypto on a key imported here), its calls counted. */
function countedOaep(): { factory: RsaOaepDecryptFactory; calls: () => number; created: () => number } {
  let calls = 0;
  let created = 0;
  const factory: RsaOaepDecryptFactory = async (key: RsaPrivateKeyComponents) => {
    created++;
    const jwk = exportRsaJwk(key);
    const cryptoKey = await crypto.subtle.importKey('jwk', jwk, { name: 'RSA-OAEP', hash: 'SHA-1' }, false, [
      'decrypt',
    ]);
    return async (ciphertext) => {
      calls++;
      return new Uint8Array(
        await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, cryptoKey, ciphertext as Uint8Array<ArrayBuffer>),
      );
    };
  };
  return { factory, calls: () => calls, created: () => created };
}

const pair = await generateRsaKeyPair();
const oaepKey = await RsaMasterKey.import({
  privateKey: pair.privateKey,
  description: { v: '1' },
  wrapAlgorithm: WRAP_RSA_OAEP_SHA1,
});

describe('RsaMasterKey: the RSA-OAEP decryption seam', () => {
  it('withOaepDecrypt: the same key, created once, unwrapping OAEP through the given decryption; PKCS#1 unaffected', async () => {
    const counted = countedOaep();
    expect(oaepKey.usesWebCryptoOaep).toBe(true);
    const fast = await oaepKey.withOaepDecrypt(counted.factory);
    expect(fast).not.toBe(oaepKey);
    expect(fast.usesWebCryptoOaep).toBe(false);
    expect([fast.keyId, fast.description, fast.wrapAlgorithm]).toEqual([oaepKey.keyId, { v: '1' }, WRAP_RSA_OAEP_SHA1]);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await fast.unwrap(await oaepKey.wrap(cek, { part: 'key' }), ctx(32))).toEqual(cek);
    expect(await fast.unwrap(await fast.wrap(cek, { part: 'key' }), ctx(32))).toEqual(cek);
    expect([counted.created(), counted.calls()]).toEqual([1, 2]);
    const pkcs1 = await (await RsaMasterKey.import({ publicKey: pair.publicKey })).wrap(cek, { part: 'key' });
    expect(await fast.unwrap(pkcs1, ctx(32, WRAP_RSA_PKCS1))).toEqual(cek);
    expect(counted.calls()).toBe(2);
  });

  it("keeps core's rules: every failure, a non-byte result and a wrong length are the one ERR_UNWRAP_FAILED", async () => {
    const wrapped = await oaepKey.wrap(new Uint8Array(32).fill(1), { part: 'key' });
    const returned: Uint8Array[] = [];
    const withOp = (op: RsaOaepDecrypt) => oaepKey.withOaepDecrypt(() => op);
    await expectUnwrapFailed(
      (
        await withOp(() => {
          throw new Error('bad padding at byte 3');
        })
      ).unwrap(wrapped, ctx(32)),
    );
    await expectUnwrapFailed((await withOp(() => 'text' as never)).unwrap(wrapped, ctx(32)));
    const short = await withOp(() => {
      const r = new Uint8Array(16).fill(9);
      returned.push(r);
      return r;
    });
    await expectUnwrapFailed(short.unwrap(wrapped, ctx(32)));
    expect(returned[0]!.every((b) => b === 0)).toBe(true); // the operation's output is wiped
    // A ciphertext of the wrong size never reaches the operation.
    let reached = false;
    const never = await withOp(() => {
      reached = true;
      return new Uint8Array(32);
    });
    await expectUnwrapFailed(never.unwrap(wrapped.subarray(1), ctx(32)));
    expect(reached).toBe(false);
  });

  it('survives withPrivateOperation and withPublicOperation; a write-only key is returned as is; bad factories refused', async () => {
    const counted = countedOaep();
    const fast = await oaepKey.withOaepDecrypt(counted.factory);
    const plain = (key: RsaPrivateKeyComponents) => (input: Uint8Array) =>
      bigIntToBytes(modPow(bytesToBigInt(input), key.d, key.n), input.length);
    const both = (await fast.withPrivateOperation(plain)).withPublicOperation(
      (key) => (input) => bigIntToBytes(modPow(bytesToBigInt(input), key.e, key.n), input.length),
    );
    expect(both.usesWebCryptoOaep).toBe(false);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await both.unwrap(await both.wrap(cek, { part: 'key' }), ctx(32))).toEqual(cek);
    expect(counted.calls()).toBe(1);
    const writeOnly = await RsaMasterKey.import({ publicKey: pair.publicKey });
    expect(
      await writeOnly.withOaepDecrypt(() => {
        throw new Error('never called');
      }),
    ).toBe(writeOnly);
    await expect(oaepKey.withOaepDecrypt('fast' as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(
      oaepKey.withOaepDecrypt(() => {
        throw new Error('no such key');
      }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT' });
    await expect(oaepKey.withOaepDecrypt(() => 'op' as never)).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT' });
  });
});
