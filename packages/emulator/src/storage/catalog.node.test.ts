import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { createMemoryBlobStore } from './memory-blob-store.js';
import { createMemoryJsonStore } from './json-store.js';

async function* bytes(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text);
}

describe('Catalog', () => {
  it('keeps an object readable while it is overwritten, then frees its blob', async () => {
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(createMemoryJsonStore(), blobs);
    await catalog.saveBucket({ name: 'b', createdAt: 0, region: 'cn-hangzhou', storageClass: 'Standard', acl: 'private' });
    const put = async (text: string): Promise<void> => {
      const blob = await blobs.write(bytes(text));
      await catalog.putObject('b', {
        key: 'k', size: blob.size, etag: blob.md5Hex, crc64: blob.crc64.toString(), lastModified: 0, objectType: 'Normal',
        storageClass: 'Standard', headers: {}, meta: {}, segments: [{ blob: blob.id, size: blob.size }],
      });
    };
    await put('first');
    const first = catalog.getObject('b', 'k');
    const reader = catalog.readObject(first!.segments, 0, 4)[Symbol.asyncIterator]();
    await put('second');
    expect(await blobs.ids()).toHaveLength(2);
    const chunk = await reader.next();
    expect(Buffer.from(chunk.value as Uint8Array).toString()).toBe('first');
    expect((await reader.next()).done).toBe(true);
    expect(await blobs.ids()).toHaveLength(1);
  });

  it('reads ranges across segments', async () => {
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(createMemoryJsonStore(), blobs);
    const a = await blobs.write(bytes('abc'));
    const b = await blobs.write(bytes('defg'));
    const out: string[] = [];
    for await (const c of catalog.readObject([{ blob: a.id, size: 3 }, { blob: b.id, size: 4 }], 2, 4)) out.push(Buffer.from(c).toString());
    expect(out.join('')).toBe('cde');
  });
});
