// Node's ResumeStore: one JSON file per pending transfer in a directory (the client's `checkpointDir`), mode 0600,
// replaced atomically (temporary file, fsync, rename, fsync of the directory), so a crash leaves the old record or
// the new one, never half of one. What is read back is checked by the engine's checkRecord; a record that cannot
// be read or checked is removed and treated as absent (the transfer then starts over).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OssCseError } from '@oss-cse/core';
import { checkRecord, type ResumeRecord, type ResumeStore } from '@oss-cse/transfer';
import { syncDirectory } from '../files/sync-directory.js';

const RECORD = /^(upload|download)-[0-9a-f]{32}\.json$/;

/**
 * @example
 * ```ts
 * import { createClient, jsonFileResumeStore } from '@oss-cse/node';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const resumeStore = jsonFileResumeStore('/var/lib/app/oss-cse');
 * const client = createClient({ keyring, bucket: 'photos', region: 'cn-hangzhou', resumeStore });
 * ```
 */
export function jsonFileResumeStore(dir: string): ResumeStore {
  const pathOf = (id: string) => join(dir, fileName(id));

  /** The record in `name`; undefined (and the file removed) when it is missing, unreadable or not a record. */
  async function read(name: string): Promise<ResumeRecord | undefined> {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new OssCseError(
        'ERR_CHECKPOINT',
        `cannot read the resume record ${join(dir, name)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    try {
      const record = checkRecord(JSON.parse(text));
      if (fileName(record.id) === name) return record;
    } catch {
      // Not a record of this version (or not JSON): discarded below.
    }
    await remove(name);
    return undefined;
  }

  /** Removes a record file and the temporary files a writer killed mid-write left beside it. */
  async function remove(name: string): Promise<void> {
    await rm(join(dir, name), { force: true });
    const siblings = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      siblings
        .filter((f) => f.startsWith(`${name}.`) && f.endsWith('.tmp'))
        .map((f) => rm(join(dir, f), { force: true })),
    );
  }

  return {
    load: (id) => read(fileName(id)),
    async save(record) {
      const checked = checkRecord(record);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = pathOf(checked.id);
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(checked, null, 1));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
      await syncDirectory(dir);
    },
    delete: (id) => remove(fileName(id)),
    async list() {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((f) => RECORD.test(f));
      const records = await Promise.all(names.map(read));
      return records.filter((r): r is ResumeRecord => r !== undefined);
    },
  };
}

/** `upload-<hash>.json` / `download-<hash>.json`: a stable name for a record id, free of path characters. */
function fileName(id: string): string {
  const kind = id.startsWith('download\n') ? 'download' : 'upload';
  return `${kind}-${createHash('sha256').update(id).digest('hex').slice(0, 32)}.json`;
}
