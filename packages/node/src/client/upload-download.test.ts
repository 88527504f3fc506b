// upload / download: single PUT vs parts, part sizes, concurrency 1 and 8, streams, progress, retries on
// injected faults, resume from checkpoints (the client's checkpointDir; byte-identical, same IV), a changed source
// (new IV), abort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decryptObject } from '@oss-cse/core';
import { keyringOf, patternBytes, sha256, startTestEnv, testKeys, type TestEnv, same } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';
import { createAliOssTransport } from '../transport/ali-oss-transport.js';
import type { NodeClient, ObjectTransport, TransferProgress } from '../index.js';

const PART = 100 * 1024 + 16;
const START = 'x-oss-meta-client-side-encryption-start';
let env: TestEnv;
let client: NodeClient;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  client = env.client({ partSize: PART, multipartThreshold: PART, checkpointDir: env.dir });
});
afterAll(() => env.close());

async function storedStart(key: string): Promise<string> {
  return (await rawClient(env.emulator).head(key)).res.headers[START as never] as unknown as string;
}

async function pendingUploads(prefix?: string): Promise<number> {
  return (await client.listMultipartUploads(prefix ? { prefix } : {})).length;
}

describe('upload and download', () => {
  it.each([
    [0, 1],
    [PART, 1],
    [PART + 1, 1],
    [5 * PART + 3, 1],
    [5 * PART + 3, 8],
    [12 * PART, 8],
  ])(
    '%i bytes with concurrency %i round-trip, and core alone decrypts the stored object',
    async (size, concurrency) => {
      const data = patternBytes(size, size + concurrency);
      const file = join(env.dir, `src-${size}-${concurrency}`);
      await writeFile(file, data);
      const progress: TransferProgress[] = [];
      const key = `up-${size}-${concurrency}`;
      const up = await client.upload(key, file, { concurrency, onProgress: (p) => progress.push(p) });
      expect(up.parts).toBe(size <= PART ? 0 : Math.ceil(size / PART));
      expect(progress.at(-1)).toMatchObject({ bytesDone: size, bytesTotal: size });
      const out = join(env.dir, `out-${size}-${concurrency}`);
      const down = await client.download(key, out, { concurrency, partSize: PART });
      expect(down.crc64).toBe(up.crc64);
      expect((await readFile(out)).equals(data)).toBe(true);
      const raw = await rawClient(env.emulator).get(key);
      const plain = await decryptObject({
        keyring: await keyringOf((await testKeys()).main.private_key_pkcs8_pem),
        headers: raw.res.headers as never,
        ciphertext: new Uint8Array(raw.content as Buffer),
      });
      expect(Buffer.from(plain).equals(data)).toBe(true);
      expect((await readdir(env.dir)).filter((f) => f.endsWith('.json') || f.includes('oss-cse-download'))).toEqual([]);
    },
  );

  it('uploads streams of known size straight into parts and spools unknown sizes', async () => {
    const data = patternBytes(4 * PART + 9, 3);
    const chunks = (b: Buffer) =>
      Array.from({ length: Math.ceil(b.length / 7000) }, (_, i) => b.subarray(i * 7000, (i + 1) * 7000));
    const known = await client.upload('stream-known', Readable.from(chunks(data)), {
      size: data.length,
      concurrency: 3,
    });
    expect(known.parts).toBe(5);
    const web = Readable.toWeb(Readable.from(chunks(data))) as unknown as ReadableStream<Uint8Array>;
    const unknown = await client.upload('stream-unknown', web);
    expect(unknown.parts).toBe(5);
    expect(unknown.crc64).not.toBe(known.crc64); // a fresh key and IV per object
    for (const key of ['stream-known', 'stream-unknown']) expect(same((await client.get(key)).body, data)).toBe(true);
    await expect(
      client.upload('short', Readable.from([data.subarray(0, 3 * PART)]), { size: data.length }),
    ).rejects.toMatchObject({ code: 'ERR_SOURCE_CHANGED' });
    expect(await pendingUploads()).toBe(0);
  });

  it('retries 5xx, throttling and dropped connections, resending identical ciphertext', async () => {
    const data = patternBytes(4 * PART, 11);
    env.emulator.faults.failNext({ operation: 'UploadPart', count: 2, status: 503, code: 'ServiceUnavailable' });
    env.emulator.faults.failNext({ operation: 'UploadPart', count: 1, status: 429, code: 'Throttling' });
    env.emulator.faults.resetConnection({ operation: 'UploadPart', afterBytes: 5000 });
    env.emulator.faults.failNext({ operation: 'GetObject', count: 2, status: 500 });
    env.emulator.faults.resetConnection({ operation: 'GetObject', afterBytes: 100 });
    const before = env.emulator.faults.stats();
    // Every UploadPart body the client sends, by part number: a retry must resend the same ciphertext.
    const inner = createAliOssTransport({
      bucket: env.emulator.buckets[0]!,
      region: env.emulator.region,
      endpoint: env.emulator.ossEndpoint,
    });
    const sent = new Map<number, Buffer[]>();
    const transport: ObjectTransport = {
      ...inner,
      uploadPart(key, uploadId, partNumber, body, headers, ctx) {
        sent.set(partNumber, [...(sent.get(partNumber) ?? []), Buffer.from(body as Uint8Array)]);
        return inner.uploadPart(key, uploadId, partNumber, body, headers, ctx);
      },
    };
    const c = env.client({
      transport,
      partSize: PART,
      multipartThreshold: PART,
      concurrency: 2,
      retry: { retries: 6, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await c.upload('retried', Readable.from([data]), { size: data.length });
    await c.download('retried', join(env.dir, 'retried.out'));
    transport.close?.();
    expect((await readFile(join(env.dir, 'retried.out'))).equals(data)).toBe(true);
    const after = env.emulator.faults.stats();
    expect(after.rules).toEqual([]);
    expect({ failed: after.failed - before.failed, reset: after.reset - before.reset }).toEqual({
      failed: 5,
      reset: 2,
    });
    // 4 parts, 4 of their requests failed (503, 503, 429, reset) and were resent byte-identical.
    expect([...sent.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect([...sent.values()].flat()).toHaveLength(4 + 4);
    for (const bodies of sent.values()) expect(new Set(bodies.map(sha256)).size).toBe(1);
    const stored = (await rawClient(env.emulator).get('retried')).content as Buffer;
    expect(stored.equals(Buffer.concat([1, 2, 3, 4].map((n) => sent.get(n)![0]!)))).toBe(true);
  });

  it('does not retry client errors', async () => {
    env.emulator.faults.failNext({ operation: 'PutObject', count: 1, status: 403, code: 'AccessDenied' });
    await expect(client.put('denied', 'x')).rejects.toMatchObject({
      code: 'ERR_ACCESS_DENIED',
      details: { status: 403, ossCode: 'AccessDenied', retryable: false },
    });
  });
});

describe('resume', () => {
  it('an upload killed mid-way resumes from its checkpoint to a byte-identical object with the same IV', async () => {
    const data = patternBytes(10 * PART + 5, 21);
    const file = join(env.dir, 'resume-src');
    await writeFile(file, data);
    const c = env.client({
      partSize: PART,
      multipartThreshold: PART,
      concurrency: 1,
      retry: { retries: 0 },
      checkpointDir: env.dir,
    });
    let done = 0;
    // Part 5 fails for good (no retries): the process "dies" there with 4 parts on the server.
    await expect(
      c.upload('resumed', file, {
        onProgress: (p) => {
          done = p.partsDone;
          if (p.partsDone === 4) env.emulator.faults.failNext({ operation: 'UploadPart', status: 500 });
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    expect(done).toBe(4);
    const cp = (await readdir(env.dir)).find((f) => f.startsWith('upload-'))!;
    const saved = JSON.parse(await readFile(join(env.dir, cp), 'utf8'));
    expect(saved.parts).toHaveLength(4);
    expect(Object.keys(saved.sent).sort()).toEqual(['1', '2', '3', '4', '5']);
    // Wrapped material only: no field could hold a plaintext key.
    expect(Object.keys(saved.material).sort()).toEqual([
      'cekAlg',
      'dataSize',
      'encryptedIv',
      'encryptedKey',
      'matDesc',
      'partSize',
      'wrapAlg',
    ]);
    expect(await pendingUploads('resumed')).toBe(1);

    const again = await c.upload('resumed', file, { concurrency: 8 });
    expect(again).toMatchObject({ resumedParts: 4, parts: 11, uploadId: saved.uploadId });
    expect(await storedStart('resumed')).toBe(saved.material.encryptedIv);
    expect(same((await c.get('resumed')).body, data)).toBe(true);
    expect(await pendingUploads('resumed')).toBe(0);
  });

  it('a changed source aborts the old upload and restarts with a new data key and IV', async () => {
    const file = join(env.dir, 'changing-src');
    await writeFile(file, patternBytes(6 * PART, 31));
    const c = env.client({
      partSize: PART,
      multipartThreshold: PART,
      concurrency: 1,
      retry: { retries: 0 },
      checkpointDir: env.dir,
    });
    await expect(
      c.upload('changing', file, {
        onProgress: (p) => {
          if (p.partsDone === 2) env.emulator.faults.failNext({ operation: 'UploadPart', status: 500 });
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    const cp = (await readdir(env.dir)).find((f) => f.startsWith('upload-'))!;
    const saved = JSON.parse(await readFile(join(env.dir, cp), 'utf8'));
    const changed = patternBytes(6 * PART, 32);
    await writeFile(file, changed);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const restarts: string[] = [];
    const r = await c.upload('changing', file, { onRestart: (why) => restarts.push(why) });
    expect(restarts).toEqual(['source-changed']);
    expect(r.resumedParts).toBe(0);
    expect(r.uploadId).not.toBe(saved.uploadId);
    expect(await storedStart('changing')).not.toBe(saved.material.encryptedIv);
    expect(same((await c.get('changing')).body, changed)).toBe(true);
    expect(await pendingUploads('changing')).toBe(0);
  });

  it('a download resumes from its checkpoint; a changed object fails with ERR_SOURCE_CHANGED', async () => {
    const data = patternBytes(8 * PART, 41);
    await client.upload('dl', data);
    const out = join(env.dir, 'dl.out');
    const c = env.client({ partSize: PART, concurrency: 1, retry: { retries: 0 }, checkpointDir: env.dir });
    await expect(
      c.download('dl', out, {
        onProgress: (p) => {
          if (p.partsDone === 3) env.emulator.faults.failNext({ operation: 'GetObject', status: 500 });
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
    const r = await c.download('dl', out);
    expect(r.resumedParts).toBe(3);
    expect((await readFile(out)).equals(data)).toBe(true);

    await expect(
      c.download('dl', join(env.dir, 'dl2.out'), {
        onProgress: (p) => {
          if (p.partsDone === 2) void client.put('dl', 'replaced');
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_SOURCE_CHANGED' });
  });
});

describe('abort', () => {
  it('an aborted upload leaves no multipart upload and no checkpoint behind', async () => {
    const file = join(env.dir, 'abort-src');
    await writeFile(file, patternBytes(10 * PART, 51));
    const controller = new AbortController();
    await expect(
      client.upload('aborted', file, {
        concurrency: 2,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.partsDone === 3) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(await pendingUploads('aborted')).toBe(0);
    expect((await readdir(env.dir)).filter((f) => f.startsWith('upload-'))).toEqual([]);
    await expect(client.head('aborted')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('a failed upload without checkpoint aborts its multipart upload', async () => {
    const c = env.client({ partSize: PART, multipartThreshold: PART, retry: { retries: 0 } });
    env.emulator.faults.failNext({ operation: 'UploadPart', status: 500, count: 3 });
    await expect(c.upload('failing', patternBytes(3 * PART))).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    env.emulator.faults.clear();
    expect(await pendingUploads('failing')).toBe(0);
  });
});
