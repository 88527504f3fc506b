// Node's engine clients: the fetch transport, and @oss-cse/node's client (ali-oss over Node's http agents, inline
// encryption, JSON-file resume records when given a directory). Node only: run by src/run-node.ts in the
// orchestrator's process, never bundled for the other runtimes (tsconfig.node-tests.json checks it with Node types).
import { createClient as createNodeClient } from '@oss-cse/node';
import { FETCH_CLIENTS } from './clients.js';
import type { ClientFactories } from './context.js';

export const NODE_CLIENTS: ClientFactories = {
  ...FETCH_CLIENTS,
  'ali-oss': (options) => createNodeClient(options),
};
