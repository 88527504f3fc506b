// The `oss-cse` command tree.
import { Command } from 'commander';
import { cpCommand } from './commands/cp.js';
import { decryptCommand } from './commands/decrypt.js';
import { encryptCommand } from './commands/encrypt.js';
import { getCommand } from './commands/get.js';
import { headCommand } from './commands/head.js';
import { keygenCommand } from './commands/keygen.js';
import { lsCommand } from './commands/ls.js';
import { putCommand } from './commands/put.js';
import { rewrapCommand } from './commands/rewrap.js';
import { syncCommand } from './commands/sync.js';
import { verifyCommand } from './commands/verify.js';

/** What commands share at run time. */
export interface CommandContext {
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

export function buildProgram(run: CommandContext): Command {
  const program = new Command('oss-cse')
    .description(
      'Client-side encryption for Alibaba Cloud OSS (the official V2 format). Credentials: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN.',
    )
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
    // The one `oss-cse: ERR_USAGE: …` line is printed by main.
    .configureOutput({ outputError: () => undefined });
  putCommand(program, run);
  getCommand(program, run);
  headCommand(program);
  lsCommand(program);
  encryptCommand(program, run);
  decryptCommand(program, run);
  cpCommand(program, run);
  syncCommand(program, run);
  verifyCommand(program, run);
  rewrapCommand(program, run);
  keygenCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}
