// Node: the orchestrator's own process runs the suite from source (Node 20, as users run it).
import { adminOverFetch, type ConformanceInput } from './context.js';
import type { RuntimeReport } from './harness/report.js';
import { runConformance } from './run.js';

export function runNode(input: ConformanceInput): Promise<RuntimeReport> {
  return runConformance(input, adminOverFetch(input.emulator.endpoint));
}
