// Counter carries in Node and in Chromium: IVs a few blocks before a carry out of the low 64 bits and before
// the wrap at 2^128. The reference keystream is independent of the CTR code: each block is AES-CBC (zero IV)
// of the counter value, computed here with BigInt. (test/counter-carry.test.ts cross-checks with node:crypto.)
import { describe, expect, it } from 'vitest';
import { ContentCipher } from './content-cipher.js';
import { fromHex } from '../util/bytes.js';

const MOD = 1n << 128n;
const toBlock = (v: bigint) => fromHex(v.toString(16).padStart(32, '0'));
const toBig = (b: Uint8Array) => BigInt(`0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`);

/** AES_K(IV + j) for blocks j = first..first+count-1, each as the first block of AES-CBC with a zero IV. */
async function keystream(cek: Uint8Array, iv: Uint8Array, first: number, count: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-CBC', false, ['encrypt']);
  const out = new Uint8Array(count * 16);
  for (let j = 0; j < count; j++) {
    const block = toBlock((toBig(iv) + BigInt(first + j)) % MOD);
    const enc = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, block as BufferSource),
    );
    out.set(enc.subarray(0, 16), j * 16);
  }
  return out;
}

describe('AES-CTR counter carries (AES-CBC reference, Node and Chromium)', () => {
  it.each([
    ['out of the low 64 bits', 'a1a2a3a4a5a6a7a8fffffffffffffffd'],
    ['past 2^128 (wraps to zero)', 'fffffffffffffffffffffffffffffffd'],
  ])('the keystream carries %s, in one call and from every offset', async (_, ivHex) => {
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const iv = fromHex(ivHex);
    const expected = await keystream(cek, iv, 0, 8);
    const cipher = await ContentCipher.fromDataKey(cek.slice(), iv);
    for (let offset = 0; offset < expected.length; offset += 16) {
      expect(await cipher.decryptAt(offset, new Uint8Array(expected.length - offset))).toEqual(
        expected.subarray(offset),
      );
    }
  });

  it('a far offset past a low-64-bit carry', async () => {
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const iv = fromHex('0102030405060708ffffff0000000000');
    const first = 2 ** 40 + 1; // IV + first = 2^64 + 1 in the low half: a carry into byte 7
    const cipher = await ContentCipher.fromDataKey(cek.slice(), iv);
    expect(await cipher.decryptAt(first * 16, new Uint8Array(48))).toEqual(await keystream(cek, iv, first, 3));
  });
});
