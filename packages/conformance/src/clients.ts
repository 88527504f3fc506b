// The engine clients every runner passes to the transfer suites, by adapter (src/env.ts ADAPTERS). A runtime
// package's createClient joins here once it is a TransferClient (Node's ali-oss transport, Chromium's ali-oss XHR):
// add its factory to that runtime's runner and its name to ADAPTERS.
import { createClient } from '@oss-cse/transfer';
import type { ClientFactories } from './context.js';

/** The engine over the fetch transport: every runtime has it. */
export const FETCH_CLIENTS: ClientFactories = { fetch: (options) => createClient(options) };
