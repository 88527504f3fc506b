// Child processes of the repository-level tests (consumer tier, README commands): run to completion with output
// captured, or start a server and wait for its first line.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The runner's environment without the npm_/pnpm_ variables a package-manager-run test inherits: the consumer's npm
 * and npx see their own settings, not the workspace's.
 */
export function consumerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm|pnpm)_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end (never throws for an exit code; the caller asserts it). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: consumerEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a command and throws with its output when it fails. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const r = await runCommand(command, args, options);
  if (r.code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited with ${r.code}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`,
    );
  return r;
}

/** Colour and cursor escapes (CSI sequences), which a CI that forces colour adds inside URLs and words. */
// eslint-disable-next-line no-control-regex -- the escape character is what this matches
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** `text` without terminal escapes: what a reader of the output sees. */
export function withoutAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * Starts a long-running command and resolves with it and the first stdout line that `ready` accepts (matched
 * without terminal escapes; the command is asked for plain output, but a CI may force colour).
 */
export function startServer(
  command: string,
  args: readonly string[],
  options: { cwd: string; ready: RegExp; timeoutMs?: number },
): Promise<{ child: ChildProcess; line: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: consumerEnv({ NO_COLOR: '1', FORCE_COLOR: undefined }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let seen = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        // The whole group: npx and the server it started.
        process.kill(-child.pid!, 'SIGTERM');
      });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} ${args.join(' ')} did not start: ${seen.slice(-2000)}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      seen += withoutAnsi(d.toString('utf8'));
      const line = seen.split('\n').find((l) => options.ready.test(l));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ child, line, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (seen += withoutAnsi(d.toString('utf8'))));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code} before it was ready: ${seen.slice(-2000)}`));
    });
  });
}
