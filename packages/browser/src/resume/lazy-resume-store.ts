// A resume store whose implementation is loaded at its first use: the browser client's IndexedDB store comes with
// import(), so a page that uploads small files and reads objects (no resume record) never downloads its code.
import { OssCseError } from '@oss-cse/core';
import type { ResumeStore } from '@oss-cse/transfer';

/**
 * The store `load` gives, loaded at the first call and kept; a failed load is ERR_CHECKPOINT and is tried again by
 * the next call.
 */
export function lazyResumeStore(load: () => Promise<ResumeStore>): ResumeStore {
  let store: Promise<ResumeStore> | undefined;
  const loaded = (): Promise<ResumeStore> => {
    store ??= load().catch((e: unknown) => {
      store = undefined;
      throw new OssCseError(
        'ERR_CHECKPOINT',
        `cannot load the resume store: ${e instanceof Error ? e.message : String(e)}`,
      );
    });
    return store;
  };
  return {
    load: async (id) => (await loaded()).load(id),
    save: async (record) => (await loaded()).save(record),
    delete: async (id) => (await loaded()).delete(id),
    list: async () => (await loaded()).list(),
  };
}
