// oss-cse get oss://<bucket>/<key> <file|-> [--range START-END] [--force]: download and decrypt. A file is
// written under a 0600 temporary name beside it and renamed into place once complete and verified; an existing
// file is replaced only with --force. stdout (-) is a stream: a failure there comes after the bytes.
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeStaged } from '../../files/staged-file.js';
import type { Command } from 'commander';
import {
  addConnectionOptions,
  addKeyOptions,
  addTransferOptions,
  clientFor,
  loadKeyring,
  parseOssUrl,
  type ConnectionFlags,
  type KeyFlags,
  type TransferFlags,
} from '../options.js';
import { formatBytes, printResult, progressBar, writeToStdout } from '../output.js';
import type { CommandContext } from '../program.js';
import { UsageError } from '../errors.js';

export function getCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('get')
    .description('download and decrypt an object (or a byte range) to a file or stdout (-)')
    .argument('<url>', 'oss://<bucket>/<key>')
    .argument('<file>', 'local file, or - for stdout')
    .option('--range <range>', 'inclusive plaintext byte range: START-END, START- or -LENGTH')
    .option('--force', 'replace an existing file');
  addTransferOptions(addConnectionOptions(addKeyOptions(cmd)));
  cmd.action(
    async (
      url: string,
      file: string,
      flags: KeyFlags & ConnectionFlags & TransferFlags & { range?: string; force?: boolean },
    ) => {
      const { bucket, key } = parseOssUrl(url);
      if (key === '') throw new UsageError(`${url} names no object key`);
      const keyring = (await loadKeyring(flags))!;
      const client = clientFor(bucket, keyring, flags, flags);
      try {
        if (file === '-') {
          const r = await client.getStream(key, { range: flags.range, signal: run.signal });
          await writeToStdout(r.body, run.signal);
          if (flags.json) printResult(true, { url, ...r.info, range: r.range ?? null }, '', process.stderr);
          return;
        }
        const overwrite = flags.force === true;
        if (flags.range !== undefined) {
          const { range, bytes } = await writeStaged(file, { overwrite }, async (out) => {
            const r = await client.getStream(key, { range: flags.range, signal: run.signal });
            await pipeline(Readable.fromWeb(r.body as never), out.writable(), { signal: run.signal });
            return { range: r.range, bytes: (await out.handle.stat()).size };
          });
          printResult(
            flags.json === true,
            { url, file, range, bytes },
            `wrote ${formatBytes(bytes)} (bytes ${range?.start}-${range?.end} of ${range?.total}) to ${file}`,
          );
          return;
        }
        const bar = progressBar('download', flags.progress !== false && !flags.json);
        try {
          const r = await client.download(key, file, { overwrite, onProgress: bar.onProgress, signal: run.signal });
          bar.stop();
          const { info: _info, ...result } = r;
          const target = resolve(file);
          printResult(
            flags.json === true,
            { url, file: target, ...result },
            `downloaded ${url} to ${target} (${formatBytes(r.size)})`,
          );
        } finally {
          bar.stop();
        }
      } finally {
        client.close();
      }
    },
  );
}
