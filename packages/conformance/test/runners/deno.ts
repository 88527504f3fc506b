// Deno: `deno run` on the bundled runner, network allowed to the emulator's and the vending endpoint's host:port only.
import type { ConformanceInput } from '../../src/context.js';
import { reportFromOutput, type RuntimeReport } from '../../src/harness/report.js';
import type { Bundle } from '../support/bundle.js';
import { binPath, runChild } from '../support/child.js';

export async function runDeno(bundle: Bundle, input: ConformanceInput, timeoutMs: number): Promise<RuntimeReport> {
  const hosts = [input.emulator.endpoint, input.sts.vendUrl].map((url) => new URL(url).host).join(',');
  const { code, stdout, stderr } = await runChild(
    binPath('deno'),
    ['run', '--no-config', '--no-lock', '--no-prompt', `--allow-net=${hosts}`, bundle.entry('deno')],
    {
      cwd: bundle.dir,
      stdin: JSON.stringify(input),
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeoutMs,
    },
  );
  if (code !== 0) throw new Error(`deno exited with ${code}: ${stderr.slice(-2000)}`);
  return reportFromOutput(stdout);
}
