// A BrowserClient over the page's own ali-oss client (`ossClient`, ali-oss's browser build configured by the test
// with STS keys, bucket and endpoint) against the emulator: its requests carry put/get, multipart uploads and
// downloads, through the client's XHR urllib replaced only on the object the engine calls through.
import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { pseudoRandom, recordCalls } from '../../../transfer/test/support/index.js';
import { emulator, testPrefix } from '../../test/emulator-client.js';
import { createClient } from './browser-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const emu = emulator();

function appClient() {
  const oss = new OSS({
    accessKeyId: emu.sts.accessKeyId,
    accessKeySecret: emu.sts.accessKeySecret,
    stsToken: emu.sts.securityToken!,
    refreshSTSTokenInterval: 3600_000,
    bucket: emu.bucket,
    endpoint: emu.ossEndpoint,
    region: `oss-${emu.region}`,
    authorizationV4: true,
    sldEnable: true,
  } as OSS.Options);
  const calls = recordCalls(oss, [
    'put',
    'get',
    'request',
    'initMultipartUpload',
    'uploadPart',
    'completeMultipartUpload',
  ]);
  return { oss, calls };
}

describe('BrowserClient with the page ali-oss client (ossClient, Chromium, emulator)', () => {
  it('put, get, a multipart upload and a download go through the given client, which stays unchanged', async () => {
    const { oss, calls } = appClient();
    const own = Object.keys(oss).sort();
    const urllib = (oss as unknown as { urllib: unknown }).urllib;
    const prefix = testPrefix('own-client');
    const client = createClient({
      keyring: masterKey,
      ossClient: oss,
      database: `test-${crypto.randomUUID()}`,
      partSize: 100 * 1024,
      multipartThreshold: 100 * 1024,
    });
    await client.put(`${prefix}small.txt`, 'from the page client');
    expect(new TextDecoder().decode((await client.get(`${prefix}small.txt`)).body)).toBe('from the page client');
    const data = pseudoRandom(320 * 1024, 9);
    const progress: number[] = [];
    const up = await client.upload(`${prefix}big.bin`, new Blob([data as BlobPart]), {
      onProgress: (p) => progress.push(p.bytesDone),
    });
    expect(up.parts).toBe(4);
    expect(progress.at(-1)).toBe(data.length);
    const blob = await client.downloadBlob(`${prefix}big.bin`);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(data);
    expect(calls.filter((c) => c === 'uploadPart')).toHaveLength(4);
    expect(calls).toEqual(expect.arrayContaining(['put', 'get', 'request', 'initMultipartUpload']));
    expect(Object.keys(oss).sort()).toEqual(own);
    expect((oss as unknown as { urllib: unknown }).urllib).toBe(urllib);
    await client.delete(`${prefix}small.txt`);
    await client.delete(`${prefix}big.bin`);
  });
});
