// The installed CLIs through npx: `oss-cse` keygen, put, get, head and ls against the emulator that
// `npx oss-cse-emulator` started (global setup), and a key file that is missing.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCommand } from '../scripts/test-support/processes.js';

const consumer = inject('consumer');
const emu = consumer.emulator;
const env = {
  OSS_ACCESS_KEY_ID: emu.accessKeyId,
  OSS_ACCESS_KEY_SECRET: emu.accessKeySecret,
  OSS_ENDPOINT: emu.ossEndpoint,
  OSS_REGION: emu.region,
};
const npx = (...args: string[]) => runCommand('npx', ['--no-install', 'oss-cse', ...args], { cwd: consumer.app, env });

describe('npx oss-cse and npx oss-cse-emulator from the installed tarballs', () => {
  it('the emulator started with npx answers', async () => {
    expect(emu.buckets.length).toBeGreaterThan(0);
    expect((await fetch(emu.ossEndpoint)).status).toBeLessThan(500);
  });

  it('keygen, put, head, get, ls round trip', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-npx-'));
    expect((await npx('keygen', '--out', join(dir, 'keys'))).code).toBe(0);
    const data = Buffer.from('through npx oss-cse\n'.repeat(5000));
    await writeFile(join(dir, 'in.txt'), data);
    const url = `oss://${emu.buckets[0]}/consumer/cli.txt`;
    const key = ['--private-key', join(dir, 'keys/private.pem')];
    const put = await npx('put', join(dir, 'in.txt'), url, ...key);
    expect([put.code, put.stderr]).toEqual([0, `uploaded ${url} (97.7 KiB)\n`]);
    expect(JSON.parse((await npx('head', url)).stdout)).toMatchObject({ encrypted: true });
    const get = await npx('get', url, join(dir, 'out.txt'), ...key);
    expect(get.code, get.stderr).toBe(0);
    expect((await readFile(join(dir, 'out.txt'))).equals(data)).toBe(true);
    expect((await npx('ls', `oss://${emu.buckets[0]}/consumer/`)).stdout).toContain('consumer/cli.txt');
    const missing = await npx('get', url, join(dir, 'x'), '--private-key', join(dir, 'nope.pem'));
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `oss-cse: ERR_FILE_UNREADABLE: --private-key ${join(dir, 'nope.pem')}: no such file (ENOENT)\n`,
    ]);
  });
});
