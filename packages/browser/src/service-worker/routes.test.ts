import { describe, expect, it } from 'vitest';
import { objectPath, routeOf, sharedPath, wantsDownload } from './routes.js';

describe('decrypting worker routes', () => {
  it.each(['users/a/movie one.mp4', 'ünïcode/%25/x?#.bin', 'a//b', 'plain'])('round-trips object key %j', (key) => {
    expect(routeOf(new URL(objectPath(key), 'https://app.test').pathname)).toEqual({ kind: 'object', key });
  });

  it('routes shares by index, names them for downloads, and leaves other paths alone', () => {
    expect(sharedPath(3, 'users/a/clip 1.mp4')).toBe('/oss-cse/shared/3/clip%201.mp4');
    expect(sharedPath(3, 'a', { download: true, base: '/m/' })).toBe('/m/shared/3/a?download');
    expect(objectPath('a/b c', { download: true })).toBe('/oss-cse/objects/a/b%20c?download');
    expect(wantsDownload(new URL(objectPath('a', { download: true }), 'https://app.test'))).toBe(true);
    expect(wantsDownload(new URL(objectPath('a'), 'https://app.test'))).toBe(false);
    expect(routeOf('/oss-cse/shared/3/clip%201.mp4')).toEqual({ kind: 'shared', index: 3 });
    expect(routeOf('/oss-cse/shared/3')).toEqual({ kind: 'shared', index: 3 });
    for (const path of [
      '/',
      '/oss-cse/',
      '/oss-cse/objects/',
      '/oss-cse/shared/x',
      '/other/objects/a',
      '/oss-cse/objects/%E0',
    ])
      expect(routeOf(path)).toBeUndefined();
    expect(routeOf('/media/objects/a', '/media/')).toEqual({ kind: 'object', key: 'a' });
  });
});
