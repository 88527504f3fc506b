// oss-cse encrypt --in <file> --out <file> --meta-out <meta.json>: offline, no network. The headers record the
// plaintext MD5 and length (one read of --in before encrypting), so a full decryption verifies them; the
// ciphertext goes to a temporary file renamed into place once --in was read whole and unchanged.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { encryptObject, OssCseError } from '@oss-cse/core';
import { fileMd5Base64 } from '../../files/file-md5.js';
import { writeStaged } from '../../files/staged-file.js';
import { addKeyOptions, loadKeyring, type KeyFlags } from '../options.js';
import { formatBytes, printResult } from '../output.js';
import type { CommandContext } from '../program.js';

export function encryptCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('encrypt')
    .description('encrypt a file offline; --meta-out receives the x-oss-meta-* headers to store with it')
    .requiredOption('--in <file>', 'plaintext file')
    .requiredOption('--out <file>', 'ciphertext file')
    .requiredOption('--meta-out <file>', 'JSON object of the x-oss-meta-* headers')
    .option('--json', 'print the result as JSON');
  addKeyOptions(cmd);
  cmd.action(async (flags: KeyFlags & { in: string; out: string; metaOut: string; json?: boolean }) => {
    const keyring = (await loadKeyring(flags))!;
    const { signal } = run;
    const size = (await stat(flags.in)).size;
    const md5 = await fileMd5Base64(flags.in);
    // The bytes encrypted must be the bytes hashed: the file could change between the two reads.
    const seen = createHash('md5');
    let seenLength = 0;
    const plaintext = (Readable.toWeb(createReadStream(flags.in)) as unknown as ReadableStream<Uint8Array>).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(c, ctl) {
          seen.update(c);
          seenLength += c.length;
          ctl.enqueue(c);
        },
      }),
    );
    const { headers, ciphertext } = await encryptObject({
      keyring,
      plaintext,
      contentLength: size,
      contentMd5: md5,
      signal,
    });
    await writeStaged(flags.out, { overwrite: true }, async (file) => {
      await ciphertext.pipeTo(Writable.toWeb(file.writable()) as WritableStream<Uint8Array>, { signal });
      if (seenLength !== size || seen.digest('base64') !== md5) {
        throw new OssCseError(
          'ERR_SOURCE_CHANGED',
          `${flags.in} changed while it was encrypted; run the command again`,
        );
      }
    });
    await writeFile(flags.metaOut, `${JSON.stringify(headers, null, 2)}\n`);
    printResult(
      flags.json === true,
      { in: flags.in, out: flags.out, metaOut: flags.metaOut, size },
      `encrypted ${formatBytes(size)} to ${flags.out}, headers in ${flags.metaOut}`,
    );
  });
}
