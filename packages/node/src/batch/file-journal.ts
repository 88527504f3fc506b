// A batch job's journal as a file (mode 0600): JSON lines appended, each written (to the kernel, by one write(2) on
// the calling thread: a line is a few hundred bytes, less than a round trip through libuv's thread pool costs)
// before its object counts as done. A killed process loses nothing written; a crash of
// the machine can lose what the last fsync had not flushed (at most SYNC_INTERVAL_MS of entries), and those objects
// are then sent again. A run killed mid-line leaves a torn last line, which the next run cuts off. The file is
// removed when the job completes without failures; otherwise the next run with the same arguments continues from it.
import { writeSync } from 'node:fs';
import { mkdir, open, readFile, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { journalLine, parseJournal, type JournalEntry, type JournalStore } from '@oss-cse/transfer';
import { syncDirectory } from '../files/sync-directory.js';

/** fsync at most this often while entries come in (an fsync per entry would hold every object ~5 ms). */
const SYNC_INTERVAL_MS = 1000;

/**
 * A batch journal in an append-only JSON-lines file (fsync'd at most once a second), removed when the job completes.
 *
 * @example
 * ```ts
 * import { fileJournal } from '@oss-cse/node';
 * const journal = fileJournal('/home/me/.oss-cse/checkpoints/journals/job.jsonl');
 * const done = await journal.open('job-id'); // entries of an interrupted run
 * ```
 */
export function fileJournal(path: string): JournalStore {
  let lastSync = 0;
  let handle: FileHandle | undefined;
  // The fsync in progress (at most one), awaited by the append that started it.
  let syncing: Promise<void> | undefined;
  const syncIfDue = async (): Promise<void> => {
    if (syncing || Date.now() - lastSync < SYNC_INTERVAL_MS) return;
    lastSync = Date.now();
    syncing = handle!.sync().finally(() => (syncing = undefined));
    await syncing;
  };
  return {
    async open(job) {
      let text: string | undefined;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const entries = text === undefined ? [] : parseJournal(text, job);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // A torn last line (a run killed while writing it) is cut off, so the next entry starts a line of its own.
      if (text !== undefined && !text.endsWith('\n'))
        await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
      handle = await open(path, 'a', 0o600);
      if (text === undefined || !text.includes('\n')) {
        await handle.appendFile(journalLine({ v: 1, job }));
        await handle.sync();
        await syncDirectory(dirname(path));
      }
      return entries;
    },
    async append(entry: JournalEntry) {
      if (!handle) throw new Error('journal not open');
      const line = Buffer.from(journalLine(entry));
      // A+ mode: every write lands at the end; a short write (a full disk) is finished or throws.
      for (let at = 0; at < line.length;) at += writeSync(handle.fd, line, at);
      await syncIfDue();
    },
    async close(complete) {
      await syncing?.catch(() => undefined); // its append reports a failure
      if (!complete) await handle?.sync();
      await handle?.close();
      handle = undefined;
      if (complete) await unlink(path).catch(() => undefined);
    },
  };
}
