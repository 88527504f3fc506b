// oss-cse decrypt --in <file> --out <file> --meta <meta.json> [--range START-END] [--force]: offline, no network.
// For a range, only the 16-aligned slice of --in is read and decrypted at its counter. The plaintext goes to a
// 0600 temporary file beside --out, renamed into place only once the whole stream decrypted and verified
// (`unencrypted-content-md5`/`-length`); stdout (--out -) is a stream, so a failure there comes after the bytes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { decryptObject, planRangedRead } from '@oss-cse/core';
import { writeStaged } from '../../files/staged-file.js';
import { addKeyOptions, loadKeyring, type KeyFlags } from '../options.js';
import { UsageError } from '../errors.js';
import { readFlagFile } from '../flag-files.js';
import { formatBytes, printResult, writeToStdout } from '../output.js';
import type { CommandContext } from '../program.js';

export function decryptCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('decrypt')
    .description("decrypt a ciphertext file offline with its headers (meta.json = the object's x-oss-meta-* headers)")
    .requiredOption('--in <file>', 'the whole ciphertext')
    .requiredOption('--out <file>', 'plaintext file (written only once verified), or - for stdout')
    .requiredOption('--meta <file>', "JSON object of the object's x-oss-meta-* headers")
    .option('--range <range>', 'inclusive plaintext byte range: START-END, START- or -LENGTH')
    .option('--force', 'replace an existing --out file')
    .option('--json', 'print the result as JSON');
  addKeyOptions(cmd);
  cmd.action(
    async (
      flags: KeyFlags & { in: string; out: string; meta: string; range?: string; force?: boolean; json?: boolean },
    ) => {
      const keyring = (await loadKeyring(flags))!;
      const text = (await readFlagFile('--meta', flags.meta)).toString('utf8');
      let headers: Record<string, string>;
      try {
        headers = JSON.parse(text) as Record<string, string>;
      } catch {
        throw new UsageError(`--meta ${flags.meta} is not valid JSON`);
      }
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
        throw new UsageError(`--meta ${flags.meta} must hold a JSON object of headers`);
      const { signal } = run;
      const decrypt = async (): Promise<ReadableStream<Uint8Array>> => {
        const size = (await stat(flags.in)).size;
        if (flags.range === undefined) {
          const ciphertext = Readable.toWeb(createReadStream(flags.in)) as unknown as ReadableStream<Uint8Array>;
          return decryptObject({ keyring, headers, ciphertext, signal });
        }
        const plan = planRangedRead(flags.range, size);
        const last = plan.end ?? size - 1;
        const ciphertext = Readable.toWeb(
          createReadStream(flags.in, { start: plan.alignedStart, end: last }),
        ) as unknown as ReadableStream<Uint8Array>;
        return decryptObject({
          keyring,
          headers,
          ciphertext,
          signal,
          range: { start: plan.start, end: last },
          contentRange: `bytes ${plan.alignedStart}-${last}/${size}`,
        });
      };
      let written = 0;
      const count = () =>
        new TransformStream<Uint8Array, Uint8Array>({
          transform(c, ctl) {
            written += c.length;
            ctl.enqueue(c);
          },
        });
      if (flags.out === '-') {
        await writeToStdout((await decrypt()).pipeThrough(count()), signal);
        return;
      }
      await writeStaged(flags.out, { overwrite: flags.force === true }, async (file) => {
        await (
          await decrypt()
        )
          .pipeThrough(count())
          .pipeTo(Writable.toWeb(file.writable()) as WritableStream<Uint8Array>, { signal });
      });
      printResult(
        flags.json === true,
        { in: flags.in, out: flags.out, bytes: written },
        `decrypted ${formatBytes(written)} to ${flags.out}`,
      );
    },
  );
}
