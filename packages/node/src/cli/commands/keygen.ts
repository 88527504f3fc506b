// oss-cse keygen --out <dir> [--bits 2048|3072|4096] [--passphrase-env NAME]: a new RSA key pair.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { exportPrivateKeyPem, exportPublicKeyPem, generateRsaKeyPair, rsaKeyId } from '@oss-cse/core';
import { UsageError } from '../errors.js';
import { printResult } from '../output.js';

export function keygenCommand(program: Command): void {
  program
    .command('keygen')
    .description(
      'generate an RSA key pair: <dir>/private.pem (PKCS#8, encrypted with --passphrase-env) and <dir>/public.pem (SPKI)',
    )
    .requiredOption('--out <dir>', 'directory for private.pem and public.pem')
    .option('--bits <n>', 'modulus size: 2048, 3072 or 4096', '2048')
    .option('--passphrase-env <name>', 'environment variable holding the passphrase that encrypts private.pem')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { out: string; bits: string; passphraseEnv?: string; json?: boolean }) => {
      const bits = Number(flags.bits);
      if (bits !== 2048 && bits !== 3072 && bits !== 4096)
        throw new UsageError(`--bits expected 2048, 3072 or 4096, got "${flags.bits}"`);
      let passphrase: string | undefined;
      if (flags.passphraseEnv !== undefined) {
        passphrase = process.env[flags.passphraseEnv];
        if (!passphrase)
          throw new UsageError(`--passphrase-env names ${flags.passphraseEnv}, which is not set or empty`);
      }
      const { privateKey, publicKey } = await generateRsaKeyPair({ bits });
      await mkdir(flags.out, { recursive: true });
      const privatePath = join(flags.out, 'private.pem');
      const publicPath = join(flags.out, 'public.pem');
      await writeFile(
        privatePath,
        await exportPrivateKeyPem(privateKey, passphrase === undefined ? {} : { passphrase }),
        { mode: 0o600, flag: 'wx' },
      );
      await writeFile(publicPath, exportPublicKeyPem(publicKey), { flag: 'wx' });
      const keyId = await rsaKeyId(publicKey);
      printResult(
        flags.json === true,
        { privateKey: privatePath, publicKey: publicPath, bits, keyId, encrypted: passphrase !== undefined },
        `wrote ${privatePath}${passphrase !== undefined ? ' (encrypted)' : ''} and ${publicPath} (RSA-${bits}, key id ${keyId.slice(0, 16)})`,
      );
    });
}
