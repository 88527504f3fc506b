#!/usr/bin/env node
// Entry point of the `oss-cse` CLI: exit 0 on success, 2 on usage errors, 1 otherwise, with one line
// `oss-cse: <CODE>: <message>` on stderr (a stack trace only with OSS_CSE_DEBUG=1). SIGINT/SIGTERM abort the
// command, which removes its temporary plaintext files (a resumable download keeps its own, named in its
// checkpoint), and exit 130/143; a command that does not wind down within a few seconds, or a second signal,
// ends the process at once (temporary files are then removed on exit).
import { setMaxListeners } from 'node:events';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { describeFailure } from './errors.js';

const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_ON_SIGNAL;
/** How long an interrupted command may take to clean up before the process ends anyway. */
const GRACE_MS = 3000;

const controller = new AbortController();
// Every object in flight of a batch listens to it (--jobs may be far above Node's default warning limit of 10).
setMaxListeners(0, controller.signal);
let interrupted: HandledSignal | undefined;
let reported = false;

/** The one stderr line of an interrupted command; returns its exit code. */
function reportInterrupted(sig: HandledSignal): number {
  if (!reported) process.stderr.write(`oss-cse: ERR_ABORTED: interrupted by ${sig}\n`);
  reported = true;
  return EXIT_ON_SIGNAL[sig];
}

for (const sig of Object.keys(EXIT_ON_SIGNAL) as HandledSignal[]) {
  process.on(sig, () => {
    if (interrupted) process.exit(reportInterrupted(interrupted));
    interrupted = sig;
    controller.abort(new Error(`received ${sig}`));
    setTimeout(() => process.exit(reportInterrupted(sig)), GRACE_MS).unref();
  });
}

const program = buildProgram({ signal: controller.signal });
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (interrupted) {
    process.exitCode = reportInterrupted(interrupted);
  } else if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') {
      process.exitCode = 0;
    } else if (e.code === 'commander.help') {
      process.exitCode = 2; // no command given: the help went to stderr
    } else {
      process.stderr.write(`oss-cse: ERR_USAGE: ${e.message.replace(/^error: /, '')}\n`);
      process.exitCode = 2;
    }
  } else {
    const { exitCode, line } = describeFailure(e);
    process.stderr.write(`${line}\n`);
    if (process.env['OSS_CSE_DEBUG'] === '1' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = exitCode;
  }
}
