// Request bodies in a page (Chromium): Chromium uploads an ArrayBufferView fetch body on the calling thread at about
// 1 MiB/s for 8 MiB parts, a Blob of the same bytes at network speed, so the transport hands bytes to fetch as a
// Blob of exactly those bytes (what @oss-cse/browser's XHR transport does too).
import { describe, expect, it } from 'vitest';
import { createFetchTransport } from './fetch-transport.js';

describe('fetch transport request bodies in a page', () => {
  it('bytes (a view of a larger buffer too) go to fetch as a Blob of exactly those bytes; a Blob as it is', async () => {
    const bodies: unknown[] = [];
    const transport = createFetchTransport({
      bucket: 'b01',
      endpoint: 'http://localhost:9000',
      region: 'cn-hangzhou',
      fetch: async (_input, init) => {
        bodies.push(init?.body);
        return new Response(null, { status: 200, headers: { etag: '"E"', 'x-oss-hash-crc64ecma': '1' } });
      },
    });
    const ctx = { credentials: { accessKeyId: 'AKID', accessKeySecret: 'secret' } };
    const backing = new Uint8Array(1000).fill(7);
    const view = backing.subarray(100, 600);
    view.fill(9);
    await transport.putObject('a', view, {}, ctx);
    await transport.uploadPart('a', 'U1', 1, view, {}, ctx);
    const blob = new Blob(['xyz']);
    await transport.putObject('b', blob, {}, ctx);
    for (const body of bodies.slice(0, 2)) {
      expect(body).toBeInstanceOf(Blob);
      expect(new Uint8Array(await (body as Blob).arrayBuffer())).toEqual(new Uint8Array(500).fill(9));
    }
    expect(bodies[2]).toBe(blob);
  });
});
