#!/usr/bin/env node
// Entry point of the `oss-cse` CLI: exit 0 on success, 2 on usage errors, 1 otherwise, with one line
// `oss-cse: <CODE>: <message>` on stderr (a stack trace only with OSS_CSE_DEBUG=1).
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { describeFailure } from './errors.js';

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => controller.abort(new Error(`received ${sig}`)));
}

const program = buildProgram({ signal: controller.signal });
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
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
