// The browser's engine clients: the fetch transport, and @oss-cse/browser's client (ali-oss over XHR, encryption in
// its Web Worker, resume records in IndexedDB: a database of its own per client, so no case sees another's records).
import { createClient as createBrowserClient } from '@oss-cse/browser';
import { FETCH_CLIENTS } from './clients.js';
import type { ClientFactories } from './context.js';

export const BROWSER_CLIENTS: ClientFactories = {
  ...FETCH_CLIENTS,
  'ali-oss-xhr': (options) =>
    createBrowserClient({ ...options, database: `oss-cse-conformance-${crypto.randomUUID()}` }),
};
