// oss-cse sync <dir> oss://bucket/prefix/ (or the reverse): transfer only what is new or changed (plaintext size,
// then MD5 against the object's recorded unencrypted-content-md5; nothing is downloaded to compare), and with
// --delete remove what the source no longer has (--dry-run prints it first).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runBatchCommand } from '../batch-command.js';
import { addBatchOptions, type BatchFlags } from '../batch-flags.js';
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
import type { CommandContext } from '../program.js';

type SyncFlags = KeyFlags & ConnectionFlags & BatchFlags & { delete?: boolean };

export function syncCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('sync')
    .description('make a prefix match a directory (or a directory match a prefix): only new or changed files move')
    .argument('<src>', 'local directory, or oss://<bucket>/<prefix/>')
    .argument('<dst>', 'oss://<bucket>/<prefix/>, or a local directory')
    .option('--delete', 'remove from the destination what the source no longer has');
  addBatchOptions(addTransferOptions(addConnectionOptions(addKeyOptions(cmd))), { walk: true });
  cmd.action(async (src: string, dst: string, flags: SyncFlags) => {
    const up = !src.startsWith('oss://');
    if (up === !dst.startsWith('oss://')) throw new UsageError('sync needs one local directory and one oss:// URL');
    const { bucket, key } = parseOssUrl(up ? dst : src);
    const keyring = (await loadKeyring(flags))!;
    const client = clientFor(bucket, keyring, flags, flags);
    const local = resolve(up ? src : dst);
    const description = [up ? 'up' : 'down', local, bucket, key, flags.delete === true];
    try {
      await runBatchCommand('sync', flags, description, run, (options) =>
        client.syncDirectory(up ? 'up' : 'down', local, key, {
          ...options,
          delete: flags.delete === true,
          followSymlinks: flags.followSymlinks === true,
        }),
      );
    } finally {
      client.close();
    }
  });
}
