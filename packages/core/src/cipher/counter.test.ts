import { describe, expect, it } from 'vitest';
import { counterBlockAt, isInteroperableIv, v1CounterBlock } from './counter.js';
import { fromHex, toHex } from '../util/bytes.js';
import { generateIv } from './aes-ctr.js';

describe('counter arithmetic (128-bit big-endian add)', () => {
  it('adds offset/16 to the IV', () => {
    expect(toHex(counterBlockAt(fromHex('5649ca0d16946d8100000000e649d194'), 1600))).toBe(
      '5649ca0d16946d8100000000e649d1f8',
    );
  });
  it('carries across all 16 bytes', () => {
    expect(toHex(counterBlockAt(fromHex('00000000000000ffffffffffffffffff'), 16))).toBe(
      '00000000000001000000000000000000',
    );
    expect(toHex(counterBlockAt(fromHex('ffffffffffffffffffffffffffffffff'), 32))).toBe(
      '00000000000000000000000000000001',
    );
  });
  it('handles offsets beyond 2^32 blocks exactly', () => {
    const offset = 2 ** 40 * 16; // 16 TiB
    expect(toHex(counterBlockAt(new Uint8Array(16), offset))).toBe('00000000000000000000010000000000');
  });
  it('rejects unaligned offsets and bad IVs', () => {
    expect(() => counterBlockAt(new Uint8Array(16), 8)).toThrow(/multiple of 16/);
    expect(() => counterBlockAt(new Uint8Array(15), 0)).toThrow(/length 16, got length=15/);
  });
  it('V1 counters are decimal text', () => {
    expect(toHex(v1CounterBlock('10'))).toBe('0000000000000000000000000000000a');
    expect(() => v1CounterBlock('x')).toThrow(expect.objectContaining({ code: 'ERR_BAD_DATA_KEY' }));
  });
  it('new IVs have bytes 8..11 zero and are random', () => {
    const a = generateIv();
    const b = generateIv();
    expect(isInteroperableIv(a)).toBe(true);
    expect(toHex(a)).not.toBe(toHex(b));
  });
});
