// Addressing (Node + Chromium): endpoints, regions, path or virtual-hosted style, and object keys whose URL
// fetch sends exactly as signed (a URL parser normalising it would break the signature).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAddressing } from './addressing.js';

describe('createAddressing', () => {
  it('defaults to the region endpoint over https, virtual-hosted, with or without the oss- prefix', () => {
    for (const region of ['cn-hangzhou', 'oss-cn-hangzhou']) {
      const a = createAddressing({ bucket: 'photos', region });
      expect(a.region).toBe('cn-hangzhou');
      expect(a.pathStyle).toBe(false);
      expect(a.url('a/b.jpg')).toBe('https://photos.oss-cn-hangzhou.aliyuncs.com/a/b.jpg');
      expect(a.url(undefined, [['list-type', '2']])).toBe('https://photos.oss-cn-hangzhou.aliyuncs.com/?list-type=2');
    }
  });

  it('uses path style for localhost, *.localhost and IP endpoints, unless told otherwise', () => {
    expect(createAddressing({ bucket: 'b01', endpoint: 'http://localhost:9000' }).url('k')).toBe(
      'http://localhost:9000/b01/k',
    );
    expect(createAddressing({ bucket: 'b01', endpoint: 'http://127.0.0.1:9000/' }).url(undefined)).toBe(
      'http://127.0.0.1:9000/b01/',
    );
    expect(createAddressing({ bucket: 'b01', endpoint: 'http://[::1]:9000' }).url('k')).toBe('http://[::1]:9000/b01/k');
    expect(createAddressing({ bucket: 'b01', endpoint: 'http://oss.localhost:9000' }).url('k')).toBe(
      'http://oss.localhost:9000/b01/k',
    );
    expect(createAddressing({ bucket: 'b01', endpoint: 'http://localhost:9000', pathStyle: false }).url('k')).toBe(
      'http://b01.localhost:9000/k',
    );
    expect(createAddressing({ bucket: 'b01', endpoint: 'https://oss.example.com', pathStyle: true }).url('k')).toBe(
      'https://oss.example.com/b01/k',
    );
  });

  it('reads an endpoint without scheme as https', () => {
    expect(createAddressing({ bucket: 'b01', endpoint: 'oss-cn-beijing.aliyuncs.com' }).url('k')).toBe(
      'https://b01.oss-cn-beijing.aliyuncs.com/k',
    );
  });

  it.each([
    ['a bucket name with capitals', { bucket: 'Photos', region: 'cn-hangzhou' }],
    ['a bucket name too short', { bucket: 'b1', region: 'cn-hangzhou' }],
    ['neither endpoint nor region', { bucket: 'b01' }],
    ['a region that is not an id', { bucket: 'b01', region: 'cn hangzhou' }],
    ['an endpoint with a path', { bucket: 'b01', endpoint: 'https://oss.example.com/base' }],
    ['an endpoint with credentials', { bucket: 'b01', endpoint: 'https://user:pw@oss.example.com' }],
    ['an endpoint with a query', { bucket: 'b01', endpoint: 'https://oss.example.com/?a=1' }],
    ['a non-http endpoint', { bucket: 'b01', endpoint: 'ftp://oss.example.com' }],
    ['virtual hosting on an IP', { bucket: 'b01', endpoint: 'http://127.0.0.1:9000', pathStyle: false }],
  ])('refuses %s with ERR_INVALID_ARGUMENT', (_, options) => {
    expect(() => createAddressing(options)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});

describe('object URLs', () => {
  const a = createAddressing({ bucket: 'b01', endpoint: 'http://localhost:9000' });
  const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice('/b01/'.length));

  it.each([
    ['space and parentheses', 'dir/obj (1).bin', 'dir/obj%20(1).bin'],
    ['plus, percent, question mark, hash', 'a+b%c?d#e', 'a%2Bb%25c%3Fd%23e'],
    ['unicode', '目录/文件 ü.txt', '%E7%9B%AE%E5%BD%95/%E6%96%87%E4%BB%B6%20%C3%BC.txt'],
    ['a dot segment: every slash encoded', 'a/../b', 'a%2F..%2Fb'],
    ['backslash', 'a\\b', 'a%5Cb'],
    ['empty segments', 'a//b/', 'a//b/'],
  ])('encodes %s', (_, key, path) => {
    const url = a.url(key);
    expect(url).toBe(`http://localhost:9000/b01/${path}`);
    expect(new URL(url).href).toBe(url);
    expect(keyOf(url)).toBe(key);
  });

  it('refuses keys "." and ".." (no URL can carry them) and lone surrogates', () => {
    for (const key of ['.', '..', 'a\uD800'])
      expect(() => a.url(key)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('sends every other key exactly: the URL parser leaves it alone and it decodes back to the key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        fc.pre(key !== '.' && key !== '..');
        const url = a.url(key, [['q k', 'v/+=&?']]);
        expect(new URL(url).href).toBe(url);
        expect(keyOf(url)).toBe(key);
        expect(new URL(url).searchParams.get('q k')).toBe('v/+=&?');
      }),
      { numRuns: 500 },
    );
  });
});
