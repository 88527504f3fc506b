// The engine clients the runners pass to the transfer suites, by adapter (src/env.ts ADAPTERS). A runtime
// package's createClient joins here once it is a TransferClient: add its factory here, pass it in that runtime's
// runner, and add its name to ADAPTERS.
import { createClient } from '@oss-cse/transfer';
import type { ClientFactories } from './context.js';

/** The engine over the fetch transport: every runtime has it. */
export const FETCH_CLIENTS: ClientFactories = { fetch: (options) => createClient(options) };
