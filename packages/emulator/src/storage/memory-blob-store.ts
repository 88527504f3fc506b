import { OssErrors } from '../errors/catalog.js';
import { newBlobId } from '../shared/ids.js';
import { BodyDigest, type BlobStore } from './blob-store.js';

/** Default cap of the bytes memory mode holds: room for what tests and benchmarks keep at once. */
export const DEFAULT_MAX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;

export interface MemoryBlobStoreOptions {
  /**
   * Most bytes held at once (stored blobs and bodies being received); beyond: 507 InsufficientStorage. Default
   * unlimited.
   */
  maxBytes?: number;
}

/** Blobs as Buffers. Duplicates share their Buffer (and its bytes are counted once). */
export function createMemoryBlobStore(options: MemoryBlobStoreOptions = {}): BlobStore {
  const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const blobs = new Map<string, Buffer>();
  /** How many blob ids share each Buffer. */
  const sharers = new Map<Buffer, number>();
  let held = 0;
  const get = (id: string): Buffer => {
    const blob = blobs.get(id);
    if (!blob) throw new Error(`missing blob ${id}`);
    return blob;
  };
  const keep = (id: string, blob: Buffer): void => {
    blobs.set(id, blob);
    sharers.set(blob, (sharers.get(blob) ?? 0) + 1);
  };
  return {
    async write(source, writeOptions = {}) {
      const digest = await BodyDigest.create(writeOptions.maxBytes);
      const chunks: Uint8Array[] = [];
      let reserved = 0;
      try {
        for await (const chunk of source) {
          digest.update(chunk);
          if (held + chunk.length > limit) throw OssErrors.insufficientStorage(limit);
          held += chunk.length;
          reserved += chunk.length;
          chunks.push(chunk);
        }
      } catch (err) {
        held -= reserved;
        throw err;
      }
      const id = newBlobId();
      keep(id, Buffer.concat(chunks));
      return digest.finish(id);
    },
    async *read(id, start, end) {
      if (end > start) yield get(id).subarray(start, end);
    },
    async duplicate(id) {
      const copy = newBlobId();
      keep(copy, get(id));
      return copy;
    },
    async remove(id) {
      const blob = blobs.get(id);
      if (!blob) return;
      blobs.delete(id);
      const left = (sharers.get(blob) ?? 1) - 1;
      if (left > 0) sharers.set(blob, left);
      else {
        sharers.delete(blob);
        held -= blob.length;
      }
    },
    async ids() {
      return [...blobs.keys()];
    },
  };
}
