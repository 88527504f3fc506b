// fsync of a directory, so a rename inside it survives a crash.
import { open } from 'node:fs/promises';

/** Flushes `dir`'s entries; a platform that cannot fsync a directory is ignored (the rename is still atomic). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory.
  }
}
