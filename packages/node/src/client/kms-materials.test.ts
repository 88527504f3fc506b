// KMS `Decrypt` goes through the client's decrypted-materials cache: a KMS master key unwraps through the same
// keyring path as RSA, so reading one object 20 times (ranges, a stream, a download) sends Decrypt for its data
// key and IV once; with `materialsCache: false` every read sends them again. Counted at the KMS key's fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '@oss-cse/core';
import { KmsMasterKey } from '@oss-cse/kms';
import { blobSink } from '@oss-cse/transfer';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';

let env: TestEnv;
let keyId: string;
beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  keyId = (await env.emulator.kms.createKey({ description: 'materials cache test' })).keyId;
}, 120_000);
afterAll(() => env.close());

/** A KMS master key on the emulator whose Decrypt requests are counted. */
function countedKmsKey(): { key: KmsMasterKey; decrypts: () => number } {
  let decrypts = 0;
  const key = new KmsMasterKey({
    endpoint: env.emulator.kmsEndpoint,
    credentials: { accessKeyId: env.emulator.accessKeyId, accessKeySecret: env.emulator.accessKeySecret },
    keyId,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(init?.body).includes('Action=Decrypt')) decrypts++;
      return fetch(input, init);
    },
  });
  return { key, decrypts: () => decrypts };
}

describe('KMS Decrypt through the materials cache', () => {
  it('one object read 20 times sends Decrypt once per header; without the cache on every read', async () => {
    const data = patternBytes(300_000, 5);
    const kms = countedKmsKey();
    const writer = env.client({ keyring: kms.key, partSize: 100 * 1024 });
    await writer.upload('kms/object.bin', data);
    const writes = kms.decrypts();
    expect(writes).toBe(0);

    const reader = env.client({ keyring: kms.key });
    for (let i = 0; i < 18; i++) {
      const start = i * 16_000;
      expect((await reader.get('kms/object.bin', { range: `${start}-${start + 99}` })).body).toEqual(
        new Uint8Array(data.subarray(start, start + 100)),
      );
    }
    expect(await readAll((await reader.getStream('kms/object.bin')).body)).toEqual(new Uint8Array(data));
    await reader.download('kms/object.bin', blobSink());
    expect(kms.decrypts()).toBe(2);

    const uncached = env.client({ keyring: kms.key, materialsCache: false });
    for (let i = 0; i < 3; i++) await uncached.get('kms/object.bin', { range: '0-9' });
    expect(kms.decrypts()).toBe(2 + 6);
  });
});
