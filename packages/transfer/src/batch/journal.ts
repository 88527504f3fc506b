// The journal of a batch command: one JSON line per object finished (uploaded, downloaded, skipped as unchanged,
// deleted, rewrapped), after a first line naming the job. A killed run started again with the same arguments reads
// it and does not process those objects again. It holds object keys, sizes, ETags and states only, never key
// material: `checkJournalEntry` refuses any other field on write and on read. Runtime adapters store the lines
// (Node: an append-only file, fsync'd); this module has the format.
import { OssCseError } from '@oss-cse/core';

/** Version of the journal format (the header's `v`). */
export const JOURNAL_VERSION = 1;

/** What happened to one object of the job. */
export type JournalState = 'uploaded' | 'downloaded' | 'unchanged' | 'deleted' | 'rewrapped' | 'verified';

/** One finished object of a batch job: key, state, size and ETag, never key material. */
export interface JournalEntry {
  /** The object key (uploads, rewrap, verify) or the path relative to the directory (downloads). */
  readonly key: string;
  /** What happened to it. */
  readonly state: JournalState;
  /** Plaintext bytes. */
  readonly size?: number | undefined;
  /** The ETag of the object written or read. */
  readonly etag?: string | undefined;
}

/** The first line: which job this journal belongs to (a digest of the command and its arguments). */
export interface JournalHeader {
  /** The format version. */
  readonly v: typeof JOURNAL_VERSION;
  /** The job id ({@link jobId}). */
  readonly job: string;
}

/** Where a runtime keeps the lines of one journal. */
export interface JournalStore {
  /** The entries already recorded for `job` (none for a new journal); creates it with its header. */
  open(job: string): Promise<Iterable<JournalEntry>>;
  /** Records an entry durably before the promise resolves. */
  append(entry: JournalEntry): Promise<void>;
  /** Ends the journal: `complete` removes it (the job is done), otherwise it stays for a later run. */
  close(complete: boolean): Promise<void>;
}

const STATES: ReadonlySet<string> = new Set([
  'uploaded',
  'downloaded',
  'unchanged',
  'deleted',
  'rewrapped',
  'verified',
]);
const FIELDS: ReadonlySet<string> = new Set(['key', 'state', 'size', 'etag']);

/**
 * An entry written or read back, checked field by field.
 * @throws OssCseError ERR_CHECKPOINT when it is not a journal entry (or carries any other field).
 *
 * @example
 * ```ts
 * import { checkJournalEntry } from '@oss-cse/transfer';
 * checkJournalEntry({ key: 'a.jpg', state: 'uploaded', size: 3 }); // the entry
 * checkJournalEntry({ key: 'a.jpg', state: 'uploaded', cek: '…' }); // throws ERR_CHECKPOINT: field "cek"
 * ```
 */
export function checkJournalEntry(value: unknown): JournalEntry {
  const e = value as Partial<JournalEntry> | null;
  const bad = (what: string) => new OssCseError('ERR_CHECKPOINT', `journal entry: ${what}`);
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw bad('not an object');
  for (const field of Object.keys(e)) if (!FIELDS.has(field)) throw bad(`field "${field.slice(0, 40)}" is not allowed`);
  if (typeof e.key !== 'string' || e.key === '') throw bad('missing key');
  if (typeof e.state !== 'string' || !STATES.has(e.state)) throw bad('bad state');
  if (e.size !== undefined && (!Number.isSafeInteger(e.size) || e.size < 0)) throw bad('bad size');
  if (e.etag !== undefined && (typeof e.etag !== 'string' || e.etag.length > 200)) throw bad('bad etag');
  return e as JournalEntry;
}

/**
 * One line (with its newline) for an entry or the header.
 *
 * @example
 * ```ts
 * import { journalLine } from '@oss-cse/transfer';
 * journalLine({ key: 'a.jpg', state: 'uploaded', size: 3 }); // '{"key":"a.jpg","state":"uploaded","size":3}\n'
 * ```
 */
export function journalLine(entry: JournalEntry | JournalHeader): string {
  return `${JSON.stringify('job' in entry ? entry : checkJournalEntry(entry))}\n`;
}

/**
 * The entries of a journal's text for `job`. A last line without its newline (a run killed while writing it) is
 * ignored; any other unreadable line is an error.
 * @throws OssCseError ERR_CHECKPOINT when the journal belongs to another job or a line is not an entry.
 *
 * @example
 * ```ts
 * import { journalLine, parseJournal } from '@oss-cse/transfer';
 * const text = journalLine({ v: 1, job: 'j1' }) + journalLine({ key: 'a.jpg', state: 'uploaded' });
 * parseJournal(text, 'j1'); // [{ key: 'a.jpg', state: 'uploaded' }]
 * ```
 */
export function parseJournal(text: string, job: string): JournalEntry[] {
  const lines = text.split('\n');
  lines.pop(); // the text after the last newline: empty, or a line cut off by a kill
  if (lines.length === 0) return [];
  let header: Partial<JournalHeader>;
  try {
    header = JSON.parse(lines[0]!) as Partial<JournalHeader>;
  } catch {
    throw new OssCseError('ERR_CHECKPOINT', 'journal: the first line is not a journal header');
  }
  if (header.v !== JOURNAL_VERSION || typeof header.job !== 'string')
    throw new OssCseError('ERR_CHECKPOINT', 'journal: the first line is not a journal header of this version');
  if (header.job !== job)
    throw new OssCseError(
      'ERR_CHECKPOINT',
      'journal: it belongs to another job (other command or arguments); use another --journal file',
    );
  return lines.slice(1).map((line, i) => {
    try {
      return checkJournalEntry(JSON.parse(line));
    } catch (e) {
      if (e instanceof OssCseError) throw e;
      throw new OssCseError('ERR_CHECKPOINT', `journal: line ${i + 2} is not JSON`);
    }
  });
}

/**
 * A digest naming a job: SHA-256 (hex) of its canonical description (command, source, target, options).
 *
 * @example
 * ```ts
 * import { jobId } from '@oss-cse/transfer';
 * const job = await jobId(['cp', '/data', 'oss://photos/backup/', { include: ['*.jpg'] }]);
 * ```
 */
export async function jobId(description: readonly unknown[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(description));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
