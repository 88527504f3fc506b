// oss-cse get oss://<bucket>/<key> <file|-> [--range START-END]: download and decrypt.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { addConnectionOptions, addKeyOptions, addTransferOptions, clientFor, loadKeyring, parseOssUrl, type ConnectionFlags, type KeyFlags, type TransferFlags } from '../options.js';
import { formatBytes, printResult, progressBar } from '../output.js';
import type { CommandContext } from '../program.js';
import { UsageError } from '../errors.js';

export function getCommand(program: Command, run: CommandContext): void {
  const cmd = program.command('get')
    .description('download and decrypt an object (or a byte range) to a file or stdout (-)')
    .argument('<url>', 'oss://<bucket>/<key>')
    .argument('<file>', 'local file, or - for stdout')
    .option('--range <range>', 'inclusive plaintext byte range: START-END, START- or -LENGTH');
  addTransferOptions(addConnectionOptions(addKeyOptions(cmd)));
  cmd.action(async (url: string, file: string, flags: KeyFlags & ConnectionFlags & TransferFlags & { range?: string }) => {
    const { bucket, key } = parseOssUrl(url);
    if (key === '') throw new UsageError(`${url} names no object key`);
    const keyring = (await loadKeyring(flags))!;
    const client = clientFor(bucket, keyring, flags, flags);
    try {
      if (file === '-') {
        const r = await client.getStream(key, { range: flags.range, signal: run.signal });
        await pipeline(r.body, process.stdout);
        if (flags.json) printResult(true, { url, ...r.info, range: r.range ?? null }, '', process.stderr);
        return;
      }
      if (flags.range !== undefined) {
        const r = await client.get(key, { range: flags.range, signal: run.signal });
        await writeFile(file, r.body);
        printResult(flags.json === true, { url, file, range: r.range, bytes: r.body.length }, `wrote ${formatBytes(r.body.length)} (bytes ${r.range?.start}-${r.range?.end} of ${r.range?.total}) to ${file}`);
        return;
      }
      const bar = progressBar('download', flags.progress !== false && !flags.json);
      try {
        const r = await client.download(key, file, {
          checkpointDir: flags.checkpointDir ?? join(homedir(), '.oss-cse', 'checkpoints'), onProgress: bar.onProgress, signal: run.signal,
        });
        bar.stop();
        const { info: _info, ...result } = r;
        printResult(flags.json === true, { url, ...result }, `downloaded ${url} to ${r.file} (${formatBytes(r.size)})`);
      } finally {
        bar.stop();
      }
    } finally {
      client.close();
    }
  });
}
