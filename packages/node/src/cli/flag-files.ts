// Files the CLI reads because a flag names them (keys, keyrings, headers): a missing or unreadable one is a typed
// error that names the flag and the path, never Node's bare `ENOENT: no such file or directory, open …`.
import { readFile } from 'node:fs/promises';
import { OssCseError } from '@oss-cse/core';

/** What a system code means for a file that was to be read. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

/**
 * @throws OssCseError ERR_FILE_UNREADABLE (details: `flag`, `path`, `reason`) when the file is missing or unreadable.
 * @example
 * ```ts
 * const pem = await readFlagFile('--private-key', flags.privateKey);
 * ```
 */
export async function readFlagFile(flag: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = typeof code === 'string' ? code : 'EIO';
    throw new OssCseError(
      'ERR_FILE_UNREADABLE',
      `${flag} ${path}: ${REASONS[reason] ?? 'cannot be read'} (${reason})`,
      {
        details: { flag, path, reason },
      },
    );
  }
}
