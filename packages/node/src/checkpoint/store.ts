// Checkpoint files: JSON written atomically (temp file, fsync, rename, fsync of the directory), so a crash
// leaves either the old or the new checkpoint, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OssCseError } from '@oss-cse/core';
import { syncDirectory } from '../files/sync-directory.js';

/** Reads a checkpoint; undefined when the file does not exist. */
export async function readCheckpoint<T extends { version: number; kind: string }>(path: string, kind: T['kind'], version: number): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OssCseError('ERR_CHECKPOINT', `cannot read checkpoint ${path}: ${(e as Error).message}`, { cause: e });
  }
  let value: T;
  try {
    value = JSON.parse(text) as T;
  } catch (e) {
    throw new OssCseError('ERR_CHECKPOINT', `checkpoint ${path} is not valid JSON`, { cause: e });
  }
  if (typeof value !== 'object' || value === null || value.kind !== kind || value.version !== version) {
    throw new OssCseError('ERR_CHECKPOINT', `checkpoint ${path} is not a version-${version} ${kind} checkpoint`);
  }
  return value;
}

/** Writes `value` as JSON atomically. */
export async function writeCheckpoint(path: string, value: unknown): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(value, null, 1));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(dir);
}

/** Removes a checkpoint and any temporary files a killed writer left next to it. */
export async function deleteCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
  const prefix = `${basename(path)}.`;
  const siblings = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(siblings.filter((f) => f.startsWith(prefix) && f.endsWith('.tmp')).map((f) => rm(join(dirname(path), f), { force: true })));
}

/** A stable checkpoint file name for one transfer (bucket, key, local path) inside `dir`. */
export function checkpointPath(dir: string, kind: 'upload' | 'download', bucket: string, key: string, localPath: string): string {
  const id = createHash('sha256').update(`${kind}\n${bucket}\n${key}\n${localPath}`).digest('hex').slice(0, 32);
  return join(dir, `${kind}-${id}.json`);
}

/**
 * Serialises checkpoint writes: each `save` writes the latest state, one write at a time, so concurrent parts
 * cannot interleave renames.
 */
export class CheckpointWriter {
  readonly #path: string;
  #chain: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  save(snapshot: () => unknown): Promise<void> {
    const next = this.#chain.then(() => writeCheckpoint(this.#path, snapshot()));
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
