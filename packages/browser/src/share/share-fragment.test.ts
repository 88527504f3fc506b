import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, type SharedObject } from './share-fragment.js';

const shared: SharedObject = {
  url: 'http://127.0.0.1:9000/bucket/users/a/movie%20one.mp4?x-oss-signature=abc&x-oss-expires=60',
  bucket: 'bucket',
  key: 'users/a/movie one.mp4',
  dataKey: Uint8Array.from({ length: 32 }, (_, i) => 250 - i),
  iv: Uint8Array.from({ length: 16 }, (_, i) => i * 17),
  expiresAt: 1_900_000_000_000,
  contentType: 'video/mp4',
  crc64: '18446744073709551615',
};

describe('share fragments', () => {
  it('round-trips every field, with base64url key and IV (no +, / or =)', () => {
    const fragment = encodeShareFragment(shared);
    const k = new URLSearchParams(fragment).get('k')!;
    expect(k).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeShareFragment(`#${fragment}`)).toEqual(shared);
    expect(decodeShareFragment(fragment)).toEqual(shared);
  });

  it.each([
    ['k', 'AAAA', 'data key must be 32 bytes'],
    ['i', '', 'no IV'],
    ['v', '2', 'version 2'],
    ['u', 'javascript:alert(1)', 'not an http(s) URL'],
    ['e', 'soon', 'expiry'],
    ['k', '!!!!', 'not valid base64'],
    ['c', '12ab', 'checksum'],
  ])('refuses a fragment whose %s is %j with a clear typed error', (name, value, message) => {
    const p = new URLSearchParams(encodeShareFragment(shared));
    p.set(name, value);
    expect(() => decodeShareFragment(p.toString())).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/ERR_INVALID_ARGUMENT|ERR_BAD_BASE64/) }),
    );
    try {
      decodeShareFragment(p.toString());
    } catch (e) {
      expect((e as Error).message).toContain(message);
    }
  });
});
