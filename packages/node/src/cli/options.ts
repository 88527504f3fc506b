// Options shared by several commands: keys, connection, transfer settings, and `oss://bucket/key` URLs.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  Keyring,
  RsaMasterKey,
  WRAP_RSA_OAEP_SHA1,
  WRAP_RSA_PKCS1,
  type MasterKey,
  type RsaWrapAlgorithm,
} from '@oss-cse/core';
import { createKmsMasterKeyFromOptions } from '@oss-cse/kms';
import { createClient, type NodeClient } from '../client/node-client.js';
import { nodeRsaPrivateOperation, nodeRsaPublicOperation } from '../keys/openssl-rsa.js';
import { UsageError } from './errors.js';
import { readFlagFile } from './flag-files.js';

export interface KeyFlags {
  publicKey?: string;
  privateKey?: string;
  passphraseEnv?: string;
  matdesc?: string;
  keyring?: string;
  wrap?: string;
  kmsKeyId?: string;
  kmsRegion?: string;
  kmsEndpoint?: string;
  kmsLayout?: string;
  kmsReadLayout?: string;
  kmsPassphraseEnv?: string;
  kmsSignature?: string;
}

export interface ConnectionFlags {
  endpoint?: string;
  region?: string;
  signature?: string;
}

export interface TransferFlags {
  partSize?: string;
  concurrency?: string;
  checkpointDir?: string;
  progress?: boolean;
  json?: boolean;
}

export function addKeyOptions(cmd: Command): Command {
  return cmd
    .option('--public-key <file>', 'RSA public key (PEM or DER; PKCS#1 or SPKI) to encrypt with')
    .option('--private-key <file>', 'RSA private key (PEM or DER; PKCS#1, PKCS#8 or encrypted PKCS#8)')
    .option('--passphrase-env <name>', 'environment variable holding the private key passphrase')
    .option('--matdesc <json>', 'material description of the key, a JSON object of strings')
    .option(
      '--keyring <file>',
      'JSON keyring file: {"keys":[{"privateKey"|"publicKey":file | "kms":{"keyId",...}, "matdesc"?, "passphraseEnv"?, "wrap"?, "default"?}]}',
    )
    .option('--wrap <alg>', 'wrap algorithm for new objects: pkcs1 (default, every SDK) or oaep (oss2 only)')
    .option('--kms-key-id <id>', 'KMS master key (key id, alias/... or ARN) instead of an RSA key')
    .option('--kms-region <id>', 'KMS region (default $ALIBABA_CLOUD_REGION_ID, else $OSS_REGION)')
    .option('--kms-endpoint <url>', 'KMS endpoint (VPC endpoint, emulator; default https://kms.<region>.aliyuncs.com)')
    .option(
      '--kms-layout <layout>',
      'KMS header layout for new objects: oss2 (default; Python oss2) or sdk (Go/Java/v2 SDKs)',
    )
    .option(
      '--kms-read-layout <layout>',
      'KMS header layout when reading: auto (default, detected per object), oss2 or sdk',
    )
    .option('--kms-passphrase-env <name>', "environment variable holding oss2's KMS passphrase (EncryptionContext)")
    .option('--kms-signature <version>', 'KMS request signature: v1 (default) or acs3');
}

/** A KMS master key from the --kms-* flags (or a keyring file entry's `kms` object). */
export function loadKmsMasterKey(spec: {
  keyId: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  layout?: string | undefined;
  readLayout?: string | undefined;
  passphraseEnv?: string | undefined;
  signature?: string | undefined;
  matdesc?: Record<string, string> | undefined;
}): MasterKey {
  const passphrase = passphraseFrom(spec.passphraseEnv, '--kms-passphrase-env');
  try {
    return createKmsMasterKeyFromOptions({
      keyId: spec.keyId,
      region: spec.region,
      endpoint: spec.endpoint,
      layout: spec.layout,
      readLayout: spec.readLayout,
      passphrase,
      description: spec.matdesc,
      signatureVersion: spec.signature as 'v1' | 'acs3' | undefined,
    });
  } catch (e) {
    // The factory validates flag values with TypeError/RangeError messages that name the flag.
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--endpoint <url>', 'OSS endpoint (default $OSS_ENDPOINT, else https://oss-<region>.aliyuncs.com)')
    .option('--region <id>', 'region id, e.g. cn-hangzhou (default $OSS_REGION); required for signature v4')
    .option('--signature <version>', 'request signature: v4 (default) or v1');
}

export function addTransferOptions(cmd: Command): Command {
  return cmd
    .option('--part-size <size>', 'part size, e.g. 8MiB (multiple of 16, at least 100KiB)')
    .option('--concurrency <n>', 'parts in flight (1..64)')
    .option(
      '--checkpoint-dir <dir>',
      'where resumable transfers keep their checkpoints (default ~/.oss-cse/checkpoints)',
    )
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the result as JSON');
}

/** `oss://bucket/key` → parts. `key` may be empty (bucket or prefix listings). */
export function parseOssUrl(url: string): { bucket: string; key: string } {
  const m = /^oss:\/\/([a-z0-9][a-z0-9-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new UsageError(`"${url}" is not an oss://<bucket>/<key> URL`);
  return { bucket: m[1]!, key: m[2] ?? '' };
}

/** `1048576`, `100KiB`, `8MiB`, `1GiB` (K/M/G are binary too). */
export function parseSize(text: string, name: string): number {
  const m = /^(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)$/i.exec(text.trim());
  if (!m) throw new UsageError(`${name} "${text}" is not a size (e.g. 8MiB, 102416)`);
  const unit = m[2]!.toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * factor;
}

export function parseCount(text: string, name: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} "${text}" is not a positive integer`);
  return Number(text);
}

function parseMatdesc(text: string, name: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${name} is not valid JSON`);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw new UsageError(`${name} must be a JSON object of strings`);
  }
  return value as Record<string, string>;
}

function parseWrap(text: string | undefined): RsaWrapAlgorithm | undefined {
  if (text === undefined) return undefined;
  if (text === 'pkcs1') return WRAP_RSA_PKCS1;
  if (text === 'oaep') return WRAP_RSA_OAEP_SHA1;
  throw new UsageError(`--wrap expected pkcs1 or oaep, got "${text}"`);
}

function passphraseFrom(envName: string | undefined, flag = '--passphrase-env'): string | undefined {
  if (envName === undefined) return undefined;
  const value = process.env[envName];
  if (value === undefined) throw new UsageError(`${flag} names ${envName}, which is not set`);
  return value;
}

/**
 * One RSA master key from files; `flags` name where each path came from, for errors (default `--private-key` and
 * `--public-key`).
 */
export async function loadMasterKey(spec: {
  privateKey?: string | undefined;
  publicKey?: string | undefined;
  flags?: { privateKey: string; publicKey: string } | undefined;
  passphrase?: string | undefined;
  matdesc?: Record<string, string> | undefined;
  wrap?: RsaWrapAlgorithm | undefined;
}): Promise<RsaMasterKey> {
  const flags = spec.flags ?? { privateKey: '--private-key', publicKey: '--public-key' };
  const privateKey = spec.privateKey ? await readFlagFile(flags.privateKey, spec.privateKey) : undefined;
  const publicKey = spec.publicKey ? await readFlagFile(flags.publicKey, spec.publicKey) : undefined;
  return RsaMasterKey.import({
    ...(privateKey ? { privateKey: asKeyInput(privateKey) } : {}),
    ...(publicKey ? { publicKey: asKeyInput(publicKey) } : {}),
    ...(spec.passphrase !== undefined ? { passphrase: spec.passphrase } : {}),
    ...(spec.matdesc ? { description: spec.matdesc } : {}),
    ...(spec.wrap ? { wrapAlgorithm: spec.wrap } : {}),
    // OpenSSL's raw RSA for every command, offline `encrypt` and `decrypt` included (core keeps its checks).
    privateOperation: nodeRsaPrivateOperation,
    publicOperation: nodeRsaPublicOperation,
  });
}

/** PEM files as text, DER files as bytes. */
function asKeyInput(bytes: Buffer): string | Uint8Array {
  const text = bytes.toString('latin1');
  return text.includes('-----BEGIN') ? text : new Uint8Array(bytes);
}

interface KeyringFileEntry {
  privateKey?: string;
  publicKey?: string;
  passphraseEnv?: string;
  matdesc?: Record<string, string>;
  wrap?: string;
  default?: boolean;
  /** A KMS master key instead of an RSA key pair. */
  kms?: {
    keyId: string;
    region?: string;
    endpoint?: string;
    layout?: string;
    readLayout?: string;
    passphraseEnv?: string;
    signature?: string;
  };
}

/** The keyring the key flags describe. */
export async function loadKeyring(
  flags: KeyFlags,
  options: { required: boolean } = { required: true },
): Promise<Keyring | undefined> {
  const wrap = parseWrap(flags.wrap);
  const keys: MasterKey[] = [];
  let defaultKey: MasterKey | undefined;
  if (flags.privateKey || flags.publicKey) {
    const key = await loadMasterKey({
      privateKey: flags.privateKey,
      publicKey: flags.publicKey,
      passphrase: passphraseFrom(flags.passphraseEnv),
      matdesc: flags.matdesc ? parseMatdesc(flags.matdesc, '--matdesc') : undefined,
      wrap,
    });
    keys.push(key);
    defaultKey = key;
  }
  if (flags.kmsKeyId) {
    const key = loadKmsMasterKey({
      keyId: flags.kmsKeyId,
      region: flags.kmsRegion,
      endpoint: flags.kmsEndpoint,
      layout: flags.kmsLayout,
      readLayout: flags.kmsReadLayout,
      passphraseEnv: flags.kmsPassphraseEnv,
      signature: flags.kmsSignature,
      matdesc: flags.matdesc ? parseMatdesc(flags.matdesc, '--matdesc') : undefined,
    });
    keys.push(key);
    defaultKey ??= key;
  }
  if (flags.keyring) {
    const text = (await readFlagFile('--keyring', flags.keyring)).toString('utf8');
    let parsed: { keys?: KeyringFileEntry[] };
    try {
      parsed = JSON.parse(text) as { keys?: KeyringFileEntry[] };
    } catch {
      throw new UsageError(`--keyring ${flags.keyring} is not valid JSON`);
    }
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0)
      throw new UsageError(`--keyring ${flags.keyring} needs a non-empty "keys" array`);
    const base = dirname(resolve(flags.keyring));
    for (const [i, entry] of parsed.keys.entries()) {
      if (entry.kms) {
        if (typeof entry.kms.keyId !== 'string')
          throw new UsageError(`--keyring ${flags.keyring}: "kms" entries need a "keyId"`);
        const key = loadKmsMasterKey({ ...entry.kms, matdesc: entry.matdesc });
        keys.push(key);
        if (entry.default && !defaultKey) defaultKey = key;
        continue;
      }
      const key = await loadMasterKey({
        privateKey: entry.privateKey ? resolve(base, entry.privateKey) : undefined,
        publicKey: entry.publicKey ? resolve(base, entry.publicKey) : undefined,
        flags: {
          privateKey: `--keyring ${flags.keyring} keys[${i}].privateKey`,
          publicKey: `--keyring ${flags.keyring} keys[${i}].publicKey`,
        },
        passphrase: passphraseFrom(entry.passphraseEnv),
        matdesc: entry.matdesc,
        wrap: parseWrap(entry.wrap) ?? wrap,
      });
      keys.push(key);
      if (entry.default && !defaultKey) defaultKey = key;
    }
  }
  if (keys.length === 0) {
    if (options.required)
      throw new UsageError('no key given: use --private-key, --public-key, --kms-key-id or --keyring');
    return undefined;
  }
  return new Keyring(keys, defaultKey ? { defaultKey } : {});
}

/**
 * A client for `bucket` from the connection flags and the environment; with transfer flags, its resume records go
 * to --checkpoint-dir (default ~/.oss-cse/checkpoints).
 */
export function clientFor(
  bucket: string,
  keyring: Keyring,
  conn: ConnectionFlags,
  transfer?: TransferFlags,
): NodeClient {
  const endpoint = conn.endpoint ?? process.env['OSS_ENDPOINT'];
  const region = conn.region ?? process.env['OSS_REGION'];
  const signature = conn.signature ?? 'v4';
  if (signature !== 'v4' && signature !== 'v1')
    throw new UsageError(`--signature expected v1 or v4, got "${signature}"`);
  if (signature === 'v4' && !region)
    throw new UsageError('signature v4 needs a region: pass --region or set OSS_REGION (or use --signature v1)');
  if (!region && !endpoint) throw new UsageError('pass --endpoint or --region (or set OSS_ENDPOINT / OSS_REGION)');
  return createClient({
    keyring,
    bucket,
    endpoint,
    region,
    signatureVersion: signature,
    ...(transfer ? { checkpointDir: transfer.checkpointDir ?? join(homedir(), '.oss-cse', 'checkpoints') } : {}),
    ...(transfer?.partSize ? { partSize: parseSize(transfer.partSize, '--part-size') } : {}),
    ...(transfer?.concurrency ? { concurrency: parseCount(transfer.concurrency, '--concurrency') } : {}),
  });
}
