// oss-cse head oss://<bucket>/<key>: object facts and envelope summary as JSON (no key material).
import type { Command } from 'commander';
import { Keyring } from '@oss-cse/core';
import { addConnectionOptions, clientFor, parseOssUrl, type ConnectionFlags } from '../options.js';
import { UsageError } from '../errors.js';
import { readOnlyKeyring } from './no-key.js';

export function headCommand(program: Command): void {
  const cmd = program
    .command('head')
    .description('print the object size, ETag, CRC-64 and envelope summary as JSON (nothing is unwrapped)')
    .argument('<url>', 'oss://<bucket>/<key>');
  addConnectionOptions(cmd);
  cmd.action(async (url: string, flags: ConnectionFlags) => {
    const { bucket, key } = parseOssUrl(url);
    if (key === '') throw new UsageError(`${url} names no object key`);
    const client = clientFor(bucket, new Keyring(readOnlyKeyring()), flags);
    try {
      const info = await client.head(key);
      process.stdout.write(`${JSON.stringify({ url, ...info }, null, 2)}\n`);
    } finally {
      client.close();
    }
  });
}
