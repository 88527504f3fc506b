// The JavaScript MD5 and CRC-64 hashers (the fallbacks of runtimes that forbid run-time WebAssembly) give the same
// values as the WebAssembly ones, for every length around the block boundaries and under any chunking.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsHasher } from './crc64.js';
import { crc64Wasm as wasmCrc } from './crc64-wasm.js';
import { jsMd5, Md5 } from './md5-js.js';
import { md5Base64 as wasmMd5 } from './plaintext-md5.js';

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 7)) & 255);
}

describe('JavaScript MD5', () => {
  it('matches RFC 1321 test suite values', () => {
    const hex = (s: string) =>
      Array.from(new Md5().update(new TextEncoder().encode(s)).digest(), (b) => b.toString(16).padStart(2, '0')).join(
        '',
      );
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(hex('1234567890'.repeat(8))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('equals the WebAssembly MD5 for every length 0..200 and a few large ones', async () => {
    for (const n of [...Array.from({ length: 201 }, (_, i) => i), 1_000_003, 4 * 1024 * 1024]) {
      const data = bytes(n, n);
      const js = jsMd5();
      js.update(data);
      expect([n, js.digestBase64()]).toEqual([n, await wasmMd5(data)]);
    }
  });

  it('does not depend on how the input is split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat(300), { maxLength: 20 }),
        async (data, cuts) => {
          const js = jsMd5();
          let at = 0;
          for (const c of cuts) {
            js.update(data.subarray(at, Math.min(data.length, at + c)));
            at = Math.min(data.length, at + c);
          }
          js.update(data.subarray(at));
          expect(js.digestBase64()).toBe(await wasmMd5(data));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses updates after the digest', () => {
    const h = new Md5();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(TypeError);
  });
});

describe('JavaScript CRC-64 hasher', () => {
  it('equals the WebAssembly CRC-64 under any chunking and finishes once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.nat(700), async (data, cut) => {
        const h = jsHasher();
        h.update(data.subarray(0, cut)).update(data.subarray(cut));
        expect(h.value()).toBe(await wasmCrc(data));
        expect(h.value()).toBe(await wasmCrc(data));
        expect(() => h.update(new Uint8Array(1))).toThrow(TypeError);
      }),
      { numRuns: 100 },
    );
  });
});
