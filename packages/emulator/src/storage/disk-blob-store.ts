import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newBlobId } from '../shared/ids.js';
import { fsyncDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tempPathFor } from './atomic-file.js';
import { BodyDigest, type BlobStore } from './blob-store.js';

/** Blobs as files in `dir`: streamed to a temp file, fsynced, then renamed into place (never half visible). */
export async function createDiskBlobStore(dir: string): Promise<BlobStore> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const name of await readdir(dir)) {
    if (name.startsWith('.tmp-')) await rm(join(dir, name), { force: true });
  }
  const pathOf = (id: string): string => {
    if (!/^[0-9a-f]{32}$/.test(id)) throw new Error(`invalid blob id ${id}`);
    return join(dir, id);
  };
  const commit = async (temp: string, id: string): Promise<void> => {
    await rename(temp, pathOf(id));
    await fsyncDir(dir);
  };
  return {
    async write(source, options = {}) {
      const digest = await BodyDigest.create(options.maxBytes);
      const id = newBlobId();
      const temp = tempPathFor(pathOf(id));
      const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
      try {
        for await (const chunk of source) {
          digest.update(chunk);
          let offset = 0;
          while (offset < chunk.length) {
            const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
            offset += bytesWritten;
          }
        }
        await handle.sync();
        await handle.close();
        await commit(temp, id);
      } catch (err) {
        await handle.close().catch(() => undefined);
        await rm(temp, { force: true });
        throw err;
      }
      return digest.finish(id);
    },
    async *read(id, start, end) {
      if (end <= start) return;
      yield* createReadStream(pathOf(id), { start, end: end - 1, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
    },
    async duplicate(id) {
      const copy = newBlobId();
      const temp = tempPathFor(pathOf(copy));
      await copyFile(pathOf(id), temp);
      const handle = await open(temp, 'r+');
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.sync();
      await handle.close();
      await commit(temp, copy);
      return copy;
    },
    async remove(id) {
      await rm(pathOf(id), { force: true });
    },
    async ids() {
      return (await readdir(dir)).filter((n) => /^[0-9a-f]{32}$/.test(n));
    },
  };
}
