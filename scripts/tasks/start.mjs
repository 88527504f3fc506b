// `npm start`: the main job on the embedded emulator.
import { mustRun } from '../setup/exec.mjs';

export async function runStart({ root, pnpm, env }, args) {
  await mustRun(pnpm, ['run', 'build'], { cwd: root, env });
  return mustRun(pnpm, ['--filter', '@oss-cse/start', 'run', 'start', '--', ...args], { cwd: root, env }).then(() => 0);
}
