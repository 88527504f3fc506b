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
    await catalog.saveBucket({
      name: 'b',
      createdAt: 0,
      region: 'cn-hangzhou',
      storageClass: 'Standard',
      acl: 'private',
    });
    const put = async (text: string): Promise<void> => {
      const blob = await blobs.write(bytes(text));
      await catalog.putObject('b', {
        key: 'k',
        size: blob.size,
        etag: blob.md5Hex,
        crc64: blob.crc64.toString(),
        lastModified: 0,
        objectType: 'Normal',
        storageClass: 'Standard',
        headers: {},
        meta: {},
        segments: [{ blob: blob.id, size: blob.size }],
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

  it('never deletes a blob an object uses, whatever happens to the upload part that shares it', async () => {
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(createMemoryJsonStore(), blobs);
    await catalog.saveBucket({
      name: 'b',
      createdAt: 0,
      region: 'cn-hangzhou',
      storageClass: 'Standard',
      acl: 'private',
    });
    const upload = {
      uploadId: 'U',
      bucket: 'b',
      key: 'k',
      initiated: 0,
      storageClass: 'Standard',
      headers: {},
      meta: {},
      parts: {},
    };
    await catalog.saveUpload(upload);
    const part = async (text: string): Promise<string> => {
      const blob = await blobs.write(bytes(text));
      await catalog.savePart(upload, {
        partNumber: 1,
        etag: blob.md5Hex,
        size: blob.size,
        crc64: '0',
        blob: blob.id,
        lastModified: 0,
      });
      return blob.id;
    };
    const shared = await part('part one');
    await catalog.putObject('b', {
      key: 'k',
      size: 8,
      etag: 'E-1',
      crc64: '0',
      lastModified: 0,
      objectType: 'Multipart',
      storageClass: 'Standard',
      headers: {},
      meta: {},
      segments: [{ blob: shared, size: 8 }],
    });
    const replacement = await part('part 1bis');
    expect((await blobs.ids()).sort()).toEqual([shared, replacement].sort());
    await catalog.removeUpload('U');
    expect(await blobs.ids()).toEqual([shared]);
    await catalog.deleteObject('b', 'k');
    expect(await blobs.ids()).toEqual([]);
  });

  it('a reader dropped without being read keeps its blobs only until it is released', async () => {
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(createMemoryJsonStore(), blobs);
    await catalog.saveBucket({
      name: 'b',
      createdAt: 0,
      region: 'cn-hangzhou',
      storageClass: 'Standard',
      acl: 'private',
    });
    const blob = await blobs.write(bytes('body'));
    await catalog.putObject('b', {
      key: 'k',
      size: 4,
      etag: 'E',
      crc64: '0',
      lastModified: 0,
      objectType: 'Normal',
      storageClass: 'Standard',
      headers: {},
      meta: {},
      segments: [{ blob: blob.id, size: 4 }],
    });
    const reader = catalog.readObject(catalog.getObject('b', 'k')!.segments, 0, 3);
    await catalog.deleteObject('b', 'k');
    expect(await blobs.ids()).toEqual([blob.id]);
    await reader.release();
    await reader.release();
    expect(await blobs.ids()).toEqual([]);
  });

  it('reads ranges across segments', async () => {
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(createMemoryJsonStore(), blobs);
    const a = await blobs.write(bytes('abc'));
    const b = await blobs.write(bytes('defg'));
    const out: string[] = [];
    for await (const c of catalog.readObject(
      [
        { blob: a.id, size: 3 },
        { blob: b.id, size: 4 },
      ],
      2,
      4,
    ))
      out.push(Buffer.from(c).toString());
    expect(out.join('')).toBe('cde');
  });
});
