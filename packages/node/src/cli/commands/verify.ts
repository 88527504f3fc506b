// oss-cse verify <file|dir> oss://bucket/<key|prefix/>: proves that objects hold exactly the local plaintext
// without downloading them (the local bytes are encrypted in memory with each object's data key and IV and the
// CRC-64 compared with the server's). Per object: match, differs, missing or not encrypted; exit 1 unless all match.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runBatchCommand } from '../batch-command.js';
import { addBatchOptions, batchSettings, type BatchFlags } from '../batch-flags.js';
import { UsageError } from '../errors.js';
import {
  addConnectionOptions,
  addKeyOptions,
  addTransferOptions,
  clientFor,
  loadKeyring,
  parseOssUrl,
  type ConnectionFlags,
  type KeyFlags,
} from '../options.js';
import { printResult } from '../output.js';
import type { CommandContext } from '../program.js';

export function verifyCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('verify')
    .description(
      'check that objects hold exactly the local files, without downloading them (CRC-64 of re-encrypted data)',
    )
    .argument('<path>', 'local file or directory')
    .argument('<url>', 'oss://<bucket>/<key> for a file, oss://<bucket>/<prefix/> for a directory');
  addBatchOptions(addTransferOptions(addConnectionOptions(addKeyOptions(cmd))), { dryRun: false, walk: true });
  cmd.action(async (path: string, url: string, flags: KeyFlags & ConnectionFlags & BatchFlags) => {
    const { bucket, key } = parseOssUrl(url);
    const isDir = (await stat(path)).isDirectory();
    if (!isDir && (key === '' || key.endsWith('/'))) throw new UsageError(`${url} names no object for file ${path}`);
    batchSettings(flags); // usage errors before anything is loaded
    const keyring = (await loadKeyring(flags))!;
    const client = clientFor(bucket, keyring, flags, flags);
    try {
      if (!isDir) {
        const r = await client.verifyFile(key, path, { signal: run.signal });
        if (r.status !== 'match') process.exitCode = 1;
        printResult(flags.json === true, r, `${r.status}${r.reason ? ` (${r.reason})` : ''}: ${url}`, process.stdout);
        return;
      }
      const local = resolve(path);
      await runBatchCommand('verify', flags, [local, bucket, key], run, (options) =>
        client.verifyDirectory(local, key, { ...options, followSymlinks: flags.followSymlinks === true }),
      );
    } finally {
      client.close();
    }
  });
}
