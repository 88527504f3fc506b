import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Directories of the data dir: owner only (they hold the STS sealing key, KMS key material and object bytes). */
export const PRIVATE_DIR_MODE = 0o700;
/** Files of the data dir (blobs, temp files, JSON records): owner read/write only, whatever the umask. */
export const PRIVATE_FILE_MODE = 0o600;

/** A temp-file name next to `target`; temp files start with `.tmp-` so startup can sweep them. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.tmp-${randomBytes(8).toString('hex')}`);
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `target` atomically: temp file, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(target));
}
