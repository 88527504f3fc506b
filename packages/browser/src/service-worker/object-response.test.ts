import { describe, expect, it } from 'vitest';
import { memoryClient, pseudoRandom, testMasterKey } from '../../../transfer/test/support/index.js';
import { objectResponse } from './object-response.js';

// Answers of the decrypting Service Worker built from the engine's reads (memory transport: every range form,
// across part boundaries, at the last byte, with chunks smaller than a part).
const PART = 102_400;
const SIZE = 3 * PART + 1234;
const plain = pseudoRandom(SIZE, 7);
const { client } = memoryClient(await testMasterKey(), { partSize: PART });
await client.upload('movie.mp4', new Blob([plain as BlobPart]), { contentType: 'video/mp4' });
await client.put('empty.bin', new Uint8Array(0));

const get = (headers: Record<string, string> = {}, key = 'movie.mp4', method = 'GET') =>
  objectResponse(client, key, new Request('https://app.test/oss-cse/objects/x', { method, headers }), {
    chunkSize: 16_384,
  });
const bytes = async (r: Response) => new Uint8Array(await r.arrayBuffer());

describe('objectResponse', () => {
  it('answers a plain GET with 200, the whole plaintext, its length, type and Accept-Ranges', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(Object.fromEntries(r.headers)).toMatchObject({
      'content-length': String(SIZE),
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
    });
    expect(r.headers.get('content-range')).toBeNull();
    expect(await bytes(r)).toEqual(plain);
  });

  it.each([
    ['bytes=0-', 0, SIZE - 1],
    ['bytes=0-0', 0, 0],
    ['bytes=1-17', 1, 17],
    [`bytes=${PART - 5}-${PART + 20}`, PART - 5, PART + 20],
    [`bytes=${2 * PART - 1}-${3 * PART}`, 2 * PART - 1, 3 * PART],
    [`bytes=${SIZE - 1}-${SIZE - 1}`, SIZE - 1, SIZE - 1],
    [`bytes=${SIZE - 1}-`, SIZE - 1, SIZE - 1],
    [`bytes=${SIZE - 40}-${SIZE + 5000}`, SIZE - 40, SIZE - 1],
    ['bytes=-1', SIZE - 1, SIZE - 1],
    ['bytes=-1000', SIZE - 1000, SIZE - 1],
    [`bytes=-${SIZE + 10}`, 0, SIZE - 1],
    ['BYTES=100-200', 100, 200],
  ])('answers Range %s with 206 and exactly plaintext %d-%d', async (range, start, end) => {
    const r = await get({ range });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(r.headers.get('content-length')).toBe(String(end - start + 1));
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-type')).toBe('video/mp4');
    expect(await bytes(r)).toEqual(plain.subarray(start, end + 1));
  });

  it.each([`bytes=${SIZE}-`, `bytes=${SIZE + 100}-${SIZE + 200}`, 'bytes=-0'])(
    'answers Range %s (past the end) with 416 and the size',
    async (range) => {
      const r = await get({ range });
      expect(r.status).toBe(416);
      expect(r.headers.get('content-range')).toBe(`bytes */${SIZE}`);
      expect((await bytes(r)).length).toBe(0);
    },
  );

  it('answers any range of an empty object with 416 and a plain GET with 200 and no bytes', async () => {
    expect((await get({ range: 'bytes=0-' }, 'empty.bin')).headers.get('content-range')).toBe('bytes */0');
    const r = await get({}, 'empty.bin');
    expect([r.status, r.headers.get('content-length'), (await bytes(r)).length]).toEqual([200, '0', 0]);
  });

  it.each(['bytes=0-1,5-6', 'items=0-5', 'bytes=abc', 'bytes=9-3'])(
    'serves the whole object for a Range it does not take (%s)',
    async (range) => {
      const r = await get({ range });
      expect(r.status).toBe(200);
      expect((await bytes(r)).length).toBe(SIZE);
    },
  );

  it('answers HEAD with the headers of the whole object and no body; other methods with 405', async () => {
    const head = await get({}, 'movie.mp4', 'HEAD');
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, String(SIZE), null]);
    expect((await get({}, 'movie.mp4', 'PUT')).status).toBe(405);
  });

  it('answers as a download with the exact file name when asked (Content-Disposition: attachment)', async () => {
    const r = await objectResponse(
      client,
      'movie.mp4',
      new Request('https://app.test/x', { headers: { range: 'bytes=0-9' } }),
      {
        attachment: 'clip "1" été.mp4',
      },
    );
    expect(r.status).toBe(206);
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="clip _1_ _t_.mp4"; filename*=UTF-8''clip%20%221%22%20%C3%A9t%C3%A9.mp4`,
    );
    expect((await get()).headers.get('content-disposition')).toBeNull();
  });

  it('answers a missing object with 404 and the engine code, without a stack', async () => {
    const r = await get({}, 'missing.bin');
    expect(r.status).toBe(404);
    expect(r.headers.get('x-oss-cse-error')).toBe('ERR_NOT_FOUND');
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('ERR_NOT_FOUND');
    expect(body.message).not.toMatch(/\n\s+at /);
  });

  it('streams: a cancelled body stops reading after a chunk or two', async () => {
    const r = await get();
    const reader = r.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeLessThanOrEqual(16_384);
    await reader.cancel();
  });
});
