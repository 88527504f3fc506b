// Node: the orchestrator's own process runs the suite from source (Node 20, as users run it), with the fetch
// transport and @oss-cse/node's ali-oss client.
import { NODE_CLIENTS } from './clients-node.js';
import { adminOverFetch, vendOverFetch, type ConformanceInput } from './context.js';
import type { RuntimeReport } from './harness/report.js';
import { runConformance } from './run.js';

export function runNode(input: ConformanceInput): Promise<RuntimeReport> {
  return runConformance(input, {
    admin: adminOverFetch(input.emulator.endpoint),
    vend: vendOverFetch(input.sts.vendUrl),
    clients: NODE_CLIENTS,
  });
}
