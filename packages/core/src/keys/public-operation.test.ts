// The RSA public-operation seam of RsaMasterKey: a runtime may bring its own raw `m^e mod n` for PKCS#1 v1.5 wraps;
// core checks it against its own BigInt one when the key gets it, and the length of every result.
import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from './generate.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type UnwrapContext } from './master-key.js';
import { RsaMasterKey } from './rsa-master-key.js';
import { bigIntToBytes, bytesToBigInt, modPow } from './rsa/bigint-math.js';
import type { RsaPublicOperation, RsaPublicOperationFactory } from './rsa/public-operation.js';

const ctx = (wrapAlgorithm: UnwrapContext['wrapAlgorithm'] = WRAP_RSA_PKCS1): UnwrapContext => ({
  wrapAlgorithm,
  part: 'key',
  formatVersion: 2,
  expectedLength: 32,
  headerValue: '',
});

/** An independent `m^e mod n` (plain square-and-multiply via modPow), counted. */
function counted(): { factory: RsaPublicOperationFactory; calls: () => number; created: () => number } {
  let calls = 0;
  let created = 0;
  const factory: RsaPublicOperationFactory = (key) => {
    created++;
    return (input) => {
      calls++;
      return bigIntToBytes(modPow(bytesToBigInt(input), key.e, key.n), input.length);
    };
  };
  return { factory, calls: () => calls, created: () => created };
}

describe('RsaMasterKey: the public-operation seam', () => {
  it('creates the given operation once per key, checks it once, and wraps PKCS#1 v1.5 through it', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const op = counted();
    const mk = await RsaMasterKey.import({ privateKey, publicOperation: op.factory });
    expect(mk.usesPortablePublicOperation).toBe(false);
    expect([op.created(), op.calls()]).toEqual([1, 1]); // the check against core's
    for (let i = 0; i < 3; i++) {
      const cek = crypto.getRandomValues(new Uint8Array(32));
      expect(await mk.unwrap(await mk.wrap(cek, { part: 'key' }), ctx())).toEqual(cek);
    }
    expect([op.created(), op.calls()]).toEqual([1, 4]);
  });

  it('withPublicOperation: the same key (id, description, private operation); OAEP wraps unaffected', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const mk = await RsaMasterKey.import({ privateKey, description: { v: '1' } });
    expect(mk.usesPortablePublicOperation).toBe(true);
    const op = counted();
    const fast = mk.withPublicOperation(op.factory);
    expect([fast.keyId, fast.description, fast.wrapAlgorithm, fast.canUnwrap]).toEqual([
      mk.keyId,
      { v: '1' },
      WRAP_RSA_PKCS1,
      true,
    ]);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await mk.unwrap(await fast.wrap(cek, { part: 'key' }), ctx())).toEqual(cek);
    expect(op.calls()).toBe(2);
    // Kept when the private operation is replaced afterwards.
    const both = await fast.withPrivateOperation(
      (key) => (c) => bigIntToBytes(modPow(bytesToBigInt(c), key.d, key.n), c.length),
    );
    expect(both.usesPortablePublicOperation).toBe(false);
    await both.wrap(cek, { part: 'iv' });
    expect(op.calls()).toBe(3);
    const oaep = await RsaMasterKey.import({ privateKey, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 });
    const oaepFast = oaep.withPublicOperation(op.factory);
    const wrapped = await oaepFast.wrap(cek, { part: 'key' });
    expect(op.calls()).toBe(4); // only the check
    expect(await oaep.unwrap(wrapped, ctx(WRAP_RSA_OAEP_SHA1))).toEqual(cek);
  });

  it('keeps a write-only key write-only, and a non-extractable OAEP key unwrapping', async () => {
    const { publicKey } = await generateRsaKeyPair();
    const writer = (await RsaMasterKey.import({ publicKey })).withPublicOperation(counted().factory);
    expect(writer.canUnwrap).toBe(false);
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', hash: 'SHA-1', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      false,
      ['encrypt', 'decrypt'],
    );
    const held = (await RsaMasterKey.fromCryptoKeys(pair)).withPublicOperation(counted().factory);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await held.unwrap(await held.wrap(cek, { part: 'key' }), ctx(WRAP_RSA_OAEP_SHA1))).toEqual(cek);
  });

  it('refuses an operation that is not m^e mod n, or fails, with ERR_KEY_IMPORT (its message not passed on)', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const mk = await RsaMasterKey.import({ privateKey });
    const behaviours: Record<string, RsaPublicOperation> = {
      'random bytes': (input) => crypto.getRandomValues(new Uint8Array(input.length)),
      identity: (input) => input,
      'one byte short': (input) => new Uint8Array(input.length - 1),
      'not bytes': () => 'x' as never,
      throws: () => {
        throw new Error('secret 42');
      },
    };
    for (const [name, op] of Object.entries(behaviours)) {
      expect(() => mk.withPublicOperation(() => op), name).toThrow(
        expect.objectContaining({ code: 'ERR_KEY_IMPORT', message: expect.not.stringContaining('secret 42') }),
      );
      await expect(RsaMasterKey.import({ privateKey, publicOperation: () => op }), name).rejects.toMatchObject({
        code: 'ERR_KEY_IMPORT',
      });
    }
    expect(() => mk.withPublicOperation(() => 'fast' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_IMPORT' }),
    );
    expect(() => mk.withPublicOperation('fast' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  it('refuses a result of the wrong length at a later wrap', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const right = counted();
    let broken = false;
    const mk = (await RsaMasterKey.import({ privateKey })).withPublicOperation((key) => {
      const op = right.factory(key);
      return (input) => (broken ? op(input).subarray(1) : op(input));
    });
    broken = true;
    await expect(mk.wrap(new Uint8Array(32), { part: 'key' })).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT' });
  });
});
