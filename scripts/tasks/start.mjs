// `npm start`: build the packages, then run the demo (emulator + demo backend + Vite app) until Ctrl-C.
import { mustRun } from '../setup/exec.mjs';

export async function runStart({ root, pnpm, env }, args) {
  await mustRun(pnpm, ['run', 'build'], { cwd: root, env });
  await mustRun(pnpm, ['--filter', '@oss-cse/demo', 'run', 'start', '--', ...args], { cwd: root, env });
  return 0;
}
