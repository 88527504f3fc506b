// oss-cse encrypt --in <file> --out <file> --meta-out <meta.json>: offline, no network.
import { createReadStream, createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { encryptObject } from '@oss-cse/core';
import { addKeyOptions, loadKeyring, type KeyFlags } from '../options.js';
import { formatBytes, printResult } from '../output.js';

export function encryptCommand(program: Command): void {
  const cmd = program.command('encrypt')
    .description('encrypt a file offline; --meta-out receives the x-oss-meta-* headers to store with it')
    .requiredOption('--in <file>', 'plaintext file')
    .requiredOption('--out <file>', 'ciphertext file')
    .requiredOption('--meta-out <file>', 'JSON object of the x-oss-meta-* headers')
    .option('--json', 'print the result as JSON');
  addKeyOptions(cmd);
  cmd.action(async (flags: KeyFlags & { in: string; out: string; metaOut: string; json?: boolean }) => {
    const keyring = (await loadKeyring(flags))!;
    const size = (await stat(flags.in)).size;
    const plaintext = Readable.toWeb(createReadStream(flags.in)) as unknown as ReadableStream<Uint8Array>;
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext, contentLength: size });
    await ciphertext.pipeTo(Writable.toWeb(createWriteStream(flags.out)) as WritableStream<Uint8Array>);
    await writeFile(flags.metaOut, `${JSON.stringify(headers, null, 2)}\n`);
    printResult(flags.json === true, { in: flags.in, out: flags.out, metaOut: flags.metaOut, size }, `encrypted ${formatBytes(size)} to ${flags.out}, headers in ${flags.metaOut}`);
  });
}
