// A Blob source the runtime refuses to read (Chromium: NotReadableError for a File changed or removed after it was
// chosen, or a large Blob it could not keep; seen in the 256 MiB bench) fails the upload with ERR_FILE_UNREADABLE,
// single-part and multipart, instead of a bare DOMException. Node and Chromium.
import { describe, expect, it } from 'vitest';
import { isOssCseError } from '@oss-cse/core';
import { MemoryTransport } from '../../test/support/memory-transport.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';
import { bytesOf } from './blob-bytes.js';

const masterKey = await testMasterKey();

/** A Blob of `size` bytes whose reads fail as Chromium's do for a File it can no longer read. */
class UnreadableBlob extends Blob {
  constructor(size: number) {
    super([new Uint8Array(size)]);
  }
  override slice(start?: number, end?: number): Blob {
    const from = start ?? 0;
    return new UnreadableBlob(Math.max(0, Math.min(end ?? this.size, this.size) - from));
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(
      new DOMException(
        'The requested file could not be read, typically due to permission problems that have occurred after a reference to a file was acquired.',
        'NotReadableError',
      ),
    );
  }
}

const unreadable = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isOssCseError(e) && e.code).toBe('ERR_FILE_UNREADABLE');
  expect((e as { details?: unknown }).details).toEqual({ reason: 'NotReadableError' });
  expect((e as Error).cause).toBeInstanceOf(DOMException);
};

describe('a Blob source that cannot be read', () => {
  it('bytesOf: ERR_FILE_UNREADABLE naming the reason; bytes and readable Blobs pass through', async () => {
    await unreadable(bytesOf(new UnreadableBlob(5)));
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await bytesOf(bytes)).toBe(bytes);
    expect(await bytesOf(new Blob([bytes]))).toEqual(bytes);
  });

  it('fails a single-part and a multipart upload with ERR_FILE_UNREADABLE, and stores nothing', async () => {
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport });
    await unreadable(client.upload('small.bin', new UnreadableBlob(1000)));
    await unreadable(client.upload('large.bin', new UnreadableBlob(300_000), { partSize: 102_400, concurrency: 2 }));
    expect(transport.objects.has('small.bin')).toBe(false);
    expect(transport.objects.has('large.bin')).toBe(false);
  });
});
