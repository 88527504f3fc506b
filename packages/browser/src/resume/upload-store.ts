// Resumable-upload records in IndexedDB: upload id, part size, the wrapped envelope only (never a plaintext data
// key), finished parts and the file's fingerprint. Survives page reloads.
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

  /** Adds a finished part to a record. */
  addPart(id: string, part: FinishedPart): Promise<void> {
    return this.#chain(id, async () => {
      const db = await this.#open();
      const current = (await run(db, UPLOADS_STORE, 'readonly', (s) => s.get(id))) as PendingUpload | undefined;
      if (!current) return;
      const parts = [...current.parts.filter((p) => p.partNumber !== part.partNumber), part].sort((a, b) => a.partNumber - b.partNumber);
      await run(db, UPLOADS_STORE, 'readwrite', (s) => s.put({ ...current, parts, updatedAt: Date.now() }));
    });
  }

  delete(id: string): Promise<void> {
    return this.#chain(id, async () => {
      await run(await this.#open(), UPLOADS_STORE, 'readwrite', (s) => s.delete(id));
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

/* Precondition: a record holds wrapped material only (it is what `MultipartEncryptionContext.material` gives). */
function assertWrappedOnly(record: PendingUpload): void {
  const allowed = new Set(['wrapAlg', 'cekAlg', 'encryptedKey', 'encryptedIv', 'matDesc', 'dataSize', 'partSize']);
  for (const k of Object.keys(record.material)) {
    if (!allowed.has(k)) throw new OssCseError('ERR_CHECKPOINT', `refusing to persist unknown material field "${k}"`);
  }
}
