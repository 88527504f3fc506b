// A tiny promise layer over IndexedDB: one database per name, its object stores created (or retired) on open.

/** Version 2: resume records of the engine's shape in `transfers`; version 1's `uploads` (the old shape) retired. */
const DB_VERSION = 2;
export const TRANSFERS_STORE = 'transfers';
export const KEYS_STORE = 'keys';
const RETIRED_STORES = ['uploads'];

/** Opens (creating or upgrading when needed) an oss-cse database. */
export function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const retired of RETIRED_STORES) if (db.objectStoreNames.contains(retired)) db.deleteObjectStore(retired);
      if (!db.objectStoreNames.contains(TRANSFERS_STORE)) db.createObjectStore(TRANSFERS_STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(KEYS_STORE)) db.createObjectStore(KEYS_STORE, { keyPath: 'name' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`cannot open IndexedDB "${name}"`));
    req.onblocked = () => reject(new Error(`IndexedDB "${name}" is blocked by another tab`));
  });
}

/** Runs one request in its own transaction and resolves when the transaction commits. */
export function run<T>(
  db: IDBDatabase,
  store: string,
  mode: IDBTransactionMode,
  op: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = op(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
