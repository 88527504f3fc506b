import { newBlobId } from '../shared/ids.js';
import { BodyDigest, type BlobStore } from './blob-store.js';

export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, Buffer>();
  const get = (id: string): Buffer => {
    const blob = blobs.get(id);
    if (!blob) throw new Error(`missing blob ${id}`);
    return blob;
  };
  return {
    async write(source, options = {}) {
      const digest = await BodyDigest.create(options.maxBytes);
      const chunks: Uint8Array[] = [];
      for await (const chunk of source) {
        digest.update(chunk);
        chunks.push(chunk);
      }
      const id = newBlobId();
      blobs.set(id, Buffer.concat(chunks));
      return digest.finish(id);
    },
    async *read(id, start, end) {
      if (end > start) yield get(id).subarray(start, end);
    },
    async duplicate(id) {
      const copy = newBlobId();
      blobs.set(copy, get(id));
      return copy;
    },
    async remove(id) {
      blobs.delete(id);
    },
    async ids() {
      return [...blobs.keys()];
    },
  };
}
