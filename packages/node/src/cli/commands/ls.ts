// oss-cse ls oss://<bucket>[/<prefix>] [--long]: list objects; --long marks encrypted ones and their wrap-alg.
import type { Command } from 'commander';
import { Keyring } from '@oss-cse/core';
import { addConnectionOptions, clientFor, parseOssUrl, type ConnectionFlags } from '../options.js';
import { readOnlyKeyring } from './no-key.js';

export function lsCommand(program: Command): void {
  const cmd = program
    .command('ls')
    .description('list objects; --long adds whether each is encrypted and with which wrap algorithm (one HEAD each)')
    .argument('<url>', 'oss://<bucket>[/<prefix>]')
    .option('--long', 'mark encrypted objects and their wrap-alg')
    .option('--json', 'print a JSON array');
  addConnectionOptions(cmd);
  cmd.action(async (url: string, flags: ConnectionFlags & { long?: boolean; json?: boolean }) => {
    const { bucket, key: prefix } = parseOssUrl(url);
    const client = clientFor(bucket, new Keyring(readOnlyKeyring()), flags);
    try {
      const all = [];
      for await (const o of client.list({ prefix, withEnvelope: flags.long === true })) {
        if (!('key' in o)) continue; // no delimiter: every entry is an object
        if (flags.json) {
          all.push(o);
          continue;
        }
        const mark = flags.long
          ? `\t${o.encrypted ? `encrypted\t${o.envelope?.wrapAlgorithm ?? '-'}` : 'plain\t-'}`
          : '';
        process.stdout.write(`${o.size}\t${o.lastModified}\t${o.key}${mark}\n`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    } finally {
      client.close();
    }
  });
}
