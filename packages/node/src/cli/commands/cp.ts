// oss-cse cp [-r] <src> <dst>: one file up or one object down (as put/get), or with -r a whole directory to a
// prefix or a prefix to a directory (a batch: filters, jobs, shard, journal, aggregated progress).
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
import { formatBytes, printResult } from '../output.js';
import type { CommandContext } from '../program.js';

type CpFlags = KeyFlags & ConnectionFlags & BatchFlags & { recursive?: boolean; force?: boolean };

export function cpCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('cp')
    .description('copy a file to an object or an object to a file; with -r a directory to oss://bucket/prefix/ or back')
    .argument('<src>', 'local file or directory, or oss://<bucket>/<key or prefix/>')
    .argument('<dst>', 'oss://<bucket>/<key or prefix/>, or a local file or directory')
    .option('-r, --recursive', 'copy a whole directory or prefix')
    .option('--force', 'downloads: replace existing files');
  addBatchOptions(addTransferOptions(addConnectionOptions(addKeyOptions(cmd))), { dryRun: false, walk: true });
  cmd.action(async (src: string, dst: string, flags: CpFlags) => {
    const up = !src.startsWith('oss://');
    if (up === !dst.startsWith('oss://')) throw new UsageError('cp needs one local path and one oss:// URL');
    const { bucket, key } = parseOssUrl(up ? dst : src);
    const keyring = (await loadKeyring(flags))!;
    const client = clientFor(bucket, keyring, flags, flags);
    try {
      if (!flags.recursive) {
        if (key === '' || key.endsWith('/'))
          throw new UsageError(`${up ? dst : src} names no object (use -r for a prefix)`);
        const r = up
          ? await client.upload(key, src, { computeMd5: true, signal: run.signal })
          : await client.download(key, dst, { overwrite: flags.force === true, signal: run.signal });
        printResult(flags.json === true, { key, size: r.size }, `copied ${src} to ${dst} (${formatBytes(r.size)})`);
        return;
      }
      const local = resolve(up ? src : dst);
      await runBatchCommand('cp', flags, [up ? 'up' : 'down', local, bucket, key], run, (options) => {
        const all = { ...options, followSymlinks: flags.followSymlinks === true, overwrite: flags.force === true };
        return up ? client.uploadDirectory(local, key, all) : client.downloadDirectory(key, local, all);
      });
    } finally {
      client.close();
    }
  });
}
