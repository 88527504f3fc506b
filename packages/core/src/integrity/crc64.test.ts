// Conformance (Node + Chromium): CRC-64/XZ as OSS's x-oss-hash-crc64ecma, over every oss2 ciphertext.
import { describe, expect, it } from 'vitest';
import { Crc64, crc64, crc64Combine } from './crc64.js';
import { crc64Wasm, createCrc64Wasm } from './crc64-wasm.js';
import { utf8, concatBytes } from '../util/bytes.js';
import { b64, multipartVector, patternBytes, PUT_RSA_VECTORS, putVector } from '../../test/support/vectors.js';

describe('CRC-64/XZ', () => {
  it('matches the Go SDK check values', () => {
    expect(crc64(utf8('123456789'))).toBe(0x995dc9bbdf1939fan);
    expect(crc64(utf8('This is a test of the emergency broadcast system.'))).toBe(0x27db187fc15bbc72n);
    expect(crc64(new Uint8Array(0))).toBe(0n);
  });

  it('is independent of chunking', () => {
    const data = patternBytes(1000, 3);
    const whole = crc64(data);
    for (const cut of [1, 3, 7, 8, 9, 500, 999]) {
      expect(new Crc64().update(data.subarray(0, cut)).update(data.subarray(cut)).value()).toBe(whole);
    }
  });

  it.each(PUT_RSA_VECTORS)('matches the server CRC of %s', async (name) => {
    const v = await putVector(name);
    expect(new Crc64().update(b64(v.ciphertext_b64)).decimal()).toBe(v.server_crc64ecma_of_ciphertext);
  });

  it('combines part checksums into the multipart object checksum', async () => {
    const v = await multipartVector();
    const parts = v.parts.map((p) => b64(p.ciphertext_b64));
    let combined = crc64(parts[0]!);
    for (const p of parts.slice(1)) combined = crc64Combine(combined, crc64(p), p.length);
    expect(combined).toBe(crc64(concatBytes(parts)));
    const a = utf8('hello, ');
    expect(crc64Combine(crc64(a), crc64(new Uint8Array(0)), 0)).toBe(crc64(a));
  });
});

describe('crc64Wasm', () => {
  it('equals the JS CRC on edge sizes and on a multi-MiB buffer', async () => {
    for (const n of [0, 1, 7, 8, 9, 4096 + 3, 3 * 1024 * 1024 + 5]) {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) data[i] = (i * 31 + 7) & 255;
      expect(await crc64Wasm(data)).toBe(crc64(data));
    }
  });
});

describe('createCrc64Wasm', () => {
  it('equals the one-shot CRC over any split, with the input buffer reused between updates', async () => {
    const data = new Uint8Array(2 * 1024 * 1024 + 13);
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 17) & 255;
    const want = crc64(data);
    for (const step of [7, 4096, 65_536 + 5, data.length]) {
      const hasher = await createCrc64Wasm();
      const scratch = new Uint8Array(step);
      for (let off = 0; off < data.length; off += step) {
        const piece = data.subarray(off, off + step);
        scratch.set(piece);
        hasher.update(scratch.subarray(0, piece.length));
        scratch.fill(0); // update() is done with the bytes once it returns
      }
      expect(hasher.value()).toBe(want);
      expect(hasher.value()).toBe(want);
    }
    expect((await createCrc64Wasm()).value()).toBe(crc64(new Uint8Array(0)));
  });

  it('keeps interleaved hashers apart while their instances are reused', async () => {
    const a = new Uint8Array(100_003).map((_, i) => (i * 7) & 255);
    const b = new Uint8Array(70_001).map((_, i) => (i * 13 + 1) & 255);
    for (let round = 0; round < 3; round++) {
      const [ha, hb] = await Promise.all([createCrc64Wasm(), createCrc64Wasm()]);
      for (let off = 0; off < a.length; off += 10_000) {
        ha.update(a.subarray(off, off + 10_000));
        hb.update(b.subarray(off, off + 10_000));
      }
      expect(ha.value()).toBe(crc64(a));
      expect(hb.value()).toBe(crc64(b));
    }
  });

  it('continues from the CRC-64 of earlier bytes (previous), in WebAssembly and in JS', async () => {
    const data = new Uint8Array(50_001).map((_, i) => (i * 31 + 5) & 255);
    for (const cut of [0, 1, 8, 4096, 33_333, 50_001]) {
      const head = crc64(data.subarray(0, cut));
      expect(await crc64Wasm(data.subarray(cut), head)).toBe(crc64(data));
      expect(crc64(data.subarray(cut), head)).toBe(crc64(data));
    }
  });

  it('refuses updates after its value was taken', async () => {
    const hasher = await createCrc64Wasm();
    hasher.update(new Uint8Array([1, 2, 3])).value();
    expect(() => hasher.update(new Uint8Array([4]))).toThrow(TypeError);
  });
});
