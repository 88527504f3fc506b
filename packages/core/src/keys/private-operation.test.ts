// The RSA private-operation seam of RsaMasterKey: a runtime may bring its own raw `c^d mod n`; core keeps the
// fault check, the constant-flow padding check and the one unwrap error whatever that operation returns.
import { describe, expect, it } from 'vitest';
import { UNWRAP_FAILED_MESSAGE } from '../errors.js';
import { generateRsaKeyPair } from './generate.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type UnwrapContext } from './master-key.js';
import { RsaMasterKey } from './rsa-master-key.js';
import { bigIntToBytes, bytesToBigInt, modPow } from './rsa/bigint-math.js';
import type { RsaPrivateOperation, RsaPrivateOperationFactory } from './rsa/private-operation.js';
import type { RsaPrivateKeyComponents } from './rsa/rsa-key.js';

const ctx = (
  expectedLength: number,
  wrapAlgorithm: UnwrapContext['wrapAlgorithm'] = WRAP_RSA_PKCS1,
): UnwrapContext => ({ wrapAlgorithm, part: 'key', formatVersion: 2, expectedLength, headerValue: '' });

/** A plain (non-CRT, unblinded) `c^d mod n`: an independent raw operation for the seam. */
const plainOperation =
  (key: RsaPrivateKeyComponents): RsaPrivateOperation =>
  (input) =>
    bigIntToBytes(modPow(bytesToBigInt(input), key.d, key.n), input.length);

const expectUnwrapFailed = (p: Promise<unknown>) =>
  expect(p).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE });

describe('RsaMasterKey: the private-operation seam', () => {
  it('creates the given operation once per key and unwraps PKCS#1 v1.5 through it', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const created: RsaPrivateKeyComponents[] = [];
    let calls = 0;
    const factory: RsaPrivateOperationFactory = (key) => {
      created.push(key);
      const op = plainOperation(key);
      return (input) => {
        calls++;
        return op(input);
      };
    };
    const mk = await RsaMasterKey.import({ privateKey, privateOperation: factory });
    expect(created.length).toBe(1);
    expect(created[0]!.n).toBe(privateKey.n);
    for (let i = 0; i < 3; i++) {
      const cek = crypto.getRandomValues(new Uint8Array(32));
      expect(await mk.unwrap(await mk.wrap(cek, { part: 'key' }), ctx(32))).toEqual(cek);
    }
    expect(calls).toBe(3);
    expect(created.length).toBe(1);
  });

  it('copies what the operation returns: a Uint8Array whose slice() is a view (Node Buffer) still unwraps', async () => {
    class ViewSlicing extends Uint8Array {
      override slice(start?: number, end?: number) {
        return this.subarray(start, end) as ViewSlicing;
      }
    }
    const { privateKey } = await generateRsaKeyPair();
    const mk = await RsaMasterKey.import({
      privateKey,
      privateOperation: (key) => (input) => ViewSlicing.from(plainOperation(key)(input) as Uint8Array),
    });
    const cek = crypto.getRandomValues(new Uint8Array(32));
    expect(await mk.unwrap(await mk.wrap(cek, { part: 'key' }), ctx(32))).toEqual(cek);
  });

  it('keeps the one unwrap error whatever the operation returns or throws', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const reference = await RsaMasterKey.import({ privateKey });
    const wrapped = await reference.wrap(new Uint8Array(32).fill(9), { part: 'key' });
    const behaviours: Record<string, RsaPrivateOperation> = {
      throws: () => {
        throw new Error('engine failure quoting secret 0123456789abcdef');
      },
      rejects: async () => {
        throw new Error('secret');
      },
      'random bytes': (input) => crypto.getRandomValues(new Uint8Array(input.length)),
      'one byte short': (input) => new Uint8Array(input.length - 1),
      'one byte long': (input) => plainOperation(privateKey)(new Uint8Array([0, ...input])),
      'not bytes': () => 'x' as never,
    };
    for (const [name, op] of Object.entries(behaviours)) {
      const mk = await RsaMasterKey.import({ privateKey, privateOperation: () => op });
      await expectUnwrapFailed(mk.unwrap(wrapped, ctx(32)));
      expect(name).toBeTruthy();
    }
  });

  it('withholds a well-padded result that is not c^d mod n (the fault check stays in core)', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const reference = await RsaMasterKey.import({ privateKey });
    const other = await reference.wrap(new Uint8Array(32).fill(1), { part: 'key' });
    // Answers every input with the (valid, well-padded) EM of another ciphertext.
    const wrongAnswer: RsaPrivateOperationFactory = (key) => () => plainOperation(key)(other);
    const mk = await RsaMasterKey.import({ privateKey, privateOperation: wrongAnswer });
    await expectUnwrapFailed(mk.unwrap(await reference.wrap(new Uint8Array(32).fill(2), { part: 'key' }), ctx(32)));
    // A CRT half computed with a wrong dp: the classic fault that would leak a factor of n.
    const faulty: RsaPrivateOperationFactory = (key) => (input) => {
      const c = bytesToBigInt(input);
      const m1 = modPow(c, key.dp + 1n, key.p);
      const m2 = modPow(c, key.dq, key.q);
      const h = (key.qi * (((m1 - m2) % key.p) + key.p)) % key.p;
      return bigIntToBytes(m2 + h * key.q, input.length);
    };
    const faultyKey = await RsaMasterKey.import({ privateKey, privateOperation: faulty });
    await expectUnwrapFailed(faultyKey.unwrap(other, ctx(32)));
  });

  it('a factory that throws is ERR_KEY_IMPORT without its message', async () => {
    const { privateKey } = await generateRsaKeyPair();
    await expect(
      RsaMasterKey.import({
        privateKey,
        privateOperation: () => {
          throw new Error('secret 42');
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT', message: expect.not.stringContaining('secret 42') });
    await expect(RsaMasterKey.import({ privateKey, privateOperation: 'fast' as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('withPrivateOperation: the same key (id, description, wrap algorithm) with another operation; OAEP unaffected', async () => {
    const { privateKey, publicKey } = await generateRsaKeyPair();
    const mk = await RsaMasterKey.import({ privateKey, description: { v: '1' }, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 });
    let calls = 0;
    const swapped = await mk.withPrivateOperation((key) => {
      const op = plainOperation(key);
      return (input) => {
        calls++;
        return op(input);
      };
    });
    expect(swapped).not.toBe(mk);
    expect([swapped.keyId, swapped.description, swapped.wrapAlgorithm, swapped.modulusLength]).toEqual([
      mk.keyId,
      { v: '1' },
      WRAP_RSA_OAEP_SHA1,
      2048,
    ]);
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const pkcs1 = await (await RsaMasterKey.import({ publicKey })).wrap(cek, { part: 'key' });
    expect(await swapped.unwrap(pkcs1, ctx(32))).toEqual(cek);
    expect(calls).toBe(1);
    expect(await swapped.unwrap(await mk.wrap(cek, { part: 'key' }), ctx(32, WRAP_RSA_OAEP_SHA1))).toEqual(cek);
    expect(calls).toBe(1);
    const writeOnly = await RsaMasterKey.import({ publicKey });
    expect(
      await writeOnly.withPrivateOperation(() => {
        throw new Error('never called');
      }),
    ).toBe(writeOnly);
  });
});
