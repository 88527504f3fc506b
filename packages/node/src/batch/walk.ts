// A directory tree as a stream of files, in the order OSS lists keys (UTF-8 byte order of the relative path, with
// `/` between segments), so a walk and a listing merge as two sorted streams. Memory: the entries of one directory
// per level being walked (each directory is read with fs.opendir and sorted before its entries are handed out),
// never the whole tree. Symbolic links are not followed unless asked; when they are, a link back to a directory
// being walked is an error rather than an endless walk.
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OssCseError } from '@oss-cse/core';
import { compareKeys, type NameFilter } from '@oss-cse/transfer';

/** One regular file of the walk. */
export interface WalkedFile {
  /** Absolute (or root-relative) path on disk. */
  readonly path: string;
  /** Path below the root with `/` separators: the part of the object key after the prefix. */
  readonly rel: string;
  /** Bytes. */
  readonly size: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
}

/** Options of {@link walkDirectory}. */
export interface WalkOptions {
  /** Follow symbolic links to files and directories (default false: links are left out). */
  readonly followSymlinks?: boolean | undefined;
  /** --include / --exclude on file names. */
  readonly filter?: NameFilter | undefined;
}

/**
 * @example
 * ```ts
 * import { nameFilter } from '@oss-cse/transfer';
 * import { walkDirectory } from '@oss-cse/node';
 * const filter = nameFilter([{ kind: 'exclude', pattern: '*.tmp' }]);
 * for await (const file of walkDirectory('/data', { filter })) console.log(file.rel, file.size);
 * ```
 */
export async function* walkDirectory(root: string, options: WalkOptions = {}): AsyncGenerator<WalkedFile> {
  const top = await stat(root);
  if (!top.isDirectory()) throw new OssCseError('ERR_INVALID_ARGUMENT', `${root} is not a directory`);
  yield* walkLevel(root, '', new Set([`${top.dev}:${top.ino}`]), options);
}

async function* walkLevel(
  dir: string,
  relDir: string,
  ancestors: Set<string>,
  options: WalkOptions,
): AsyncGenerator<WalkedFile> {
  const entries: { name: string; sortKey: string; kind: 'file' | 'dir' }[] = [];
  for await (const entry of await opendir(dir)) {
    let kind: 'file' | 'dir' | undefined;
    if (entry.isFile()) kind = 'file';
    else if (entry.isDirectory()) kind = 'dir';
    else if (entry.isSymbolicLink() && options.followSymlinks) {
      const target = await stat(join(dir, entry.name)).catch(() => undefined); // a dangling link is left out
      kind = target?.isFile() ? 'file' : target?.isDirectory() ? 'dir' : undefined;
    }
    if (kind) entries.push({ name: entry.name, sortKey: kind === 'dir' ? `${entry.name}/` : entry.name, kind });
  }
  entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const rel = `${relDir}${entry.name}`;
    if (entry.kind === 'dir') {
      const s = await stat(path);
      const id = `${s.dev}:${s.ino}`;
      if (ancestors.has(id))
        throw new OssCseError('ERR_INVALID_ARGUMENT', `${path} links back to a directory being walked (a loop)`);
      ancestors.add(id);
      yield* walkLevel(path, `${rel}/`, ancestors, options);
      ancestors.delete(id);
    } else if (!options.filter || options.filter.matches(rel)) {
      const s = await stat(path);
      yield { path, rel, size: s.size, mtimeMs: s.mtimeMs };
    }
  }
}
