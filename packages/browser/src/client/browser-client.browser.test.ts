// The browser client over an in-memory transport (Chromium): the engine's verbs through the browser's adapters
// (Worker encryption, IndexedDB records). Uploads, ranged and streamed reads, retries with identical ciphertext,
// resume after a reload, the per-part resume check (changed parts start over with a new key and IV, unsent parts may
// change), computeMd5 on resume, abort/keep, token refresh and typed errors; reads decrypted and checked in the
// Worker (no AES on the page), their failures typed as on the page.
import { describe, expect, it, vi } from 'vitest';
import {
  RsaMasterKey,
  V2_HEADERS,
  decryptObject,
  generateRsaKeyPair,
  md5Base64,
  parseEnvelope,
  unwrapEnvelope,
} from '@oss-cse/core';
import { ossError, type TransferProgress, type UploadRecord } from '@oss-cse/transfer';
import { MemoryTransport, pseudoRandom, resetError } from '../../../transfer/test/support/index.js';
import { createClient, type BrowserClient } from './browser-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const PART = 102_400;

function setup(options: { tokens?: boolean } = {}): {
  client: BrowserClient;
  transport: MemoryTransport;
  refreshes: () => number;
} {
  const transport = new MemoryTransport();
  let n = 0;
  const client = createClient({
    keyring: masterKey,
    bucket: transport.bucket,
    transport,
    database: `test-${crypto.randomUUID()}`,
    credentials: async () => ({
      accessKeyId: 'STS.x',
      accessKeySecret: 's',
      securityToken: options.tokens === false ? undefined : `t${++n}`,
      expiration: Date.now() + 3600_000,
    }),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { client, transport, refreshes: () => n };
}

const file = (size: number, seed: number, name = 'f.bin', lastModified = 1) =>
  new File([pseudoRandom(size, seed) as BlobPart], name, { lastModified });
const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
/** Reads a stream to its end (its own error, not Response's TypeError). */
const drain = async (stream: ReadableStream<Uint8Array>) => {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
};
const failPart =
  (n: number, code = 'X') =>
  (op: string, info: { partNumber?: number | undefined; key: string }) => {
    if (op === 'UploadPart' && info.partNumber === n)
      throw ossError({ operation: `UploadPart ${info.key} #${n}`, status: 400, ossCode: code });
  };
/** The plaintext IV of an object or upload, from its CSE headers. */
const ivOf = async (headers: Record<string, string>) =>
  (await unwrapEnvelope({ keyring: masterKey, envelope: parseEnvelope(headers)! })).iv;
const pendingUploads = async (client: BrowserClient) =>
  (await client.pendingTransfers()).filter((r): r is UploadRecord => r.kind === 'upload');

describe('BrowserClient over an in-memory transport', () => {
  it('uploads small files with one PUT and large ones in parallel encrypted parts; both download identical', async () => {
    const { client, transport } = setup();
    const small = file(50_000, 1);
    expect((await client.upload('u/small.bin', small)).parts).toBe(0);
    const big = file(PART * 5 + 123, 2);
    const events: TransferProgress[] = [];
    const parts: number[] = [];
    const res = await client.upload('u/big.bin', big, {
      partSize: PART,
      concurrency: 3,
      onProgress: (p) => events.push(p),
      onPart: (p) => parts.push(p.partNumber),
    });
    expect(res).toMatchObject({ parts: 6, size: big.size, resumedParts: 0 });
    expect(parts.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)).toMatchObject({ bytesDone: big.size, bytesTotal: big.size, partsDone: 6, partsTotal: 6 });
    const stored = transport.objects.get('u/big.bin')!;
    expect(stored.body).not.toEqual(await bytes(big));
    expect(await decryptObject({ keyring: masterKey, headers: stored.headers, ciphertext: stored.body })).toEqual(
      await bytes(big),
    );
    expect(await bytes(await client.downloadBlob('u/big.bin'))).toEqual(await bytes(big));
    expect(await bytes(await client.downloadBlob('u/small.bin'))).toEqual(await bytes(small));
    expect(transport.uploads.size).toBe(0);
    expect(await client.pendingTransfers()).toEqual([]);
    client.close();
  });

  it('ranged reads fetch only the aligned range; streams decrypt chunk by chunk; list, head, stored, delete', async () => {
    const { client, transport } = setup();
    const big = file(PART * 3, 3);
    await client.upload('r/r.bin', big, { partSize: PART });
    const plain = await bytes(big);
    transport.calls.length = 0;
    expect((await client.get('r/r.bin', { range: '150001-151000' })).body).toEqual(plain.subarray(150_001, 151_001));
    expect(transport.calls).toEqual(['GetObject']);
    expect((await client.get('r/r.bin', { range: '-100' })).body).toEqual(plain.subarray(plain.length - 100));
    const { body } = await client.getStream('r/r.bin', { chunkSize: 65_536, range: '1000-250000' });
    expect(await bytes(await new Response(body).blob())).toEqual(plain.subarray(1000, 250_001));
    expect(await bytes(await client.downloadBlob('r/r.bin', { range: '5-9', type: 'text/plain' }))).toEqual(
      plain.subarray(5, 10),
    );
    const listed = [];
    for await (const o of client.list({ prefix: 'r/' })) listed.push(o);
    expect(listed).toMatchObject([{ key: 'r/r.bin', size: plain.length }]);
    expect((await client.head('r/r.bin')).envelope).toMatchObject({ partSize: PART, dataSize: plain.length });
    const raw = await client.stored('r/r.bin', { range: 'bytes=0-255' });
    expect(raw.bytes).toEqual(transport.objects.get('r/r.bin')!.body.subarray(0, 256));
    expect(raw.headers[V2_HEADERS.partSize]).toBe(String(PART));
    await client.delete('r/r.bin');
    await expect(client.head('r/r.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    client.close();
  });

  it('retries a failed part with identical ciphertext, and resumes after a failure (new client = reload)', async () => {
    const { client, transport } = setup();
    const big = file(PART * 6, 4);
    let reset = true;
    let failFive = true;
    transport.fault = (op, info) => {
      if (op === 'UploadPart' && info.partNumber === 2 && reset) {
        reset = false;
        throw resetError(op);
      }
      if (op === 'UploadPart' && info.partNumber === 5 && failFive) {
        failFive = false;
        failPart(5, 'InvalidArgument')(op, info);
      }
    };
    const retried: (number | undefined)[] = [];
    await expect(
      client.upload('resume.bin', big, { partSize: PART, concurrency: 2, onRetry: (r) => retried.push(r.partNumber) }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    expect(retried).toEqual([2]);
    const pending = await pendingUploads(client);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.parts.length).toBeGreaterThan(0);
    expect(JSON.stringify(pending[0])).not.toMatch(/dataKey|cek"/);
    transport.calls.length = 0;
    const res = await client.upload('resume.bin', big, { partSize: PART });
    expect(res.resumedParts).toBe(pending[0]!.parts.length);
    expect(transport.calls).not.toContain('InitiateMultipartUpload');
    expect(transport.calls.filter((c) => c.startsWith('UploadPart')).length).toBe(6 - res.resumedParts);
    expect(await bytes(await client.downloadBlob('resume.bin'))).toEqual(await bytes(big));
    client.close();
  });

  it('a changed file starts a new upload with a new key and IV', async () => {
    const { client, transport } = setup();
    transport.fault = failPart(3);
    await expect(client.upload('c.bin', file(PART * 4, 5), { partSize: PART, concurrency: 1 })).rejects.toMatchObject({
      code: 'ERR_TRANSPORT',
      details: { status: 400, ossCode: 'X', operation: 'UploadPart c.bin #3' },
    });
    const before = (await pendingUploads(client))[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2]);
    /** The data key and IV of an upload or object, unwrapped from its headers (RSA wrapping alone is randomized). */
    const keyAndIv = async (headers: Record<string, string>) => {
      const { cek, iv } = await unwrapEnvelope({ keyring: masterKey, envelope: parseEnvelope(headers)! });
      return [Array.from(cek), Array.from(iv)];
    };
    const [oldKey, oldIv] = await keyAndIv(transport.uploads.get(before.uploadId)!.headers);
    transport.fault = undefined;
    const changed = file(PART * 4, 6);
    const res = await client.upload('c.bin', changed, { partSize: PART });
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(res.resumedParts).toBe(0);
    const [newKey, newIv] = await keyAndIv(transport.objects.get('c.bin')!.headers);
    expect(newKey).not.toEqual(oldKey);
    expect(newIv).not.toEqual(oldIv);
    expect(transport.uploads.has(before.uploadId)).toBe(false);
    expect(await bytes(await client.downloadBlob('c.bin'))).toEqual(await bytes(changed));
    client.close();
  });

  it('a file whose middle part changed (same name, size, lastModified) starts over with a new key and IV', async () => {
    const { client, transport } = setup();
    transport.fault = failPart(4);
    const original = pseudoRandom(PART * 5, 30);
    await expect(
      client.upload('m.bin', new File([original as BlobPart], 'm.bin', { lastModified: 7 }), {
        partSize: PART,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    const before = (await pendingUploads(client))[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    const firstIv = await ivOf(transport.uploads.get(before.uploadId)!.headers);
    transport.fault = undefined;
    const edited = original.slice();
    edited.fill(0x5a, PART + 10, PART + 20); // part 2 only: the first and last parts are as before
    const restarts: string[] = [];
    const res = await client.upload('m.bin', new File([edited as BlobPart], 'm.bin', { lastModified: 7 }), {
      partSize: PART,
      onRestart: (r) => restarts.push(r),
    });
    expect(restarts).toEqual(['source-changed']);
    expect(res.resumedParts).toBe(0);
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(transport.uploads.has(before.uploadId)).toBe(false);
    expect(await ivOf(transport.objects.get('m.bin')!.headers)).not.toEqual(firstIv);
    expect(await bytes(await client.downloadBlob('m.bin'))).toEqual(edited);
    expect(await client.pendingTransfers()).toEqual([]);
    client.close();
  });

  it('a part sent but never confirmed is checked too: changed bytes start over instead of reusing its counters', async () => {
    const { client, transport } = setup();
    const upload = transport.uploadPart.bind(transport);
    let lost = true;
    transport.uploadPart = async (key, uploadId, partNumber, body, headers, ctx) => {
      const r = await upload(key, uploadId, partNumber, body, headers, ctx);
      // The server stored part 3, but the page never learns it (e.g. the tab closed before the answer).
      if (partNumber === 3 && lost) {
        lost = false;
        throw ossError({ operation: `UploadPart ${key} #3`, status: 400, ossCode: 'X' });
      }
      return r;
    };
    const original = pseudoRandom(PART * 5, 31);
    await expect(
      client.upload('l.bin', new File([original as BlobPart], 'l.bin', { lastModified: 9 }), {
        partSize: PART,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    const before = (await pendingUploads(client))[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2]);
    expect(Object.keys(before.sent).map(Number)).toEqual([1, 2, 3]);
    expect([...transport.uploads.get(before.uploadId)!.parts.keys()].sort()).toEqual([1, 2, 3]);
    const firstIv = await ivOf(transport.uploads.get(before.uploadId)!.headers);
    const edited = original.slice();
    edited.fill(0xa5, 2 * PART + 100, 2 * PART + 200); // part 3
    const res = await client.upload('l.bin', new File([edited as BlobPart], 'l.bin', { lastModified: 9 }), {
      partSize: PART,
    });
    expect(res.resumedParts).toBe(0);
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(await ivOf(transport.objects.get('l.bin')!.headers)).not.toEqual(firstIv);
    expect(await bytes(await client.downloadBlob('l.bin'))).toEqual(edited);
    client.close();
  });

  /**
   * Uploads `file` to `key`, paused once part 2 is done: part 3 is never sent (a part that failed on the wire counts as
   * sent).
   */
  async function pausedAfterPart2(
    client: BrowserClient,
    file: File,
    key: string,
    options: { computeMd5?: boolean } = {},
  ): Promise<UploadRecord> {
    const pause = new AbortController();
    await expect(
      client.upload(key, file, {
        partSize: PART,
        concurrency: 1,
        signal: pause.signal,
        onAbort: 'keep',
        onPart: (p) => {
          if (p.partNumber === 2) pause.abort();
        },
        ...options,
      }),
    ).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    const [pending] = await pendingUploads(client);
    expect(Object.keys(pending!.sent).map(Number)).toEqual([1, 2]);
    return pending!;
  }
  const unsentPartEdited = (original: Uint8Array) => {
    const edited = original.slice();
    edited.fill(0x3c, 2 * PART + 100, 2 * PART + 200); // part 3
    return edited;
  };

  it('a part not sent yet may change: the upload resumes with the new bytes', async () => {
    const { client } = setup();
    const original = pseudoRandom(PART * 5, 32);
    const before = await pausedAfterPart2(
      client,
      new File([original as BlobPart], 'u.bin', { lastModified: 3 }),
      'u.bin',
    );
    const edited = unsentPartEdited(original);
    const resumed = await client.upload('u.bin', new File([edited as BlobPart], 'u.bin', { lastModified: 3 }), {
      partSize: PART,
    });
    expect(resumed).toMatchObject({ uploadId: before.uploadId, resumedParts: 2 });
    expect(await bytes(await client.downloadBlob('u.bin'))).toEqual(edited);
    client.close();
  });

  it('with computeMd5 the MD5 recorded at Initiate must match too: a changed unsent part starts over', async () => {
    const { client, transport } = setup();
    const original = pseudoRandom(PART * 5, 33);
    const before = await pausedAfterPart2(
      client,
      new File([original as BlobPart], 'v.bin', { lastModified: 3 }),
      'v.bin',
      { computeMd5: true },
    );
    expect(before.plaintextMd5).toBe(await md5Base64(original));
    const edited = unsentPartEdited(original);
    const restarted = await client.upload('v.bin', new File([edited as BlobPart], 'v.bin', { lastModified: 3 }), {
      partSize: PART,
      computeMd5: true,
    });
    expect(restarted.uploadId).not.toBe(before.uploadId);
    expect(restarted.resumedParts).toBe(0);
    expect(transport.objects.get('v.bin')!.headers[V2_HEADERS.unencryptedContentMd5]).toBe(await md5Base64(edited));
    expect(await bytes(await client.downloadBlob('v.bin'))).toEqual(edited);
    client.close();
  });

  it('abort stops the upload and leaves no multipart upload behind; "keep" leaves it resumable until discarded', async () => {
    const { client, transport } = setup();
    const ac = new AbortController();
    transport.fault = (op, info) => {
      if (op === 'UploadPart' && info.partNumber === 2) ac.abort();
    };
    await expect(
      client.upload('a.bin', file(PART * 4, 7), { partSize: PART, concurrency: 1, signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(transport.uploads.size).toBe(0);
    expect(await client.pendingTransfers()).toEqual([]);
    const pause = new AbortController();
    transport.fault = (op, info) => {
      if (op === 'UploadPart' && info.partNumber === 2) pause.abort();
    };
    await expect(
      client.upload('a.bin', file(PART * 4, 7), {
        partSize: PART,
        concurrency: 1,
        signal: pause.signal,
        onAbort: 'keep',
      }),
    ).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(transport.uploads.size).toBe(1);
    const [p] = await client.pendingTransfers();
    await client.discardTransfer(p!);
    expect(transport.uploads.size).toBe(0);
    expect(await client.pendingTransfers()).toEqual([]);
    client.close();
  });

  it('an expired STS token mid-upload is refreshed once and the part resent', async () => {
    const { client, transport, refreshes } = setup();
    transport.fault = (op, info) => {
      if (op === 'UploadPart' && info.partNumber === 2)
        transport.expiredTokens.add(info.ctx.credentials.securityToken!);
    };
    const big = file(PART * 4, 8);
    await client.upload('s.bin', big, { partSize: PART, concurrency: 3 });
    expect(refreshes()).toBe(2);
    expect(await bytes(await client.downloadBlob('s.bin'))).toEqual(await bytes(big));
    client.close();
  });

  it('typed errors: wrong key, plaintext object, CRC mismatch', async () => {
    const { client, transport } = setup();
    await client.upload('k.bin', file(1000, 9));
    const other = createClient({
      keyring: await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey }),
      bucket: transport.bucket,
      transport,
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
    });
    await expect(other.downloadBlob('k.bin')).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
    transport.objects.set('plain.txt', { body: new Uint8Array([1, 2]), headers: {}, crc: '0', etag: '"E"' });
    await expect(client.downloadBlob('plain.txt')).rejects.toMatchObject({ code: 'ERR_NOT_ENCRYPTED' });
    const original = transport.putObject.bind(transport);
    transport.putObject = async (...args) => ({ ...(await original(...args)), crc64: '1' });
    await expect(
      client.upload('crc.bin', file(1000, 10), { retry: { retries: 1, baseDelayMs: 1 } }),
    ).rejects.toMatchObject({ code: 'ERR_CRC_MISMATCH' });
    client.close();
    other.close();
  });

  it('reads decrypt in the Worker: get, a range, getStream and download make no AES call on the page', async () => {
    const { client } = setup();
    const big = file(PART * 2 + 77, 12);
    await client.upload('w/big.bin', big, { partSize: PART });
    await client.upload('w/small.bin', file(5000, 13));
    const plain = await bytes(big);
    const aes: string[] = [];
    for (const method of ['encrypt', 'decrypt'] as const) {
      const original = crypto.subtle[method].bind(crypto.subtle);
      vi.spyOn(crypto.subtle, method).mockImplementation((algorithm, key, data) => {
        const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
        if (name.startsWith('AES')) aes.push(`${method} ${name}`);
        return original(algorithm, key, data);
      });
    }
    try {
      expect((await client.get('w/big.bin')).body).toEqual(plain);
      expect((await client.get('w/small.bin')).body).toEqual(await bytes(file(5000, 13)));
      expect((await client.get('w/big.bin', { range: '100001-150000' })).body).toEqual(
        plain.subarray(100_001, 150_001),
      );
      const { body } = await client.getStream('w/big.bin', { chunkSize: 65_536 });
      expect(await bytes(await new Response(body).blob())).toEqual(plain);
      expect(await bytes(await client.downloadBlob('w/big.bin', { partSize: PART }))).toEqual(plain);
    } finally {
      vi.restoreAllMocks();
    }
    expect(aes).toEqual([]);
    client.close();
  });

  it('integrity failures found in the Worker keep their codes: CRC-64 mismatch, wrong MD5, wrong length', async () => {
    const { client, transport } = setup();
    await client.upload('i/a.bin', file(40_000, 14));
    const stored = transport.objects.get('i/a.bin')!;
    const retried: unknown[] = [];
    transport.objects.set('i/crc.bin', { ...stored, crc: '1' });
    const failure = await client
      .get('i/crc.bin', { retry: { retries: 1, baseDelayMs: 1 }, onRetry: (e) => retried.push(e.error) })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ERR_CRC_MISMATCH', details: { server: '1', client: stored.crc } });
    expect(retried).toMatchObject([{ code: 'ERR_CRC_MISMATCH' }]);
    await expect(client.getStream('i/crc.bin').then((r) => drain(r.body))).rejects.toMatchObject({
      code: 'ERR_CRC_MISMATCH',
    });
    const md5 = V2_HEADERS.unencryptedContentMd5;
    transport.objects.set('i/md5.bin', {
      ...stored,
      headers: { ...stored.headers, [md5]: await md5Base64(new Uint8Array(1)) },
    });
    const length = V2_HEADERS.unencryptedContentLength;
    transport.objects.set('i/length.bin', { ...stored, headers: { ...stored.headers, [length]: '39999' } });
    for (const key of ['i/md5.bin', 'i/length.bin']) {
      await expect(client.get(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
      await expect(client.downloadBlob(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
      await expect(client.getStream(key).then((r) => drain(r.body))).rejects.toMatchObject({
        code: 'ERR_INTEGRITY',
      });
    }
    // A range is not checked against the whole object's MD5.
    expect((await client.get('i/md5.bin', { range: '0-99' })).body).toHaveLength(100);
    client.close();
  });

  it('signs V4 by default: a client without a region is refused unless it asks for V1', () => {
    const options = {
      keyring: masterKey,
      bucket: 'photos',
      endpoint: 'http://localhost:9000',
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
    };
    expect(() => createClient(options)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining('V4 needs a region') }),
    );
    createClient({ ...options, signatureVersion: 'v1' }).close();
  });
});
