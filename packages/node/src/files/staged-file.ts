// Plaintext on disk, the one way: bytes go to a temporary file (mode 0600) beside the destination, which is renamed
// into place only when the caller has verified everything. A failure removes the temporary file, unless it is a
// resumable download's (named in its checkpoint). An existing destination is replaced only when asked to
// (atomically); otherwise it is refused (ERR_DESTINATION_EXISTS) and never touched. Temporary files still open
// when the process exits (the CLI's SIGINT/SIGTERM path, process.exit) are removed synchronously.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { basename, dirname, join, resolve } from 'node:path';
import { OssCseError } from '@oss-cse/core';
import { keepOnExit, removeOnExit } from './exit-cleanup.js';
import { syncDirectory } from './sync-directory.js';
import { handleWritable } from './write-at.js';

export interface StagedFileOptions {
  /** Replace an existing destination (atomically, by rename). Default false: ERR_DESTINATION_EXISTS. */
  readonly overwrite?: boolean | undefined;
}

export interface OpenStagedFileOptions extends StagedFileOptions {
  /** The temporary file's name in the destination's directory (default: a random one). */
  readonly tempName?: string | undefined;
  /** Reopen the existing temporary file when it is a regular file of exactly this size (a resumed download). */
  readonly resumeSize?: number | undefined;
  /** The temporary file outlives a failure or an exit: the caller's checkpoint names it. */
  readonly resumable?: boolean | undefined;
}

/** Open modes: never through a symbolic link planted at the temporary name. */
const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_RDWR | constants.O_NOFOLLOW;
const REOPEN = constants.O_RDWR | constants.O_NOFOLLOW;
/** Link failures of filesystems without hard links: fall back to check-then-rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * A file being written under a temporary name beside its destination.
 *
 * @example
 * ```ts
 * const file = await StagedFile.open('/data/report.pdf', { overwrite: false });
 * try { await pipeline(plaintext, file.writable()); await verify(); await file.commit(); }
 * catch (e) { await file.discard(); throw e; }
 * ```
 */
export class StagedFile {
  /** The absolute destination path. */
  readonly destination: string;
  /** The absolute temporary path (same directory, so the final rename is atomic). */
  readonly path: string;
  readonly handle: FileHandle;
  /** True when an existing temporary file was reopened (`resumeSize`). */
  readonly resumed: boolean;
  readonly #overwrite: boolean;
  #open = true;

  private constructor(
    destination: string,
    path: string,
    handle: FileHandle,
    resumed: boolean,
    options: OpenStagedFileOptions,
  ) {
    this.destination = destination;
    this.path = path;
    this.handle = handle;
    this.resumed = resumed;
    this.#overwrite = options.overwrite === true;
    if (options.resumable !== true) removeOnExit(path);
  }

  /** Refuses an existing destination (unless `overwrite`), then creates (or reopens) the temporary file. */
  static async open(destination: string, options: OpenStagedFileOptions = {}): Promise<StagedFile> {
    const target = resolve(destination);
    if (options.overwrite !== true) await assertDestinationFree(target);
    const path = join(
      dirname(target),
      options.tempName ?? `.${basename(target)}.${randomBytes(6).toString('hex')}.oss-cse-tmp`,
    );
    if (options.resumeSize !== undefined) {
      const handle = await reopen(path, options.resumeSize);
      if (handle) return new StagedFile(target, path, handle, true, options);
    }
    await rm(path, { force: true });
    return new StagedFile(target, path, await open(path, CREATE, 0o600), false, options);
  }

  /** A Node stream writing from the start of the file; the file stays open for `commit` or `discard`. */
  writable(): Writable {
    return handleWritable(this.handle);
  }

  /** Flushes the file and moves it to the destination: atomically replacing it, or only if it still does not exist. */
  async commit(): Promise<void> {
    await this.#close(true);
    if (this.#overwrite) {
      await rename(this.path, this.destination);
    } else {
      try {
        await link(this.path, this.destination);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw destinationExists(this.destination);
        if (!NO_HARD_LINKS.has(code ?? '')) throw e;
        await assertDestinationFree(this.destination);
        await rename(this.path, this.destination);
      }
      await unlink(this.path).catch(() => undefined);
    }
    keepOnExit(this.path);
    await syncDirectory(dirname(this.destination));
  }

  /** Closes and removes the temporary file; the destination is untouched. */
  async discard(): Promise<void> {
    await this.#close(false).catch(() => undefined);
    await rm(this.path, { force: true });
    keepOnExit(this.path);
  }

  /** Closes the temporary file and leaves it for a resume (its checkpoint names it). */
  async keep(): Promise<void> {
    await this.#close(true);
  }

  async #close(flush: boolean): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    try {
      if (flush) await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }
}

/**
 * Writes a destination through a {@link StagedFile}: `write` fills it (and may verify what it wrote, throwing to
 * reject it); only then is it renamed into place. On any failure the temporary file is removed.
 *
 * @example
 * ```ts
 * await writeStaged(out, { overwrite: force }, (file) => plaintext.pipeTo(Writable.toWeb(file.writable())));
 * ```
 */
export async function writeStaged<T>(
  destination: string,
  options: StagedFileOptions,
  write: (file: StagedFile) => Promise<T>,
): Promise<T> {
  const file = await StagedFile.open(destination, options);
  try {
    const result = await write(file);
    await file.commit();
    return result;
  } catch (e) {
    await file.discard();
    throw e;
  }
}

/** ERR_DESTINATION_EXISTS when anything (a file, a directory, a link) is at `destination`. */
export async function assertDestinationFree(destination: string): Promise<void> {
  try {
    await lstat(destination);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  throw destinationExists(destination);
}

function destinationExists(path: string): OssCseError {
  return new OssCseError(
    'ERR_DESTINATION_EXISTS',
    `${path} already exists; it is replaced only when asked to (overwrite: true, or --force)`,
    {
      details: { path },
    },
  );
}

/** The existing temporary file, when it is a regular file (not a link) of the expected size; otherwise undefined. */
async function reopen(path: string, size: number): Promise<FileHandle | undefined> {
  const before = await lstat(path).catch(() => undefined);
  if (!before?.isFile() || before.size !== size) return undefined;
  let handle: FileHandle;
  try {
    handle = await open(path, REOPEN);
  } catch {
    return undefined;
  }
  const opened = await handle.stat();
  if (opened.ino !== before.ino || opened.dev !== before.dev) {
    await handle.close();
    return undefined;
  }
  await handle.chmod(0o600);
  return handle;
}
