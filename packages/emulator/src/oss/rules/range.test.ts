import { describe, expect, it } from 'vitest';
import { isOssError } from '../../errors/oss-error.js';
import { resolveRange } from './range.js';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return isOssError(err) ? err.code : String(err);
  }
  return undefined;
};

describe('resolveRange', () => {
  it('accepts valid single ranges in both modes', () => {
    for (const standard of [false, true]) {
      expect(resolveRange('bytes=0-499', 1000, standard)).toEqual({ start: 0, end: 499 });
      expect(resolveRange('bytes=500-', 1000, standard)).toEqual({ start: 500, end: 999 });
      expect(resolveRange('bytes=-10', 1000, standard)).toEqual({ start: 990, end: 999 });
      expect(resolveRange(undefined, 1000, standard)).toBeNull();
    }
  });

  it('ignores invalid ranges by default (whole object)', () => {
    for (const r of [
      'byte=0-499',
      'bytes=0-1000',
      'bytes=1000-2000',
      'bytes=1000-',
      'bytes=-2000',
      'bytes=5-1',
      'bytes=0-1,3-4',
    ]) {
      expect(resolveRange(r, 1000, false)).toBeNull();
    }
    expect(resolveRange('bytes=0-0', 0, false)).toBeNull();
  });

  it('clamps or refuses with x-oss-range-behavior: standard', () => {
    expect(resolveRange('bytes=500-2000', 1000, true)).toEqual({ start: 500, end: 999 });
    expect(resolveRange('bytes=-2000', 1000, true)).toEqual({ start: 0, end: 999 });
    expect(code(() => resolveRange('bytes=1000-2000', 1000, true))).toBe('InvalidRange');
    expect(code(() => resolveRange('bytes=1000-', 1000, true))).toBe('InvalidRange');
    expect(code(() => resolveRange('bytes=0-0', 0, true))).toBe('InvalidRange');
  });
});
