// The default transport in Chromium against the emulator: request bytes go out as Blobs through the XHR
// urllib, so views into larger buffers must send exactly their own bytes, and progress must count them.
import { describe, expect, inject, it } from 'vitest';
import { AliOssTransport } from './ali-oss-transport.js';
import type { RequestContext } from './transport.js';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityEmulator: { ossEndpoint: string; region: string; bucket: string; accessKeyId: string; accessKeySecret: string };
  }
}

const emu = inject('reliabilityEmulator');
const transport = new AliOssTransport({ bucket: emu.bucket, endpoint: emu.ossEndpoint, region: emu.region });

/** `length` pattern bytes as a view at offset 100 of a larger buffer (bytes around it differ). */
function viewInto(length: number, seed: number): Uint8Array {
  const backing = new Uint8Array(length + 300).fill(0xee);
  const view = backing.subarray(100, 100 + length);
  for (let i = 0; i < length; i++) view[i] = (i * 31 + seed) & 255;
  return view;
}

/** Byte equality without a per-element deep compare (megabytes). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function context(progress: number[] = []): RequestContext {
  return {
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
    onUploadProgress: (n) => progress.push(n),
  };
}

describe('AliOssTransport (Chromium, emulator)', () => {
  it('PUTs a view of a larger buffer byte-exactly, reporting upload progress up to its size', async () => {
    const body = viewInto(3 * 1024 * 1024 + 5, 1);
    const progress: number[] = [];
    const key = `transport/put-${crypto.randomUUID()}.bin`;
    const put = await transport.put(key, body, {}, context(progress));
    expect(put.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(Math.max(...progress)).toBe(body.length);
    const got = await transport.get(key, {}, context());
    expect(same(new Uint8Array(got.body), body)).toBe(true);
    await transport.delete(key, context());
  });

  it('uploads parts given as views and completes them into the exact bytes', async () => {
    const key = `transport/multipart-${crypto.randomUUID()}.bin`;
    const parts = [viewInto(100 * 1024, 2), viewInto(100 * 1024, 3), viewInto(777, 4)];
    const { uploadId } = await transport.initiateMultipart(key, {}, context());
    const done = [];
    for (const [i, part] of parts.entries()) done.push({ partNumber: i + 1, etag: (await transport.uploadPart(key, uploadId, i + 1, part, {}, context())).etag });
    await transport.completeMultipart(key, uploadId, done, context());
    const got = new Uint8Array((await transport.get(key, {}, context())).body);
    expect(got).toEqual(new Uint8Array(parts.flatMap((p) => [...p])));
    expect(new Uint8Array((await transport.get(key, { range: 'bytes=102395-102405' }, context())).body)).toEqual(got.subarray(102_395, 102_406));
    await transport.delete(key, context());
  });

  it('PUTs an empty body', async () => {
    const key = `transport/empty-${crypto.randomUUID()}.bin`;
    await transport.put(key, new Uint8Array(0), {}, context());
    expect((await transport.get(key, {}, context())).body.length).toBe(0);
    await transport.delete(key, context());
  });
});
