import { describe, expect, it } from 'vitest';
import { loadVector } from '@oss-cse/test-vectors';
import { Crc64, crc64, crc64Combine } from './crc64.js';

interface Oss2Vector { ciphertext_b64?: string; server_crc64ecma_of_ciphertext?: string }

describe('CRC-64/XZ', () => {
  it('matches the Go SDK check values', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0x995dc9bbdf1939fan);
    expect(crc64(Buffer.from('This is a test of the emergency broadcast system.'))).toBe(0x27db187fc15bbc72n);
    expect(crc64(new Uint8Array(0))).toBe(0n);
  });

  it('is independent of chunking', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff));
    const whole = crc64(data);
    for (const cut of [1, 3, 7, 8, 9, 500, 999]) {
      const c = new Crc64().update(data.subarray(0, cut)).update(data.subarray(cut));
      expect(c.value()).toBe(whole);
    }
  });

  it('matches the server CRC of every oss2-generated ciphertext', async () => {
    const names = ['put-rsa-pkcs1v15-1-byte', 'put-rsa-pkcs1v15-17-bytes', 'put-rsa-pkcs1v15-with-md5-length-matdesc', 'put-localrsa-oaep-sha1-17-bytes'];
    let checked = 0;
    for (const name of names) {
      const v = await loadVector<Oss2Vector>('oss2-generated', name);
      if (v.ciphertext_b64 === undefined || v.server_crc64ecma_of_ciphertext === undefined) continue;
      expect(new Crc64().update(Buffer.from(v.ciphertext_b64, 'base64')).decimal()).toBe(v.server_crc64ecma_of_ciphertext);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('combines checksums of concatenated data', () => {
    const a = Buffer.from('hello, ');
    const b = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i & 0xff));
    expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(crc64(Buffer.concat([a, b])));
    expect(crc64Combine(crc64(a), crc64(Buffer.alloc(0)), 0)).toBe(crc64(a));
  });

  it('runs at hundreds of MB/s', () => {
    const data = Buffer.alloc(64 * 1024 * 1024, 7);
    const t0 = performance.now();
    new Crc64().update(data);
    const mbPerS = 64 / ((performance.now() - t0) / 1000);
    expect(mbPerS).toBeGreaterThan(200);
  });
});
