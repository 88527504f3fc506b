// The WebAssembly MD5 and CRC-64 this package generates (checksum-wasm.ts) against hash-wasm's (an independent
// implementation, a development dependency only) and the RFC 1321 / CRC-64/XZ check values: every length around
// the block and word boundaries, any chunking, inputs larger than the copy buffer. Runs in Node and in Chromium.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCRC64, createMD5 } from 'hash-wasm';
import { toBase64, utf8 } from '../util/bytes.js';
import { crc64Wasm, createCrc64Wasm } from './crc64-wasm.js';
import { createMd5, md5Base64 } from './plaintext-md5.js';

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 7)) & 255);
}

async function referenceMd5(data: Uint8Array): Promise<string> {
  const h = await createMD5();
  h.init();
  h.update(data);
  return toBase64(h.digest('binary'));
}

async function referenceCrc(data: Uint8Array): Promise<bigint> {
  const h = await createCRC64();
  h.init();
  h.update(data);
  return BigInt(`0x${h.digest('hex')}`);
}

/** Lengths around every block and word boundary, and beyond the 245,696-byte copy buffer. */
const LENGTHS = [...Array.from({ length: 301 }, (_, i) => i), 245_695, 245_696, 245_760, 1_000_003];

async function sameForEveryLength<T>(
  ours: (data: Uint8Array) => Promise<T>,
  reference: (data: Uint8Array) => Promise<T>,
) {
  for (const n of LENGTHS) expect(await ours(bytes(n, n)), `length ${n}`).toBe(await reference(bytes(n, n)));
}

/** `data` cut at `cuts` (sorted offsets). */
function pieces(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
  return at.slice(1).map((end, i) => data.subarray(at[i], end));
}

/** Runs `check` on 200 inputs of up to 700 bytes, each cut at up to 6 places. */
const anyCuts = (check: (data: Uint8Array, parts: Uint8Array[]) => Promise<void>) =>
  fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 700 }), fc.array(fc.nat(), { maxLength: 6 }), async (n, cuts) => {
      const data = bytes(n, cuts.length);
      await check(data, pieces(data, cuts));
    }),
    { numRuns: 200 },
  );

describe('MD5 in generated WebAssembly', () => {
  it('gives the RFC 1321 test suite values', async () => {
    const hex = async (s: string) =>
      Array.from(atob(await md5Base64(utf8(s))), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(await hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(await hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(await hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(await hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(await hex('abcdefghijklmnopqrstuvwxyz')).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(await hex('1234567890'.repeat(8))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it("equals hash-wasm's for every length 0..300 and lengths beyond the copy buffer", () =>
    sameForEveryLength(md5Base64, referenceMd5));

  it('gives the same digest however the input is cut into updates', () =>
    anyCuts(async (data, parts) => {
      const md5 = await createMd5();
      for (const piece of parts) md5.update(piece);
      expect(md5.digestBase64()).toBe(await referenceMd5(data));
    }));

  it('hashers in progress at the same time keep their own state', async () => {
    const [x, y] = [await createMd5(), await createMd5()];
    const [dx, dy] = [bytes(1000, 1), bytes(777, 2)];
    for (let at = 0; at < 1000; at += 37) {
      x.update(dx.subarray(at, at + 37));
      y.update(dy.subarray(at, at + 37));
    }
    expect(x.digestBase64()).toBe(await referenceMd5(dx));
    expect(y.digestBase64()).toBe(await referenceMd5(dy));
    expect(() => x.update(dx)).toThrow(TypeError);
  });
});

describe('CRC-64/XZ in generated WebAssembly', () => {
  it('gives the check value', async () => {
    expect(await crc64Wasm(utf8('123456789'))).toBe(0x995dc9bbdf1939fan);
    expect(await crc64Wasm(new Uint8Array())).toBe(0n);
  });

  it("equals hash-wasm's for every length 0..300 and lengths beyond the copy buffer", () =>
    sameForEveryLength(crc64Wasm, referenceCrc));

  it('gives the same value however the input is cut into updates, and hashers keep their own state', () =>
    anyCuts(async (data, parts) => {
      const [crc, other] = [await createCrc64Wasm(), await createCrc64Wasm()];
      const reversed: number[] = [];
      for (const piece of parts) {
        crc.update(piece);
        const back = piece.slice().reverse();
        other.update(back);
        reversed.push(...back);
      }
      expect(crc.value()).toBe(await referenceCrc(data));
      expect(other.value()).toBe(await referenceCrc(Uint8Array.from(reversed)));
    }));
});
