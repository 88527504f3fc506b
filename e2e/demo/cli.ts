// The `oss-cse` CLI of @oss-cse/node (built by `npm test` before the e2e tier), pointed at the emulator: endpoint
// and region flags, the account's AccessKey in OSS_ACCESS_KEY_ID/SECRET; path style is automatic for localhost.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Emulator } from '../../packages/emulator/src/index.js';

export const CLI = join(import.meta.dirname, '..', '..', 'packages', 'node', 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `oss-cse <args> --endpoint … --region …` against the emulator; never throws on a non-zero exit. */
export function ossCse(emulator: Emulator, args: readonly string[]): Promise<CliResult> {
  const { OSS_SESSION_TOKEN: _noToken, ...inherited } = process.env;
  const env = {
    ...inherited,
    OSS_ACCESS_KEY_ID: emulator.accessKeyId,
    OSS_ACCESS_KEY_SECRET: emulator.accessKeySecret,
  };
  const argv = [CLI, ...args, '--endpoint', emulator.ossEndpoint, '--region', emulator.region, '--no-progress'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}
