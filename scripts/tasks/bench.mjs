// `npm run bench`: benchmarks under bench/ (never part of npm test).
import { mustRun } from '../setup/exec.mjs';

export async function runBench({ root, pnpm, env }, args) {
  await mustRun(pnpm, ['run', 'build'], { cwd: root, env });
  await mustRun(pnpm, ['--filter', '@oss-cse/bench', 'run', 'bench', '--', ...args], { cwd: root, env });
  return 0;
}
