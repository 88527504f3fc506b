import { describe, expect, it } from 'vitest';
import { OssCseError } from '@oss-cse/core';
import { runCli } from './cli-main.js';
import { DEFAULT_ACCESS_KEY_SECRET, startEmulator } from './emulator.js';
import { checkListenHost } from './listen-host.js';

const failure = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('listen address and the default public credentials', () => {
  it('allows loopback addresses with the default credentials', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.255.254',
      '::1',
      'localhost',
      'LOCALHOST',
      '::ffff:127.0.0.1',
    ]) {
      expect(() => checkListenHost({ host, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET })).not.toThrow();
    }
  });

  it('refuses any other address with the default credentials (typed error, no secret in the message)', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.test', '128.0.0.1', '127.0.0.1.nip.io']) {
      const err = await failure(startEmulator({ port: 0, host }));
      expect(err).toBeInstanceOf(OssCseError);
      expect((err as OssCseError).code).toBe('ERR_INVALID_ARGUMENT');
      expect((err as Error).message).toContain('--access-key-secret');
      expect((err as Error).message).not.toContain(DEFAULT_ACCESS_KEY_SECRET);
    }
    // A custom AccessKeyId with the public secret is still the public secret.
    expect(await failure(startEmulator({ port: 0, host: '0.0.0.0', accessKeyId: 'LTAIcustom' }))).toBeInstanceOf(
      OssCseError,
    );
  });

  it('listens on any address once custom credentials are given', async () => {
    const emu = await startEmulator({
      port: 0,
      host: '0.0.0.0',
      accessKeyId: 'LTAIcustomkey',
      accessKeySecret: 'a-private-secret',
    });
    try {
      expect((await fetch(`http://127.0.0.1:${emu.port}/oss-cse-dev/x`)).status).toBe(403);
    } finally {
      await emu.close();
    }
  });

  it('the CLI exits with 2 and a clear message (no secret) for --host 0.0.0.0 without credentials', async () => {
    let out = '';
    let err = '';
    const { exitCode, emulator } = await runCli(['--port', '0', '--host', '0.0.0.0'], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
    });
    await emulator?.close();
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^oss-cse-emulator: .*0\.0\.0\.0.*--access-key-id.*--access-key-secret/s);
    expect(err).not.toContain(DEFAULT_ACCESS_KEY_SECRET);
  });
});
