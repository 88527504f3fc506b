// A local file as an upload's PartSource: parts are read through one file handle at their offsets into read
// buffers that the engine hands back when it is done with a part (so memory stays at parts in flight, without
// churn), and every read checks that the file still has the size and modification time it had when it was opened:
// a file changed during the upload fails with ERR_SOURCE_CHANGED instead of mixing two versions. Its identity
// (absolute path, size, mtime) lets a later run resume the upload.
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OssCseError, throwIfAborted } from '@oss-cse/core';
import type { PartSource, Plaintext, SourceIdentity } from '@oss-cse/transfer';

/** Options of {@link fileSource}. */
export interface FileSourceOptions {
  /** Whether a later run may resume an upload of this file (default true; false for a spooled stream). */
  readonly resumable?: boolean | undefined;
  /** Called once the handle is closed (a spool removes its file). */
  readonly onClose?: (() => Promise<void>) | undefined;
}

/** Read buffers kept for reuse at most (the engine releases one per part in flight). */
const POOL = 16;

/**
 * @example
 * ```ts
 * import { fileSource, type NodeClient } from '@oss-cse/node';
 * declare const client: NodeClient;
 * const source = await fileSource('/var/backups/db.tar');
 * await client.upload('backups/db.tar', source); // the client closes it
 * ```
 */
export async function fileSource(path: string, options: FileSourceOptions = {}): Promise<PartSource> {
  const name = resolve(path);
  const handle = await open(name, 'r');
  let opened;
  try {
    opened = await handle.stat();
    if (!opened.isFile()) throw new OssCseError('ERR_INVALID_ARGUMENT', `${name} is not a regular file`);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const identity: SourceIdentity = { name, size: opened.size, lastModified: opened.mtimeMs };
  const free: Buffer[] = [];
  /** The buffer each handed-out part lives in. */
  const owners = new WeakMap<Uint8Array, Buffer>();
  let closed = false;
  return {
    size: opened.size,
    random: true,
    identity: options.resumable === false ? undefined : identity,
    async read(offset, length, signal) {
      throwIfAborted(signal);
      const at = free.findIndex((b) => b.length >= length);
      const buffer = at >= 0 ? free.splice(at, 1)[0]! : Buffer.allocUnsafeSlow(length);
      const part = buffer.subarray(0, length);
      try {
        await readExactly(handle, part, offset, name);
        await checkUnchanged(handle, identity);
      } catch (e) {
        free.push(buffer);
        throw e;
      }
      owners.set(part, buffer);
      return part;
    },
    release(plaintext: Plaintext) {
      const buffer = plaintext instanceof Uint8Array ? owners.get(plaintext) : undefined;
      if (!buffer) return;
      owners.delete(plaintext as Uint8Array);
      if (free.length < POOL) free.push(buffer);
    },
    async close() {
      if (closed) return;
      closed = true;
      free.length = 0;
      try {
        await handle.close();
      } finally {
        await options.onClose?.();
      }
    },
  };
}

async function readExactly(handle: FileHandle, into: Buffer, offset: number, name: string): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, offset + done);
    if (bytesRead === 0) throw changed(name, `it ended at ${offset + done} bytes`);
    done += bytesRead;
  }
}

async function checkUnchanged(handle: FileHandle, identity: SourceIdentity): Promise<void> {
  const now = await handle.stat();
  if (now.size !== identity.size || now.mtimeMs !== identity.lastModified) {
    throw changed(identity.name, `its size or modification time changed (${identity.size} → ${now.size} bytes)`);
  }
}

function changed(name: string, why: string): OssCseError {
  return new OssCseError('ERR_SOURCE_CHANGED', `${name} changed while it was uploaded (${why}); upload it again`);
}
