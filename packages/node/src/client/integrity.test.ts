// Integrity by default: single PutObject uploads record `unencrypted-content-md5` / `-length` (the values oss2
// writes for a caller's Content-MD5 / Content-Length), and every full read verifies them; multipart records them
// only with `computeMd5: true` (one extra pass over the source before Initiate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv, same } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';
import type { NodeClient } from '../index.js';

const PART = 100 * 1024 + 16;
const MD5 = 'x-oss-meta-client-side-encryption-unencrypted-content-md5';
const LENGTH = 'x-oss-meta-client-side-encryption-unencrypted-content-length';
let env: TestEnv;
let client: NodeClient;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  client = env.client({ partSize: PART, multipartThreshold: PART });
});
afterAll(() => env.close());

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('base64');

async function storedHeaders(key: string): Promise<Record<string, string>> {
  return (await rawClient(env.emulator).head(key)).res.headers as Record<string, string>;
}

/** Rewrites the stored object with one ciphertext bit flipped and the same headers (a bucket writer's attack). */
async function flipStoredBit(key: string, at: number): Promise<void> {
  const raw = rawClient(env.emulator);
  const got = await raw.get(key);
  const body = Buffer.from(got.content as Buffer);
  body[at]! ^= 0x01;
  const headers = Object.fromEntries(
    Object.entries(got.res.headers as Record<string, string>).filter(([k]) => k.startsWith('x-oss-meta-')),
  );
  await raw.put(key, body, { headers });
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('single PutObject records the plaintext MD5 and length by default', () => {
  it('put and a small upload write both headers as oss2 writes them (base64 MD5, decimal length)', async () => {
    const data = patternBytes(5000, 1);
    await client.put('int/put.bin', data);
    const file = join(env.dir, 'small.bin');
    await writeFile(file, data.subarray(0, 4321));
    const up = await client.upload('int/small.bin', file);
    expect(up.parts).toBe(0);
    for (const [key, bytes] of [
      ['int/put.bin', data],
      ['int/small.bin', data.subarray(0, 4321)],
    ] as const) {
      const h = await storedHeaders(key);
      expect([h[MD5], h[LENGTH]]).toEqual([md5(bytes), String(bytes.length)]);
      expect((await client.head(key)).envelope).toMatchObject({
        unencryptedContentMd5: md5(bytes),
        unencryptedContentLength: bytes.length,
      });
    }
    const off = await client.put('int/off.bin', data, { computeMd5: false });
    expect(off.size).toBe(data.length);
    expect((await storedHeaders('int/off.bin'))[MD5]).toBeUndefined();
  });

  it('a flipped ciphertext bit is ERR_INTEGRITY on get, getStream and download, and download leaves no file', async () => {
    const data = patternBytes(3 * PART, 2);
    await client.put('int/tampered.bin', data);
    await flipStoredBit('int/tampered.bin', 2 * PART + 7);
    await expect(client.get('int/tampered.bin')).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    await expect(drain((await client.getStream('int/tampered.bin')).body)).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });
    const dir = join(env.dir, 'tampered-download');
    await mkdir(dir);
    await expect(client.download('int/tampered.bin', join(dir, 'out.bin'), { partSize: PART })).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });
    expect(await readdir(dir)).toEqual([]);
    // A range is not checked against whole-object digests, and the rest of the object still reads.
    expect(same((await client.get('int/tampered.bin', { range: '0-99' })).body, data.subarray(0, 100))).toBe(true);
  });
});

describe('multipart records them on request only', () => {
  it('a multipart upload records neither by default; computeMd5: true records both on Initiate and reads verify them', async () => {
    const data = patternBytes(4 * PART + 33, 3);
    const file = join(env.dir, 'multi.bin');
    await writeFile(file, data);
    expect((await client.upload('int/multi-default.bin', file)).parts).toBe(5);
    expect((await storedHeaders('int/multi-default.bin'))[MD5]).toBeUndefined();

    expect((await client.upload('int/multi-md5.bin', file, { computeMd5: true, concurrency: 3 })).parts).toBe(5);
    const h = await storedHeaders('int/multi-md5.bin');
    expect([h[MD5], h[LENGTH]]).toEqual([md5(data), String(data.length)]);
    expect(same((await client.get('int/multi-md5.bin')).body, data)).toBe(true);
    await flipStoredBit('int/multi-md5.bin', PART + 1);
    await expect(client.get('int/multi-md5.bin')).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    await expect(client.download('int/multi-md5.bin', join(env.dir, 'multi.out'))).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });

    // Bytes are hashed directly; a stream of announced size cannot be read twice.
    await client.upload('int/multi-bytes.bin', data, { computeMd5: true });
    expect((await storedHeaders('int/multi-bytes.bin'))[MD5]).toBe(md5(data));
    await expect(
      client.upload('int/multi-stream.bin', Readable.from([data]), { size: data.length, computeMd5: true }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(await client.listMultipartUploads({ prefix: 'int/' })).toEqual([]);
  });
});
