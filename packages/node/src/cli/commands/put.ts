// oss-cse put <file|-> oss://<bucket>/<key>: encrypt and upload (multipart and resumable when large).
import { basename } from 'node:path';
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
import { progressBar, printResult, formatBytes } from '../output.js';
import type { CommandContext } from '../program.js';

export function putCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('put')
    .description('encrypt and upload a file (or stdin with -); multipart and resumable when large')
    .argument('<file>', 'local file, or - for stdin')
    .argument('<url>', 'oss://<bucket>/<key> (a key ending in / gets the file name)')
    .option(
      '--md5',
      'record the plaintext MD5 for multipart uploads too (one more read of the file first; single PUTs always record it)',
    );
  addTransferOptions(addConnectionOptions(addKeyOptions(cmd)));
  cmd.action(
    async (file: string, url: string, flags: KeyFlags & ConnectionFlags & TransferFlags & { md5?: boolean }) => {
      const { bucket, key: rawKey } = parseOssUrl(url);
      const key =
        rawKey === '' || rawKey.endsWith('/') ? `${rawKey}${file === '-' ? 'stdin' : basename(file)}` : rawKey;
      const keyring = (await loadKeyring(flags))!;
      const client = clientFor(bucket, keyring, flags, flags);
      const bar = progressBar('upload', flags.progress !== false && !flags.json);
      try {
        const result = await client.upload(key, file === '-' ? process.stdin : file, {
          ...(flags.md5 ? { computeMd5: true } : {}),
          onProgress: bar.onProgress,
          signal: run.signal,
        });
        bar.stop();
        printResult(
          flags.json === true,
          { url: `oss://${bucket}/${key}`, ...result },
          `uploaded oss://${bucket}/${key} (${formatBytes(result.size)}${result.parts ? `, ${result.parts} parts${result.resumedParts ? `, ${result.resumedParts} resumed` : ''}` : ''})`,
        );
      } finally {
        bar.stop();
        client.close();
      }
    },
  );
}
