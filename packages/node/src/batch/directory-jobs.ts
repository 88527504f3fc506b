// Whole directories against a prefix: cp -r (up and down), sync (up and down, --delete) and verify, on the
// engine's batch runner (shards, journal, jobs in flight, aggregated progress, failures listed) with Node's walk.
// Object key = prefix + the file's path below the directory with `/` separators.
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  mergeSorted,
  perObjectOptions,
  type ItemIo,
  runBatch,
  syncVerdict,
  type BatchOptions,
  type BatchSummary,
  type ItemOutcome,
  type ListedObject,
  type Merged,
} from '@oss-cse/transfer';
import { OssCseError } from '@oss-cse/core';
import type { NodeClient } from '../client/node-client.js';
import { fileMd5Base64 } from '../files/file-md5.js';
import { walkDirectory, type WalkedFile } from './walk.js';

/** Options of the directory jobs (upload, download, verify of a directory). */
export interface DirectoryOptions extends BatchOptions {
  /** Follow symbolic links (default false: links are left out). */
  readonly followSymlinks?: boolean | undefined;
  /** Downloads: replace existing files (default false: an existing file fails with ERR_DESTINATION_EXISTS). */
  readonly overwrite?: boolean | undefined;
  /** The job id its journal belongs to (the CLI derives it from the command and its arguments). */
  readonly job?: string | undefined;
}

/** Options of a directory sync. */
export interface SyncOptions extends DirectoryOptions {
  /** Remove from the destination what the source no longer has (within the filters and the shard). */
  readonly delete?: boolean | undefined;
}

type Pair = Merged<WalkedFile, ListedObject>;

/** `photos` → `photos/`; '' stays ''. */
function asPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/**
 * A listed key's file below `dir`; keys that would leave it (`..`, empty segments, a leading `/`) are refused.
 * @throws OssCseError ERR_INVALID_ARGUMENT
 *
 * @example
 * ```ts
 * import { localPathOf } from '@oss-cse/node';
 * localPathOf('/restore', 'photos/a.jpg'); // '/restore/photos/a.jpg'
 * localPathOf('/restore', '../etc/passwd'); // throws ERR_INVALID_ARGUMENT
 * ```
 */
export function localPathOf(dir: string, rel: string): string {
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0')))
    throw new OssCseError('ERR_INVALID_ARGUMENT', `object key part "${rel}" is not a safe relative file path`);
  return join(dir, ...segments);
}

function walk(dir: string, options: DirectoryOptions) {
  return walkDirectory(dir, { followSymlinks: options.followSymlinks, filter: options.filter });
}

function listing(client: NodeClient, prefix: string, options: DirectoryOptions): AsyncGenerator<ListedObject> {
  return (async function* () {
    for await (const o of client.list({ prefix, signal: options.signal })) {
      if (!('key' in o) || o.key.endsWith('/')) continue; // folder markers hold no file
      if (options.filter && !options.filter.matches(o.key)) continue;
      yield o;
    }
  })();
}

function runOptions(options: DirectoryOptions) {
  return {
    jobs: options.jobs,
    shard: options.shard,
    journal: options.dryRun ? undefined : options.journal,
    job: options.job,
    signal: options.signal,
    onProgress: options.onProgress,
    onItem: options.onItem,
  };
}

async function uploadOne(
  client: NodeClient,
  key: string,
  file: WalkedFile,
  options: DirectoryOptions,
  io: ItemIo,
): Promise<ItemOutcome> {
  if (options.dryRun) return { state: 'uploaded', size: file.size, planned: true };
  // computeMd5: sync compares the recorded MD5; a multipart upload then reads the file twice. A file that goes in
  // one PutObject is read in one call (no file source, whose per-read checks matter for parts read apart).
  const threshold = options.partSize ?? client.multipartThreshold;
  const source = (file.size <= threshold && (await readSmall(file.path, file.size))) || file.path;
  const r = await client.upload(key, source, { ...perObjectOptions(options, io), computeMd5: true });
  return { state: 'uploaded', size: r.size, etag: r.etag };
}

async function downloadOne(
  client: NodeClient,
  object: ListedObject,
  path: string,
  options: DirectoryOptions,
  io: ItemIo,
  overwrite: boolean,
): Promise<ItemOutcome> {
  if (options.dryRun) return { state: 'downloaded', size: object.size, planned: true };
  await mkdir(dirname(path), { recursive: true });
  const r = await client.download(object.key, path, { ...perObjectOptions(options, io), overwrite });
  return { state: 'downloaded', size: r.size, etag: object.etag };
}

/** A job over the files below `dir`, each with its object key (prefix + relative path). */
function eachFile(
  dir: string,
  prefix: string,
  options: DirectoryOptions,
  process: (key: string, file: WalkedFile, io: ItemIo) => Promise<ItemOutcome>,
): Promise<BatchSummary> {
  const base = asPrefix(prefix);
  return runBatch<WalkedFile>({
    ...runOptions(options),
    items: () => walk(dir, options),
    keyOf: (f) => `${base}${f.rel}`,
    sizeOf: (f) => f.size,
    process: (f, io) => process(`${base}${f.rel}`, f, io),
  });
}

/** cp -r <dir> oss://bucket/prefix/: every file of the tree uploaded (files are read once more for their MD5). */
export function uploadDirectory(
  client: NodeClient,
  dir: string,
  prefix: string,
  options: DirectoryOptions = {},
): Promise<BatchSummary> {
  return eachFile(dir, prefix, options, (key, f, io) => uploadOne(client, key, f, options, io));
}

/**
 * The file's bytes when it still holds at most the `limit` it had in the walk; undefined when it has grown. One read
 * of `limit + 1` bytes: on a regular file a read returns fewer bytes than asked only at the end, so a small file
 * costs open, read and close, not a second read to see the end.
 */
async function readSmall(path: string, limit: number): Promise<Uint8Array | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    const { bytesRead } = await handle.read(buffer, 0, limit + 1, 0);
    return bytesRead <= limit ? buffer.subarray(0, bytesRead) : undefined;
  } finally {
    await handle.close();
  }
}

/** cp -r oss://bucket/prefix/ <dir>: every object under the prefix downloaded into the tree. */
export function downloadDirectory(
  client: NodeClient,
  prefix: string,
  dir: string,
  options: DirectoryOptions = {},
): Promise<BatchSummary> {
  const base = asPrefix(prefix);
  const root = resolve(dir);
  return runBatch<ListedObject>({
    ...runOptions(options),
    items: () => listing(client, base, options),
    keyOf: (o) => o.key,
    sizeOf: (o) => o.size,
    process: (o, io) =>
      downloadOne(client, o, localPathOf(root, o.key.slice(base.length)), options, io, options.overwrite === true),
  });
}

/**
 * sync <dir> oss://bucket/prefix/ (`direction: 'up'`) or the reverse: transfers what is new or changed (plaintext
 * size, then MD5 against the object's recorded `unencrypted-content-md5`), and with `delete` removes what the source
 * no longer has. The walk and the listing are merged as two sorted streams.
 */
export function syncDirectory(
  client: NodeClient,
  direction: 'up' | 'down',
  dir: string,
  prefix: string,
  options: SyncOptions = {},
): Promise<BatchSummary> {
  const base = asPrefix(prefix);
  const root = resolve(dir);
  return runBatch<Pair>({
    ...runOptions(options),
    items: () =>
      mergeSorted(
        walk(root, options),
        listing(client, base, options),
        (f) => `${base}${f.rel}`,
        (o) => o.key,
      ),
    keyOf: (p) => p.key,
    sizeOf: (p) => p.left?.size ?? p.right?.size ?? 0,
    async process(p, io): Promise<ItemOutcome> {
      const local = p.left;
      const remote = p.right;
      const path = local?.path ?? localPathOf(root, p.key.slice(base.length));
      if (local && remote) {
        const verdict =
          local.size !== remote.size
            ? 'size'
            : await syncVerdict(
                { size: local.size, md5: () => fileMd5Base64(path) },
                (await client.head(p.key, { signal: io.signal })).envelope,
              );
        if (verdict === 'same') return { state: 'unchanged', size: local.size };
      }
      if (direction === 'up') {
        if (local) return uploadOne(client, p.key, local, options, io);
        if (!options.delete) return 'skip';
        if (options.dryRun) return { state: 'deleted', planned: true };
        await client.delete(p.key, { signal: io.signal });
        return { state: 'deleted' };
      }
      if (remote) return downloadOne(client, remote, path, options, io, true);
      if (!options.delete) return 'skip';
      if (options.dryRun) return { state: 'deleted', planned: true };
      if (!path.startsWith(root + sep)) throw new OssCseError('ERR_INVALID_ARGUMENT', `${path} is outside ${root}`);
      await rm(path);
      return { state: 'deleted' };
    },
  });
}

/**
 * verify <dir> oss://bucket/prefix/: each file against its object without downloading it. A file whose object
 * differs, is missing or is not encrypted is a failure with code ERR_INTEGRITY, ERR_NOT_FOUND or
 * ERR_NOT_ENCRYPTED (`details.status` names the verdict).
 */
export function verifyDirectory(
  client: NodeClient,
  dir: string,
  prefix: string,
  options: DirectoryOptions = {},
): Promise<BatchSummary> {
  return eachFile(dir, prefix, options, (key, f, io) => verifyFile(client, key, f.path, io));
}

/** One file against its object; anything but a match throws the typed verdict. */
export async function verifyFile(
  client: NodeClient,
  key: string,
  path: string,
  io: { signal: AbortSignal | undefined; onBytes?(n: number): void },
): Promise<ItemOutcome> {
  const r = await client.verifyFile(key, path, { signal: io.signal, onBytes: io.onBytes });
  if (r.status === 'match') return { state: 'verified', size: r.size };
  const code =
    r.status === 'missing' ? 'ERR_NOT_FOUND' : r.status === 'not-encrypted' ? 'ERR_NOT_ENCRYPTED' : 'ERR_INTEGRITY';
  const why = r.status === 'differs' ? `differs (${r.reason})` : r.status;
  throw new OssCseError(code, `${key}: ${why}`, { details: { status: r.status, reason: r.reason ?? null } });
}
