// Resumable-upload records in IndexedDB: upload id, part size, the wrapped envelope only (never a plaintext data
// key), finished parts, the SHA-256 of every part sent and the file's fingerprint. Survives page reloads.
import type { MultipartMaterial } from '@oss-cse/core';
import { OssCseError } from '@oss-cse/core';
import { openDatabase, run, UPLOADS_STORE } from './idb.js';
import type { FileFingerprint } from './fingerprint.js';

export interface FinishedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** CRC-64 of the part's ciphertext (decimal), as checked against the server's. */
  readonly crc64: string;
  readonly size: number;
}

/** A part whose ciphertext may have reached the server (recorded before its UploadPart is sent). */
export interface SentPart {
  readonly partNumber: number;
  /** Hex SHA-256 of the part's plaintext: a resume re-hashes the file's bytes and starts over on any difference. */
  readonly sha256: string;
}

/** One pending (started, not completed) encrypted multipart upload. */
export interface PendingUpload {
  /** `endpoint|bucket|key`. */
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partSize: number;
  readonly dataSize: number;
  /** Wrapped key and IV with the sizes: what the Worker resumes from (one unwrap). */
  readonly material: MultipartMaterial;
  readonly fingerprint: FileFingerprint;
  readonly parts: readonly FinishedPart[];
  /**
   * Every part sent so far, finished or not, with the hash of its plaintext. Its key stream was used: resuming
   * with other bytes for it would encrypt them under the same key and counter. (Absent in records of older
   * versions, which are then not resumed.)
   */
  readonly sent?: readonly SentPart[] | undefined;
  /** The `unencrypted-content-md5` given to InitiateMultipartUpload (`computeMd5`), which a resume must match. */
  readonly plaintextMd5?: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * @example
 * ```ts
 * const store = new UploadStore();
 * for (const u of await store.list()) console.log(u.key, u.parts.length);
 * ```
 */
export class UploadStore {
  readonly #name: string;
  #db: Promise<IDBDatabase> | undefined;
  /** Writes of one record are chained so a slow put never overwrites a newer one. */
  readonly #chains = new Map<string, Promise<unknown>>();

  constructor(databaseName = 'oss-cse') {
    this.#name = databaseName;
  }

  async get(id: string): Promise<PendingUpload | undefined> {
    return (await run(await this.#open(), UPLOADS_STORE, 'readonly', (s) => s.get(id))) as PendingUpload | undefined;
  }

  async list(): Promise<PendingUpload[]> {
    return (await run(await this.#open(), UPLOADS_STORE, 'readonly', (s) => s.getAll())) as PendingUpload[];
  }

  /** Stores a record (replacing any with the same id). */
  put(record: PendingUpload): Promise<void> {
    assertWrappedOnly(record);
    return this.#chain(record.id, async () => {
      await run(await this.#open(), UPLOADS_STORE, 'readwrite', (s) => s.put(record));
    });
  }

  /** Records that a part is about to be sent, with the hash of its plaintext. */
  markSent(id: string, part: SentPart): Promise<void> {
    return this.#update(id, (current) => ({ sent: upsert(current.sent ?? [], part) }));
  }

  /** Adds a finished part to a record. */
  addPart(id: string, part: FinishedPart): Promise<void> {
    return this.#update(id, (current) => ({ parts: upsert(current.parts, part) }));
  }

  delete(id: string): Promise<void> {
    return this.#chain(id, async () => {
      await run(await this.#open(), UPLOADS_STORE, 'readwrite', (s) => s.delete(id));
    });
  }

  /** Read-modify-write of one record, chained with its other writes; a deleted record stays deleted. */
  #update(id: string, change: (current: PendingUpload) => Partial<PendingUpload>): Promise<void> {
    return this.#chain(id, async () => {
      const db = await this.#open();
      const current = (await run(db, UPLOADS_STORE, 'readonly', (s) => s.get(id))) as PendingUpload | undefined;
      if (!current) return;
      await run(db, UPLOADS_STORE, 'readwrite', (s) => s.put({ ...current, ...change(current), updatedAt: Date.now() }));
    });
  }

  #chain(id: string, op: () => Promise<void>): Promise<void> {
    const next = (this.#chains.get(id) ?? Promise.resolve()).catch(() => undefined).then(op);
    this.#chains.set(id, next);
    return next.finally(() => {
      if (this.#chains.get(id) === next) this.#chains.delete(id);
    });
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= openDatabase(this.#name).catch((e: unknown) => {
      this.#db = undefined;
      throw new OssCseError('ERR_CHECKPOINT', `cannot open the resume store: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    return this.#db;
  }
}

/** `list` with `item` replacing the entry of the same part number, ordered by part number. */
function upsert<T extends { readonly partNumber: number }>(list: readonly T[], item: T): T[] {
  return [...list.filter((p) => p.partNumber !== item.partNumber), item].sort((a, b) => a.partNumber - b.partNumber);
}

/* Precondition: a record holds wrapped material only (it is what `MultipartEncryptionContext.material` gives). */
function assertWrappedOnly(record: PendingUpload): void {
  const allowed = new Set(['wrapAlg', 'cekAlg', 'encryptedKey', 'encryptedIv', 'matDesc', 'dataSize', 'partSize']);
  for (const k of Object.keys(record.material)) {
    if (!allowed.has(k)) throw new OssCseError('ERR_CHECKPOINT', `refusing to persist unknown material field "${k}"`);
  }
}
