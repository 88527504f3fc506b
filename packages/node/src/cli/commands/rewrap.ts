// oss-cse rewrap oss://<bucket>/<key> --to-public-key <pem> | --to-kms-key-id <id>: key rotation without
// decrypting. A URL ending in `/` (or naming only the bucket) rewraps every object under that prefix as a batch
// (--dry-run, --jobs, --shard, --journal; objects already under the target key are skipped). Each object is sent
// again once in full (OSS refuses UploadPartCopy from a client-side-encrypted source and CopyObject past 1 GB).
import type { Command } from 'commander';
import type { MasterKey } from '@oss-cse/core';
import { runBatchCommand } from '../batch-command.js';
import { addBatchOptions, batchSettings, type BatchFlags } from '../batch-flags.js';
import {
  addConnectionOptions,
  addKeyOptions,
  addTransferOptions,
  clientFor,
  loadKeyring,
  loadKmsMasterKey,
  loadMasterKey,
  parseOssUrl,
  type ConnectionFlags,
  type KeyFlags,
} from '../options.js';
import { UsageError } from '../errors.js';
import { printResult, progressBar } from '../output.js';
import type { CommandContext } from '../program.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1 } from '@oss-cse/core';

type RewrapFlags = KeyFlags &
  ConnectionFlags &
  BatchFlags & { toPublicKey?: string; toPrivateKey?: string; toKmsKeyId?: string; toMatdesc?: string };

export function rewrapCommand(program: Command, run: CommandContext): void {
  const cmd = program
    .command('rewrap')
    .description(
      "re-wrap objects' data keys for another key (RSA or KMS) without decrypting; a URL ending in / does every object under the prefix. Each object is sent again once in full (its size in traffic; OSS cannot copy client-side-encrypted objects in place), then verified",
    )
    .argument('<url>', 'oss://<bucket>/<key>, or oss://<bucket>/<prefix/> for every object under it')
    .option('--to-public-key <file>', 'the new RSA public key')
    .option('--to-private-key <file>', 'the new RSA key pair (lets re-runs recognise objects already rewrapped)')
    .option('--to-kms-key-id <id>', 'the new KMS master key (with the --kms-region/--kms-endpoint/... settings)')
    .option('--to-matdesc <json>', 'material description of the new key');
  addBatchOptions(addTransferOptions(addConnectionOptions(addKeyOptions(cmd))));
  cmd.action(async (url: string, flags: RewrapFlags) => {
    const { bucket, key } = parseOssUrl(url);
    const batch = key === '' || key.endsWith('/');
    const to = await targetKey(flags);
    batchSettings(flags); // usage errors before anything is loaded
    const keyring = (await loadKeyring(flags))!;
    const client = clientFor(bucket, keyring, flags, flags);
    try {
      if (!batch) {
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
        }
        return;
      }
      const target = flags.toKmsKeyId ?? flags.toPublicKey ?? flags.toPrivateKey;
      await runBatchCommand('rewrap', flags, [bucket, key, target, flags.toMatdesc ?? null], run, (options) =>
        client.rewrapPrefix(key, { ...options, to }),
      );
    } finally {
      client.close();
    }
  });
}

/** The master key named by the --to-* flags (exactly one of RSA public/private key or KMS key id). */
async function targetKey(flags: RewrapFlags): Promise<MasterKey> {
  const given = [flags.toPublicKey, flags.toPrivateKey, flags.toKmsKeyId].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new UsageError('give exactly one of --to-public-key, --to-private-key and --to-kms-key-id');
  let matdesc: Record<string, string> | undefined;
  if (flags.toMatdesc !== undefined) {
    try {
      matdesc = JSON.parse(flags.toMatdesc) as Record<string, string>;
    } catch {
      throw new UsageError('--to-matdesc is not valid JSON');
    }
  }
  if (flags.toKmsKeyId !== undefined)
    return loadKmsMasterKey({
      keyId: flags.toKmsKeyId,
      region: flags.kmsRegion,
      endpoint: flags.kmsEndpoint,
      layout: flags.kmsLayout,
      readLayout: flags.kmsReadLayout,
      passphraseEnv: flags.kmsPassphraseEnv,
      signature: flags.kmsSignature,
      matdesc,
    });
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
  return loadMasterKey({
    publicKey: flags.toPublicKey,
    privateKey: flags.toPrivateKey,
    flags: { privateKey: '--to-private-key', publicKey: '--to-public-key' },
    matdesc,
    wrap,
  });
}
