// No third-party console output from oss-cse's calls in Node (ali-oss warns on the console about STS tokens without
// a refresh hook, and its browser build about static keys and HeadObject): every console method is watched through
// uploads, downloads, heads and lists with account keys and with STS keys, against the emulator.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchConsole } from '../../../transfer/test/support/index.js';
import type { Credentials } from '@oss-cse/core';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
});
afterAll(() => env.close());

const printed = watchConsole();

describe('the Node client prints nothing on the console', () => {
  it.each(['account keys', 'STS keys'])('with %s: put, upload in parts, head, get, download, list', async (kind) => {
    let credentials: Credentials = {
      accessKeyId: env.emulator.accessKeyId,
      accessKeySecret: env.emulator.accessKeySecret,
    };
    if (kind === 'STS keys') {
      const { Credentials: c } = await env.emulator.sts.assumeRole({ durationSeconds: 3600 });
      credentials = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };
    }
    const client = env.client({ credentials, partSize: 100 * 1024, multipartThreshold: 100 * 1024 });
    const prefix = `quiet-${kind.split(' ')[0]}/`;
    const data = patternBytes(250 * 1024, 4);
    await client.put(`${prefix}a.txt`, 'quiet');
    await client.upload(`${prefix}b.bin`, data);
    expect((await client.head(`${prefix}b.bin`)).size).toBe(data.length);
    expect(new TextDecoder().decode((await client.get(`${prefix}a.txt`)).body)).toBe('quiet');
    await client.download(`${prefix}b.bin`, join(env.dir, `${kind}.out`));
    const listed = [];
    for await (const entry of client.list({ prefix, withEnvelope: true })) listed.push(entry);
    expect(listed).toHaveLength(2);
    expect(printed).toEqual([]);
  });
});
