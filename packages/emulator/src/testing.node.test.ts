import { describe, expect, it } from 'vitest';
import { runCli } from './cli-main.js';
import OSS from 'ali-oss';
import { startEmulator } from './emulator.js';
import globalSetup, { ossClientOptions, setupEmulator } from './testing.js';
import { ossClient } from '../test/support/clients.js';

describe('testing helpers', () => {
  it('setupEmulator exports the endpoints and credentials and tears down', async () => {
    const setup = await setupEmulator({ buckets: ['helper-test'] });
    expect(process.env.OSS_CSE_EMULATOR_OSS_ENDPOINT).toBe(setup.emulator.ossEndpoint);
    expect(setup.env.OSS_CSE_EMULATOR_BUCKET).toBe('helper-test');
    await ossClient(setup.emulator).put('a', Buffer.from('a'));
    await setup.teardown();
    expect(process.env.OSS_CSE_EMULATOR_OSS_ENDPOINT).toBeUndefined();
    await expect(fetch(`${setup.env.OSS_CSE_EMULATOR_OSS_ENDPOINT}/`)).rejects.toThrow();
  });

  it('ossClientOptions configures ali-oss for the emulator: V1 or V4, account key or STS credentials', async () => {
    const emu = await startEmulator({ port: 0, buckets: ['options-test'] });
    try {
      await new OSS(ossClientOptions(emu) as OSS.Options).put('v1', Buffer.from('one'));
      const { Credentials: c } = await emu.sts.assumeRole({ durationSeconds: 900 });
      const credentials = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken };
      const sts = new OSS(ossClientOptions(emu, { v4: true, credentials }) as OSS.Options);
      expect(String((await sts.get('v1')).content)).toBe('one');
      const denied = new OSS(
        ossClientOptions(emu, { credentials: { ...credentials, stsToken: 'forged' } }) as OSS.Options,
      );
      await expect(denied.get('v1')).rejects.toMatchObject({ status: 403 });
    } finally {
      await emu.close();
    }
  });

  it('the default global setup starts an emulator with admin routes', async () => {
    const teardown = await globalSetup();
    try {
      const res = await fetch(`http://127.0.0.1:${process.env.OSS_CSE_EMULATOR_PORT}/__emulator/faults`);
      expect(res.status).toBe(200);
    } finally {
      await teardown();
    }
  });

  it('the CLI prints one JSON line with endpoints and credentials first', async () => {
    let out = '';
    const { exitCode, emulator } = await runCli(['--port', '0', '--bucket', 'cli-test', '--admin'], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
    });
    try {
      expect(exitCode).toBe(0);
      const [first, ...rest] = out.split('\n');
      const info = JSON.parse(first as string) as {
        ossEndpoint: string;
        buckets: string[];
        accessKeyId: string;
        admin: boolean;
      };
      expect(info).toMatchObject({ buckets: ['cli-test'], accessKeyId: emulator?.accessKeyId, admin: true });
      expect(info.ossEndpoint).toMatch(/^http:\/\/localhost:\d+$/);
      expect(rest.join('\n')).toContain('Press Ctrl+C to stop.');
      expect((await fetch(`${info.ossEndpoint}/cli-test/x`)).status).toBe(403);
    } finally {
      await emulator?.close();
    }
    let err = '';
    expect(
      (
        await runCli(['--bogus'], {
          stdout: () => undefined,
          stderr: (t) => {
            err += t;
          },
        })
      ).exitCode,
    ).toBe(2);
    expect(err).toContain('Usage: oss-cse-emulator');
  });
});
