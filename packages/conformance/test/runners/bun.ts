// Bun: `bun run` on the bundled runner (never installing anything).
import type { ConformanceInput } from '../../src/context.js';
import { reportFromOutput, type RuntimeReport } from '../../src/harness/report.js';
import type { Bundle } from '../support/bundle.js';
import { binPath, runChild } from '../support/child.js';

export async function runBun(bundle: Bundle, input: ConformanceInput, timeoutMs: number): Promise<RuntimeReport> {
  const { code, stdout, stderr } = await runChild(binPath('bun'), ['run', '--no-install', bundle.entry('bun')], {
    cwd: bundle.dir,
    stdin: JSON.stringify(input),
    env: { ...process.env, DO_NOT_TRACK: '1', NO_COLOR: '1' },
    timeoutMs,
  });
  if (code !== 0) throw new Error(`bun exited with ${code}: ${stderr.slice(-2000)}`);
  return reportFromOutput(stdout);
}
