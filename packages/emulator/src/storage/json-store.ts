import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentJson } from '../shared/contracts.js';
import { writeFileAtomic } from './atomic-file.js';
import { KeyedLock } from './keyed-lock.js';

/** Named JSON documents (`dir/sub/name`), persisted atomically on disk or kept in memory. */
export interface JsonStore extends PersistentJson {
  remove(name: string): Promise<void>;
  /** Names of the documents directly inside `dir` (without `.json`). */
  list(dir: string): Promise<string[]>;
  /** A view whose names are prefixed with `prefix/`. */
  scoped(prefix: string): JsonStore;
}

const NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function checkName(name: string): void {
  if (!NAME.test(name) || name.split('/').some((s) => s === '.' || s === '..'))
    throw new Error(`invalid store name: ${name}`);
}

function scopedView(store: JsonStore, prefix: string): JsonStore {
  const full = (name: string): string => `${prefix}/${name}`;
  return {
    load: (name) => store.load(full(name)),
    save: (name, value) => store.save(full(name), value),
    remove: (name) => store.remove(full(name)),
    list: (dir) => store.list(dir === '' ? prefix : full(dir)),
    scoped: (sub) => scopedView(store, full(sub)),
  };
}

export function createMemoryJsonStore(): JsonStore {
  const docs = new Map<string, string>();
  const store: JsonStore = {
    load: async <T>(name: string) => {
      const text = docs.get(name);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    save: async (name, value) => {
      checkName(name);
      docs.set(name, JSON.stringify(value));
    },
    remove: async (name) => {
      docs.delete(name);
    },
    list: async (dir) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      return [...docs.keys()]
        .filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('/'))
        .map((n) => n.slice(prefix.length));
    },
    scoped: (prefix) => scopedView(store, prefix),
  };
  return store;
}

export function createDiskJsonStore(root: string): JsonStore {
  // Writes to one name are chained so that a later save can never be overtaken by an earlier one.
  const writes = new KeyedLock();
  const pathOf = (name: string): string => {
    checkName(name);
    return join(root, `${name}.json`);
  };
  const enqueue = (name: string, job: () => Promise<void>): Promise<void> => writes.run(name, job);
  const store: JsonStore = {
    load: async <T>(name: string) => {
      try {
        return JSON.parse(await readFile(pathOf(name), 'utf8')) as T;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    save: (name, value) => {
      const path = pathOf(name);
      return enqueue(name, () => writeFileAtomic(path, JSON.stringify(value)));
    },
    remove: (name) => {
      const path = pathOf(name);
      return enqueue(name, () => rm(path, { force: true }));
    },
    list: async (dir) => {
      try {
        const entries = await readdir(dir === '' ? root : join(root, dir), { withFileTypes: true });
        return entries
          .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.tmp-'))
          .map((e) => e.name.slice(0, -5));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
    scoped: (prefix) => scopedView(store, prefix),
  };
  return store;
}
