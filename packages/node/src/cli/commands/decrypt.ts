// oss-cse decrypt --in <file> --out <file> --meta <meta.json> [--range START-END]: offline, no network.
// For a range, only the 16-aligned slice of --in is read and decrypted at its counter.
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { decryptObject, planRangedRead } from '@oss-cse/core';
import { addKeyOptions, loadKeyring, type KeyFlags } from '../options.js';
import { UsageError } from '../errors.js';
import { formatBytes, printResult } from '../output.js';

export function decryptCommand(program: Command): void {
  const cmd = program.command('decrypt')
    .description('decrypt a ciphertext file offline with its headers (meta.json = the object\'s x-oss-meta-* headers)')
    .requiredOption('--in <file>', 'the whole ciphertext')
    .requiredOption('--out <file>', 'plaintext file, or - for stdout')
    .requiredOption('--meta <file>', 'JSON object of the object\'s x-oss-meta-* headers')
    .option('--range <range>', 'inclusive plaintext byte range: START-END, START- or -LENGTH')
    .option('--json', 'print the result as JSON');
  addKeyOptions(cmd);
  cmd.action(async (flags: KeyFlags & { in: string; out: string; meta: string; range?: string; json?: boolean }) => {
    const keyring = (await loadKeyring(flags))!;
    let headers: Record<string, string>;
    try {
      headers = JSON.parse(await readFile(flags.meta, 'utf8')) as Record<string, string>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
      throw new UsageError(`--meta ${flags.meta} is not valid JSON`);
    }
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new UsageError(`--meta ${flags.meta} must hold a JSON object of headers`);
    const size = (await stat(flags.in)).size;
    let ciphertext: ReadableStream<Uint8Array>;
    let rangeOptions = {};
    if (flags.range !== undefined) {
      const plan = planRangedRead(flags.range, size);
      const last = plan.end ?? size - 1;
      ciphertext = Readable.toWeb(createReadStream(flags.in, { start: plan.alignedStart, end: last })) as unknown as ReadableStream<Uint8Array>;
      rangeOptions = { range: { start: plan.start, end: last }, contentRange: `bytes ${plan.alignedStart}-${last}/${size}` };
    } else {
      ciphertext = Readable.toWeb(createReadStream(flags.in)) as unknown as ReadableStream<Uint8Array>;
    }
    const plain = await decryptObject({ keyring, headers, ciphertext, ...rangeOptions });
    const sink = flags.out === '-' ? process.stdout : createWriteStream(flags.out);
    let written = 0;
    await plain.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform(c, ctl) { written += c.length; ctl.enqueue(c); } }))
      .pipeTo(Writable.toWeb(sink) as WritableStream<Uint8Array>);
    if (flags.out !== '-') printResult(flags.json === true, { in: flags.in, out: flags.out, bytes: written }, `decrypted ${formatBytes(written)} to ${flags.out}`);
  });
}
