import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from './atomic-file.js';

/** Where the parts of a data directory live. */
export interface DataDirLayout {
  blobs: string;
  meta: string;
}

/**
 * Creates the data directory if needed and makes it owner-only (0700), also when it already existed with a
 * wider mode, so that nothing below it (files written by older versions included) is reachable by others.
 */
export async function prepareDataDir(dir: string): Promise<DataDirLayout> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
  return { blobs: join(dir, 'blobs'), meta: join(dir, 'meta') };
}
