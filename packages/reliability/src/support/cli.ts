// Runs the built CLI (packages/node/dist/cli/main.js; `npm test` builds it first) as a child process.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = resolve(fileURLToPath(import.meta.url), '../../../../node/dist/cli/main.js');

export function startCli(
  args: string[],
  env: Record<string, string>,
): { kill: () => void; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString('latin1');
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((r) => {
    child.on('close', (code, signal) => r({ code, signal, stdout, stderr }));
  });
  return { kill: () => child.kill('SIGKILL'), done };
}
