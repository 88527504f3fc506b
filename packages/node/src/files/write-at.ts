// Positional writes through a FileHandle, looping until every byte is written (a write may be partial).
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/** Writes all of `bytes` at `offset`. */
export async function writeAt(handle: FileHandle, bytes: Uint8Array, offset: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, offset + done);
    done += bytesWritten;
  }
}

/**
 * A Node Writable appending to `handle` from offset 0, one positional write per chunk, that leaves the handle
 * open (a FileHandle stream with `autoClose: false` keeps a reference that makes `handle.close()` wait forever).
 */
export function handleWritable(handle: FileHandle): Writable {
  let position = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeAt(handle, chunk, position).then(() => {
        position += chunk.length;
        callback();
      }, callback);
    },
  });
}
