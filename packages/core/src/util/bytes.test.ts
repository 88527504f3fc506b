import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64, fromHex, isBase64, toBase64, toHex, equalBytes } from './bytes.js';

describe('strict base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(fromBase64(toBase64(b))).toEqual(b);
      }),
    );
  });
  it.each([
    ['missing padding', 'QQ'],
    ['url-safe alphabet', 'a-_b'],
    ['whitespace', 'QUJD RA=='],
    ['non-canonical bits', 'QR=='],
    ['padding in the middle', 'QQ==QUJD'],
    ['non-ASCII', 'QUJ\u00e9'],
  ])('rejects %s', (_, text) => {
    expect(() => fromBase64(text, 'header x')).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_BASE64', message: 'header x is not valid base64' }),
    );
    expect(isBase64(text)).toBe(false);
  });
  it('hex round-trips and compares in constant time', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(equalBytes(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(equalBytes(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(() => fromHex('0g')).toThrow();
  });
});
