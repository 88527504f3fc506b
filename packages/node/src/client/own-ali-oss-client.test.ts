// A NodeClient over the application's own ali-oss client (`ossClient`), against the emulator: the client the test
// configured (STS keys, bucket, endpoint, V4) sends every request of put/get, multipart uploads and ranged
// downloads, a rejected token is refreshed through its refreshSTSToken, the client itself is left as it was, and
// options that it replaces are refused.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { ossClientOptions } from '@oss-cse/emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptObject, type Keyring } from '@oss-cse/core';
import { createClient as createFetchClient } from '@oss-cse/transfer';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';
import { recordCalls } from '../../../transfer/test/support/index.js';
import { createClient } from './node-client.js';

let env: TestEnv;
let keyring: Keyring;
beforeAll(async () => {
  keyring = await keyringOf((await testKeys()).main.private_key_pkcs1_pem);
  env = await startTestEnv(keyring);
});
afterAll(() => env.close());

async function stsKeys() {
  const { Credentials: c } = await env.emulator.sts.assumeRole({ durationSeconds: 3600 });
  return { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken };
}

/** The application's ali-oss client, and the operations it was asked to do. */
async function appClient(extra: Partial<OSS.Options> = {}) {
  const oss = new OSS({
    ...ossClientOptions(env.emulator, { v4: true, credentials: await stsKeys() }),
    ...extra,
  } as OSS.Options);
  const calls = recordCalls(oss, [
    'put',
    'getStream',
    'request',
    'initMultipartUpload',
    'uploadPart',
    'completeMultipartUpload',
  ]);
  return { oss, calls };
}

describe('NodeClient with the application ali-oss client (ossClient)', () => {
  it('put, get, multipart upload and ranged download go through the given client, which stays unchanged', async () => {
    const { oss, calls } = await appClient();
    const ownProperties = Object.keys(oss).sort();
    const client = createClient({ keyring, ossClient: oss, partSize: 100 * 1024, multipartThreshold: 100 * 1024 });
    expect(client.bucket).toBe(env.emulator.buckets[0]);
    await client.put('own/small.txt', 'through the app client');
    expect(new TextDecoder().decode((await client.get('own/small.txt')).body)).toBe('through the app client');
    expect(calls).toEqual(expect.arrayContaining(['put', 'getStream']));

    const data = patternBytes(350 * 1024, 7);
    const src = join(env.dir, 'own-src.bin');
    await writeFile(src, data);
    const up = await client.upload('own/big.bin', src);
    expect(up.parts).toBe(4);
    expect(calls.filter((c) => c === 'uploadPart')).toHaveLength(4);
    expect(calls).toEqual(expect.arrayContaining(['initMultipartUpload', 'completeMultipartUpload', 'request']));
    await client.download('own/big.bin', join(env.dir, 'own-out.bin'));
    expect((await readFile(join(env.dir, 'own-out.bin'))).equals(data)).toBe(true);
    // Stored encrypted, readable by anyone with the key.
    const stored = await rawClient(env.emulator).get('own/big.bin');
    const ciphertext = new Uint8Array(stored.content as Buffer);
    expect(Buffer.from(ciphertext).equals(data)).toBe(false);
    const headers = stored.res.headers as Record<string, string>;
    expect(Buffer.from(await decryptObject({ keyring, headers, ciphertext })).equals(data)).toBe(true);
    // The application's client: no property added or replaced (escaping, hooks), its own calls as before.
    expect(Object.keys(oss).sort()).toEqual(ownProperties);
    expect((oss as unknown as { _escape: (k: string) => string })._escape('a/./b')).toBe('a/./b');
    client.close();
  });

  it("a rejected STS token is refreshed through the client's refreshSTSToken and stored in the client", async () => {
    let refreshes = 0;
    const { oss } = await appClient({
      refreshSTSToken: async () => {
        refreshes++;
        return stsKeys();
      },
      refreshSTSTokenInterval: 3600_000,
    });
    const options = (oss as unknown as { options: { stsToken: string } }).options;
    const before = options.stsToken;
    const client = createClient({ keyring, ossClient: oss });
    await env.emulator.faults.expireStsTokens();
    await client.put('own/refreshed.txt', 'after a refresh');
    expect(refreshes).toBe(1);
    expect(options.stsToken).not.toBe(before);
    expect(new TextDecoder().decode((await client.get('own/refreshed.txt')).body)).toBe('after a refresh');
    client.close();
  });

  it('options the client brings are refused beside it; other objects and the fetch runtime are refused', async () => {
    const { oss } = await appClient();
    for (const extra of [{ region: 'cn-hangzhou' }, { credentials: { accessKeyId: 'a', accessKeySecret: 'b' } }])
      expect(() => createClient({ keyring, ossClient: oss, ...extra })).toThrow(/"ossClient" replaces/);
    expect(() => createClient({ keyring, ossClient: oss, bucket: 'another-bucket' })).toThrow(
      /"ossClient" is for bucket .+, not another-bucket/,
    );
    expect(() => createClient({ keyring, ossClient: { put() {} } })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringMatching(/ali-oss 6.x client/) }),
    );
    expect(() => createFetchClient({ keyring, ossClient: oss })).toThrow(/ali-oss runtimes/);
  });
});
