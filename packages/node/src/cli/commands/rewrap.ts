// oss-cse rewrap oss://<bucket>/<key> --to-public-key <pem> [--to-matdesc JSON]: key rotation without decrypting.
import type { Command } from 'commander';
import {
  addConnectionOptions,
  addKeyOptions,
  addTransferOptions,
  clientFor,
  loadKeyring,
  loadMasterKey,
  parseOssUrl,
  type ConnectionFlags,
  type KeyFlags,
  type TransferFlags,
} from '../options.js';
import { UsageError } from '../errors.js';
import { printResult, progressBar } from '../output.js';
import type { CommandContext } from '../program.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1 } from '@oss-cse/core';

export function rewrapCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('rewrap')
    .description("re-wrap an object's data key for another RSA key; the ciphertext is copied unchanged, then verified")
    .argument('<url>', 'oss://<bucket>/<key>')
    .requiredOption('--to-public-key <file>', 'the new RSA public key')
    .option('--to-matdesc <json>', 'material description of the new key');
  addTransferOptions(addConnectionOptions(addKeyOptions(cmd)));
  cmd.action(
    async (
      url: string,
      flags: KeyFlags & ConnectionFlags & TransferFlags & { toPublicKey: string; toMatdesc?: string },
    ) => {
      const { bucket, key } = parseOssUrl(url);
      if (key === '') throw new UsageError(`${url} names no object key`);
      let matdesc: Record<string, string> | undefined;
      if (flags.toMatdesc !== undefined) {
        try {
          matdesc = JSON.parse(flags.toMatdesc) as Record<string, string>;
        } catch {
          throw new UsageError('--to-matdesc is not valid JSON');
        }
      }
      const wrap =
        flags.wrap === undefined
          ? undefined
          : flags.wrap === 'oaep'
            ? WRAP_RSA_OAEP_SHA1
            : flags.wrap === 'pkcs1'
              ? WRAP_RSA_PKCS1
              : undefined;
      if (flags.wrap !== undefined && wrap === undefined)
        throw new UsageError(`--wrap expected pkcs1 or oaep, got "${flags.wrap}"`);
      const to = await loadMasterKey({
        publicKey: flags.toPublicKey,
        flags: { privateKey: '--to-public-key', publicKey: '--to-public-key' },
        matdesc,
        wrap,
      });
      const keyring = (await loadKeyring(flags))!;
      const client = clientFor(bucket, keyring, flags, flags);
      const bar = progressBar('rewrap', flags.progress !== false && !flags.json);
      try {
        const r = await client.rewrap(key, { to, onProgress: bar.onProgress, signal: run.signal });
        bar.stop();
        printResult(
          flags.json === true,
          { url, ...r },
          `rewrapped ${url}: ${r.before.wrapAlgorithm} ${JSON.stringify(r.before.matdesc)} -> ${r.after.wrapAlgorithm} ${JSON.stringify(r.after.matdesc)}`,
        );
      } finally {
        bar.stop();
        client.close();
      }
    },
  );
}
