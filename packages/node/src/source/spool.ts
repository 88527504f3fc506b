// The engine's `spool` hook in Node: a stream of unknown size larger than one part is written to a temporary file
// (mode 0600, created exclusively in the system's temporary directory) and uploaded from there; the file is
// removed when the source is closed, when spooling fails, and at the latest when the process exits.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwIfAborted } from '@oss-cse/core';
import type { PartSource } from '@oss-cse/transfer';
import { keepOnExit, removeOnExit } from '../files/exit-cleanup.js';
import { writeAt } from '../files/write-at.js';
import { fileSource } from './file-source.js';

const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

/**
 * @example
 * ```ts
 * const source = await spoolToFile(readable, signal); // upload it, then: await source.close()
 * ```
 */
export async function spoolToFile(chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<PartSource> {
  const path = join(tmpdir(), `oss-cse-spool-${randomBytes(12).toString('hex')}`);
  removeOnExit(path);
  const remove = async () => {
    await rm(path, { force: true });
    keepOnExit(path);
  };
  try {
    const handle = await open(path, CREATE, 0o600);
    try {
      let size = 0;
      for await (const chunk of chunks) {
        throwIfAborted(signal);
        await writeAt(handle, chunk, size);
        size += chunk.length;
      }
    } finally {
      await handle.close();
    }
    return await fileSource(path, { resumable: false, onClose: remove });
  } catch (e) {
    await remove();
    throw e;
  }
}
