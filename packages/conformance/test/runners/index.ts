// One runner per runtime, all with the same shape: the orchestrator's input in, the runtime's report out.
import type { RuntimeName } from '../../src/env.js';
import type { RuntimeReport } from '../../src/harness/report.js';
import { runNode } from '../../src/run-node.js';
import type { Orchestrator } from '../support/orchestrator.js';
import { runBun } from './bun.js';
import { runChromium } from './chromium.js';
import { runDeno } from './deno.js';
import { runWorkerd } from './workerd.js';

/** Time limit of one runtime's whole run. */
export const RUN_TIMEOUT_MS = 240_000;

export async function runIn(runtime: RuntimeName, orchestrator: Orchestrator): Promise<RuntimeReport> {
  const input = await orchestrator.inputFor(runtime);
  if (runtime === 'node') return runNode(input);
  const bundle = await orchestrator.bundle();
  switch (runtime) {
    case 'chromium':
      return runChromium(bundle, input, RUN_TIMEOUT_MS);
    case 'deno':
      return runDeno(bundle, input, RUN_TIMEOUT_MS);
    case 'bun':
      return runBun(bundle, input, RUN_TIMEOUT_MS);
    case 'workerd':
      return runWorkerd(bundle, input, RUN_TIMEOUT_MS);
  }
}
