// The ali-oss transport in Chromium against the emulator: the engine's transport suite (every operation with V4 and
// V1, account keys and STS, awkward keys, the error table end to end, the same as the fetch transport), and what
// the XHR urllib adds: views into larger buffers sent byte-exactly as Blobs, with upload progress up to their size.
import { describe, expect, it } from 'vitest';
import { readAll } from '@oss-cse/core';
import type { RequestContext } from '@oss-cse/transfer';
import { transportSuite } from '../../../transfer/test/support/index.js';
import { emulator, injectFault, testPrefix } from '../../test/emulator-client.js';
import { createAliOssTransport } from './ali-oss-transport.js';

const emu = emulator();
transportSuite(emu, injectFault, { name: 'ali-oss transport', create: createAliOssTransport });

const transport = createAliOssTransport({ bucket: emu.bucket, endpoint: emu.ossEndpoint, region: emu.region });

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
  return { credentials: emu.sts, onUploadProgress: (n) => progress.push(n) };
}

describe('ali-oss transport: XHR bodies (Chromium, emulator)', () => {
  it('PUTs a view of a larger buffer byte-exactly, reporting upload progress up to its size', async () => {
    const body = viewInto(3 * 1024 * 1024 + 5, 1);
    const progress: number[] = [];
    const key = `${testPrefix('xhr')}put.bin`;
    const put = await transport.putObject(key, body, {}, context(progress));
    expect(put.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(Math.max(...progress)).toBe(body.length);
    expect(same(await readAll((await transport.getObject(key, {}, context())).body), body)).toBe(true);
    await transport.deleteObject(key, context());
  });

  it('uploads parts given as views and completes them into the exact bytes', async () => {
    const key = `${testPrefix('xhr')}multipart.bin`;
    const parts = [viewInto(100 * 1024, 2), viewInto(100 * 1024, 3), viewInto(777, 4)];
    const uploadId = await transport.initiateMultipartUpload(key, {}, context());
    const done = [];
    for (const [i, part] of parts.entries())
      done.push({
        partNumber: i + 1,
        etag: (await transport.uploadPart(key, uploadId, i + 1, part, {}, context())).etag,
      });
    await transport.completeMultipartUpload(key, uploadId, done, context());
    const got = await readAll((await transport.getObject(key, {}, context())).body);
    expect(got).toEqual(new Uint8Array(parts.flatMap((p) => [...p])));
    expect(await readAll((await transport.getObject(key, { range: 'bytes=102395-102405' }, context())).body)).toEqual(
      got.subarray(102_395, 102_406),
    );
    await transport.deleteObject(key, context());
  });
});
