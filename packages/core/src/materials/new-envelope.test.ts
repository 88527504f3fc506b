// A new object's material: data key and IV drawn with one getRandomValues call (each in its own buffer, the IV's
// bytes 8..11 zero), both wrapped (concurrently, and the IV's wrap alongside a KMS-style data key generation), and
// the key wiped when a wrap fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WRAP_RSA_PKCS1, type MasterKey } from '../keys/master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { newEnvelopeMaterial } from './new-envelope.js';

/** A master key that "wraps" by copying (no randomness of its own), recording what it was given. */
function copyingKey(fail?: 'key' | 'iv') {
  const given: { part: string; plain: Uint8Array }[] = [];
  const key: MasterKey = {
    wrapAlgorithm: WRAP_RSA_PKCS1,
    description: {},
    canUnwrap: false,
    supportsUnwrap: () => false,
    async wrap(plain, context) {
      given.push({ part: context.part, plain });
      if (context.part === fail) throw new Error('wrap failed');
      return plain.slice();
    },
    unwrap: () => Promise.reject(new Error('not used')),
  };
  return { key, given };
}

describe('newEnvelopeMaterial', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws key and IV with one getRandomValues call, in separate buffers, the IV as the SDKs make it', async () => {
    const { key, given } = copyingKey();
    const draws = vi.spyOn(crypto, 'getRandomValues');
    const m = await newEnvelopeMaterial(new Keyring([key]), {});
    expect(draws).toHaveBeenCalledTimes(1);
    expect(m.cek).toHaveLength(32);
    expect(m.iv).toHaveLength(16);
    expect(m.cek.buffer).not.toBe(m.iv.buffer);
    expect(m.cek.byteLength).toBe(m.cek.buffer.byteLength);
    expect([...m.iv.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    expect(given.map((g) => g.part)).toEqual(['key', 'iv']);
    expect(m.wrapped.wrappedKey).toEqual(m.cek);
    expect(m.wrapped.wrappedIv).toEqual(m.iv);
    // The draw itself was wiped: no copy of the key is left behind in it.
    expect((draws.mock.results[0]!.value as Uint8Array).every((b) => b === 0)).toBe(true);
  });

  it('wraps the data key and the IV concurrently (a put waits for the slower operation, not for both in turn)', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async <T>(value: T): Promise<T> => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return value;
    };
    const { key } = copyingKey();
    const wrapping: MasterKey = { ...key, wrap: (plain) => slow(plain.slice()) };
    await newEnvelopeMaterial(new Keyring([wrapping]), {});
    expect(most).toBe(2);
    most = 0;
    const generating: MasterKey = {
      ...wrapping,
      generateDataKey: () => slow({ plain: new Uint8Array(32).fill(7), wrapped: new Uint8Array([1, 2, 3]) }),
    };
    const m = await newEnvelopeMaterial(new Keyring([generating]), {});
    expect(most).toBe(2);
    expect(m.wrapped.wrappedKey).toEqual(new Uint8Array([1, 2, 3]));
    expect(m.wrapped.wrappedIv).toEqual(m.iv);
  });

  it('wipes a generated data key when wrapping the IV fails, and one of the wrong length', async () => {
    const { key } = copyingKey('iv');
    const plain = new Uint8Array(32).fill(7);
    const generating: MasterKey = { ...key, generateDataKey: async () => ({ plain, wrapped: new Uint8Array(3) }) };
    await expect(newEnvelopeMaterial(new Keyring([generating]), {})).rejects.toThrow('wrap failed');
    expect(plain.every((b) => b === 0)).toBe(true);
    const short = new Uint8Array(16).fill(7);
    const generatingShort: MasterKey = {
      ...copyingKey().key,
      generateDataKey: async () => ({ plain: short, wrapped: new Uint8Array(3) }),
    };
    await expect(newEnvelopeMaterial(new Keyring([generatingShort]), {})).rejects.toMatchObject({
      code: 'ERR_BAD_DATA_KEY',
    });
    expect(short.every((b) => b === 0)).toBe(true);
  });

  it('wipes the data key when wrapping the IV fails', async () => {
    const { key, given } = copyingKey('iv');
    await expect(newEnvelopeMaterial(new Keyring([key]), {})).rejects.toThrow('wrap failed');
    expect(given[0]!.plain.every((b) => b === 0)).toBe(true);
  });

  it('wipes the data key when wrapping it fails, and reports that failure', async () => {
    const { key, given } = copyingKey('key');
    await expect(newEnvelopeMaterial(new Keyring([key]), {})).rejects.toThrow('wrap failed');
    expect(given[0]!.plain.every((b) => b === 0)).toBe(true);
  });
});
