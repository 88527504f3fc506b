// The engine's ResumeStore in IndexedDB: pending uploads and downloads survive page reloads. Records have the
// engine's shape (wrapped key material only, checked on every write and read); a record that fails the check (an
// older version's, a damaged one) is never used and is deleted when met.
import { OssCseError } from '@oss-cse/core';
import { checkRecord, type ResumeRecord, type ResumeStore } from '@oss-cse/transfer';
import { openDatabase, run, TRANSFERS_STORE } from './idb.js';

/**
 * @example
 * ```ts
 * import { indexedDbResumeStore } from '@oss-cse/browser';
 * const store = indexedDbResumeStore({ database: 'oss-cse' });
 * for (const r of await store.list()) console.log(r.kind, r.key);
 * ```
 */
export function indexedDbResumeStore(options: { database?: string | undefined } = {}): ResumeStore {
  const name = options.database ?? 'oss-cse';
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    db ??= openDatabase(name).catch((e: unknown) => {
      db = undefined;
      throw new OssCseError(
        'ERR_CHECKPOINT',
        `cannot open the resume store (IndexedDB "${name}"): ${e instanceof Error ? e.message : String(e)}`,
      );
    });
    return db;
  };
  const remove = async (id: IDBValidKey) => {
    await run(await open(), TRANSFERS_STORE, 'readwrite', (s) => s.delete(id));
  };
  /** The record, or undefined (and gone from the store) when it is not one of this version. */
  const valid = async (value: unknown): Promise<ResumeRecord | undefined> => {
    try {
      return checkRecord(value);
    } catch (e) {
      if (!(e instanceof OssCseError && e.code === 'ERR_CHECKPOINT')) throw e;
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') await remove(id);
      return undefined;
    }
  };
  return {
    async load(id) {
      const value: unknown = await run(await open(), TRANSFERS_STORE, 'readonly', (s) => s.get(id));
      return value === undefined ? undefined : valid(value);
    },
    async save(record) {
      const checked = checkRecord(record);
      await run(await open(), TRANSFERS_STORE, 'readwrite', (s) => s.put(checked));
    },
    delete: remove,
    async list() {
      const all: unknown[] = await run(await open(), TRANSFERS_STORE, 'readonly', (s) => s.getAll());
      const records = await Promise.all(all.map(valid));
      return records.filter((r): r is ResumeRecord => r !== undefined);
    },
  };
}
