// Runs the built CLI (dist/cli/main.js) as a child process; builds core, kms, transfer and this package first when
// stale.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { keyringOf, startTestEnv, testKeys, type KeyForms, type TestEnv } from './setup.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(packageDir, 'dist/cli/main.js');

async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return latest;
}

async function builtAt(): Promise<number> {
  try {
    return (await stat(CLI)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds @oss-cse/core, @oss-cse/kms, @oss-cse/transfer and @oss-cse/node unless dist is newer than their sources (one
 * builder at a time).
 */
export async function ensureBuilt(): Promise<void> {
  const sources = Math.max(
    await newest(join(packageDir, 'src')),
    await newest(join(packageDir, '../core/src')),
    await newest(join(packageDir, '../kms/src')),
    await newest(join(packageDir, '../transfer/src')),
  );
  if ((await builtAt()) > sources) return;
  const lock = join(packageDir, '.build-lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A builder killed mid-way leaves its lock: take over after two minutes.
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > 120_000) await rmdir(lock).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if ((await builtAt()) > sources) return;
    const run = promisify(execFile);
    await run(
      'pnpm',
      [
        '--filter',
        '@oss-cse/core',
        '--filter',
        '@oss-cse/kms',
        '--filter',
        '@oss-cse/transfer',
        '--filter',
        '@oss-cse/node',
        'run',
        'build',
      ],
      { cwd: join(packageDir, '../..') },
    );
  } finally {
    await rmdir(lock);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Starts the CLI; `done` resolves when it exits. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  input?: Buffer,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: env['HOME'] ?? process.env['HOME'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (c: Buffer) => out.push(c));
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  if (input) child.stdin!.end(input);
  else child.stdin!.end();
  const done = new Promise<CliResult>((resolveDone) => {
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string>, input?: Buffer): Promise<CliResult> {
  return startCli(args, env, input).done;
}

/** An emulator, the test keys, the CLI's environment (credentials, endpoint, HOME) and the main private key file. */
export interface CliTestEnv {
  readonly env: TestEnv;
  readonly keys: { main: KeyForms; other: KeyForms };
  readonly vars: Record<string, string>;
  /** Path of the main RSA private key (PKCS#1 PEM). */
  readonly priv: string;
  readonly bucket: string;
}

/** Builds the CLI when stale and starts what CLI tests run against. */
export async function startCliTestEnv(): Promise<CliTestEnv> {
  await ensureBuilt();
  const keys = await testKeys();
  const env = await startTestEnv(await keyringOf(keys.main.private_key_pkcs1_pem));
  const vars = {
    OSS_ENDPOINT: env.emulator.ossEndpoint,
    OSS_REGION: env.emulator.region,
    HOME: env.dir,
    OSS_ACCESS_KEY_ID: env.emulator.accessKeyId,
    OSS_ACCESS_KEY_SECRET: env.emulator.accessKeySecret,
  };
  const priv = join(env.dir, 'main.pem');
  await writeFile(priv, keys.main.private_key_pkcs1_pem);
  return { env, keys, vars, priv, bucket: env.emulator.buckets[0]! };
}
