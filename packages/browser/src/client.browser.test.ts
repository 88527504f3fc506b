import { describe, expect, it } from 'vitest';
import { RsaMasterKey, V2_HEADERS, decryptObject, generateRsaKeyPair, md5Base64, parseEnvelope, unwrapEnvelope } from '@oss-cse/core';
import { createClient, type BrowserClient } from './client.js';
import { transportError } from './errors.js';
import { MemoryTransport, pseudoRandom } from './test-support/memory-transport.js';
import type { UploadProgress } from './upload/progress.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const PART = 102_400;

function setup(options: { tokens?: boolean } = {}): { client: BrowserClient; transport: MemoryTransport; refreshes: () => number } {
  const transport = new MemoryTransport();
  let n = 0;
  const client = createClient({
    keyring: masterKey, bucket: 'b', transport, database: `test-${crypto.randomUUID()}`,
    credentials: async () => ({ accessKeyId: 'STS.x', accessKeySecret: 's', securityToken: options.tokens === false ? undefined : `t${++n}`, expiration: Date.now() + 3600_000 }),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { client, transport, refreshes: () => n };
}

const file = (size: number, seed: number, name = 'f.bin', lastModified = 1) => new File([pseudoRandom(size, seed) as BlobPart], name, { lastModified });
const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
/** The plaintext IV of an object or upload, from its CSE headers. */
const ivOf = async (headers: Record<string, string>) => (await unwrapEnvelope({ keyring: masterKey, envelope: parseEnvelope(headers)! })).iv;

describe('BrowserClient over an in-memory transport', () => {
  it('uploads small files with one PUT and large ones in parallel encrypted parts; both download identical', async () => {
    const { client, transport } = setup();
    const small = file(50_000, 1);
    expect((await client.upload(small, 'u/small.bin')).multipart).toBe(false);
    const big = file(PART * 5 + 123, 2);
    const events: UploadProgress[] = [];
    const parts: number[] = [];
    const res = await client.upload(big, 'u/big.bin', { partSize: PART, concurrency: 3, onProgress: (p) => events.push(p), onPart: (p) => parts.push(p.partNumber) });
    expect(res).toMatchObject({ multipart: true, size: big.size, resumedParts: 0 });
    expect(parts.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)).toMatchObject({ loaded: big.size, total: big.size });
    const stored = transport.objects.get('u/big.bin')!;
    expect(stored.body).not.toEqual(await bytes(big));
    expect(await decryptObject({ keyring: masterKey, headers: stored.headers, ciphertext: stored.body })).toEqual(await bytes(big));
    expect(await bytes(await client.download('u/big.bin'))).toEqual(await bytes(big));
    expect(await bytes(await client.download('u/small.bin'))).toEqual(await bytes(small));
    expect(transport.uploads.size).toBe(0);
    expect(await client.pendingUploads()).toEqual([]);
    client.close();
  });

  it('ranged reads fetch only the aligned range; streams decrypt chunk by chunk', async () => {
    const { client, transport } = setup();
    const big = file(PART * 3, 3);
    await client.upload(big, 'r.bin', { partSize: PART });
    const plain = await bytes(big);
    transport.calls.length = 0;
    expect(await client.getRange('r.bin', '150001-151000')).toEqual(plain.subarray(150_001, 151_001));
    expect(transport.calls).toEqual(['GetObject']);
    expect(await client.getRange('r.bin', '-100')).toEqual(plain.subarray(plain.length - 100));
    const stream = await client.downloadStream('r.bin', { chunkSize: 65_536, range: '1000-250000' });
    expect(await bytes(await new Response(stream).blob())).toEqual(plain.subarray(1000, 250_001));
    client.close();
  });

  it('retries a failed part with identical ciphertext, and resumes after a failure (new client = reload)', async () => {
    const { client, transport } = setup();
    const big = file(PART * 6, 4);
    const sent = new Map<number, Uint8Array[]>();
    let failPart4 = 1;
    transport.fault = (op, info) => {
      if (op === 'UploadPart' && info.partNumber === 2 && !sent.has(-2)) { sent.set(-2, []); throw transportError('reset', { status: -1, operation: op }); }
      if (op === 'UploadPart' && info.partNumber === 5 && failPart4-- > 0) throw transportError('bad', { status: 400, ossCode: 'InvalidArgument', operation: op });
    };
    const retried: (number | undefined)[] = [];
    await expect(client.upload(big, 'resume.bin', { partSize: PART, concurrency: 2, onRetry: (r) => retried.push(r.partNumber) }))
      .rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    expect(retried).toEqual([2]);
    const pending = await client.pendingUploads();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.parts.length).toBeGreaterThan(0);
    expect(JSON.stringify(pending[0])).not.toMatch(/dataKey|cek"/);
    transport.calls.length = 0;
    const res = await client.upload(big, 'resume.bin', { partSize: PART });
    expect(res.resumedParts).toBe(pending[0]!.parts.length);
    expect(transport.calls).not.toContain('InitiateMultipartUpload');
    expect(transport.calls.filter((c) => c.startsWith('UploadPart')).length).toBe(6 - res.resumedParts);
    expect(await bytes(await client.download('resume.bin'))).toEqual(await bytes(big));
    client.close();
  });

  it('a changed file starts a new upload with a new key and IV', async () => {
    const { client, transport } = setup();
    transport.fault = (op, info) => { if (op === 'UploadPart' && info.partNumber === 3) throw transportError('bad', { status: 400, ossCode: 'X', operation: op }); };
    await expect(client.upload(file(PART * 4, 5), 'c.bin', { partSize: PART, concurrency: 1 }))
      .rejects.toMatchObject({ code: 'ERR_TRANSPORT', details: { status: 400, ossCode: 'X', operation: 'UploadPart' } });
    const before = (await client.pendingUploads())[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2]);
    /** The data key and IV of an upload or object, unwrapped from its headers (RSA wrapping alone is randomized). */
    const keyAndIv = async (headers: Record<string, string>) => {
      const { cek, iv } = await unwrapEnvelope({ keyring: masterKey, envelope: parseEnvelope(headers)! });
      return [Array.from(cek), Array.from(iv)];
    };
    const [oldKey, oldIv] = await keyAndIv(transport.uploads.get(before.uploadId)!.headers);
    transport.fault = undefined;
    const changed = file(PART * 4, 6);
    const res = await client.upload(changed, 'c.bin', { partSize: PART });
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(res.resumedParts).toBe(0);
    const [newKey, newIv] = await keyAndIv(transport.objects.get('c.bin')!.headers);
    expect(newKey).not.toEqual(oldKey);
    expect(newIv).not.toEqual(oldIv);
    expect(transport.uploads.has(before.uploadId)).toBe(false);
    expect(await bytes(await client.download('c.bin'))).toEqual(await bytes(changed));
    client.close();
  });

  it('a file whose middle part changed (same name, size, lastModified) starts over with a new key and IV', async () => {
    const { client, transport } = setup();
    transport.fault = (op, info) => { if (op === 'UploadPart' && info.partNumber === 4) throw transportError('bad', { status: 400, ossCode: 'X', operation: op }); };
    const original = pseudoRandom(PART * 5, 30);
    await expect(client.upload(new File([original as BlobPart], 'm.bin', { lastModified: 7 }), 'm.bin', { partSize: PART, concurrency: 1 }))
      .rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    const before = (await client.pendingUploads())[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    const firstIv = await ivOf(transport.uploads.get(before.uploadId)!.headers);
    transport.fault = undefined;
    const edited = original.slice();
    edited.fill(0x5a, PART + 10, PART + 20); // part 2 only: the first and last parts are as before
    const res = await client.upload(new File([edited as BlobPart], 'm.bin', { lastModified: 7 }), 'm.bin', { partSize: PART });
    expect(res.resumedParts).toBe(0);
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(transport.uploads.has(before.uploadId)).toBe(false);
    expect(await ivOf(transport.objects.get('m.bin')!.headers)).not.toEqual(firstIv);
    expect(await bytes(await client.download('m.bin'))).toEqual(edited);
    expect(await client.pendingUploads()).toEqual([]);
    client.close();
  });

  it('a part sent but never confirmed is checked too: changed bytes start over instead of reusing its counters', async () => {
    const { client, transport } = setup();
    const upload = transport.uploadPart.bind(transport);
    let lost = true;
    transport.uploadPart = async (key, uploadId, partNumber, body, headers, ctx) => {
      const r = await upload(key, uploadId, partNumber, body, headers, ctx);
      // The server stored part 3, but the page never learns it (e.g. the tab closed before the answer).
      if (partNumber === 3 && lost) { lost = false; throw transportError('bad', { status: 400, ossCode: 'X', operation: 'UploadPart' }); }
      return r;
    };
    const original = pseudoRandom(PART * 5, 31);
    await expect(client.upload(new File([original as BlobPart], 'l.bin', { lastModified: 9 }), 'l.bin', { partSize: PART, concurrency: 1 }))
      .rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    const before = (await client.pendingUploads())[0]!;
    expect(before.parts.map((p) => p.partNumber)).toEqual([1, 2]);
    expect([...transport.uploads.get(before.uploadId)!.parts.keys()].sort()).toEqual([1, 2, 3]);
    const firstIv = await ivOf(transport.uploads.get(before.uploadId)!.headers);
    const edited = original.slice();
    edited.fill(0xa5, 2 * PART + 100, 2 * PART + 200); // part 3
    const res = await client.upload(new File([edited as BlobPart], 'l.bin', { lastModified: 9 }), 'l.bin', { partSize: PART });
    expect(res.resumedParts).toBe(0);
    expect(res.uploadId).not.toBe(before.uploadId);
    expect(await ivOf(transport.objects.get('l.bin')!.headers)).not.toEqual(firstIv);
    expect(await bytes(await client.download('l.bin'))).toEqual(edited);
    client.close();
  });

  /** Uploads `file` to `key`, paused once part 2 is done: part 3 is never sent (a part that failed on the wire counts as sent). */
  async function pausedAfterPart2(client: BrowserClient, file: File, key: string, options: { computeMd5?: boolean } = {}) {
    const pause = new AbortController();
    await expect(client.upload(file, key, {
      partSize: PART, concurrency: 1, signal: pause.signal, onAbort: 'keep', onPart: (p) => { if (p.partNumber === 2) pause.abort(); }, ...options,
    })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    const [pending] = await client.pendingUploads();
    expect(pending!.sent?.map((p) => p.partNumber)).toEqual([1, 2]);
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
    const before = await pausedAfterPart2(client, new File([original as BlobPart], 'u.bin', { lastModified: 3 }), 'u.bin');
    const edited = unsentPartEdited(original);
    const resumed = await client.upload(new File([edited as BlobPart], 'u.bin', { lastModified: 3 }), 'u.bin', { partSize: PART });
    expect(resumed).toMatchObject({ uploadId: before.uploadId, resumedParts: 2 });
    expect(await bytes(await client.download('u.bin'))).toEqual(edited);
    client.close();
  });

  it('with computeMd5 the MD5 recorded at Initiate must match too: a changed unsent part starts over', async () => {
    const { client, transport } = setup();
    const original = pseudoRandom(PART * 5, 33);
    const before = await pausedAfterPart2(client, new File([original as BlobPart], 'v.bin', { lastModified: 3 }), 'v.bin', { computeMd5: true });
    expect(before.plaintextMd5).toBe(await md5Base64(original));
    const edited = unsentPartEdited(original);
    const restarted = await client.upload(new File([edited as BlobPart], 'v.bin', { lastModified: 3 }), 'v.bin', { partSize: PART, computeMd5: true });
    expect(restarted.uploadId).not.toBe(before.uploadId);
    expect(restarted.resumedParts).toBe(0);
    expect(transport.objects.get('v.bin')!.headers[V2_HEADERS.unencryptedContentMd5]).toBe(await md5Base64(edited));
    expect(await bytes(await client.download('v.bin'))).toEqual(edited);
    client.close();
  });

  it('abort stops the upload and leaves no multipart upload behind; "keep" leaves it resumable', async () => {
    const { client, transport } = setup();
    const ac = new AbortController();
    transport.fault = (op, info) => { if (op === 'UploadPart' && info.partNumber === 2) ac.abort(); };
    await expect(client.upload(file(PART * 4, 7), 'a.bin', { partSize: PART, concurrency: 1, signal: ac.signal })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(transport.uploads.size).toBe(0);
    expect(await client.pendingUploads()).toEqual([]);
    const pause = new AbortController();
    transport.fault = (op, info) => { if (op === 'UploadPart' && info.partNumber === 2) pause.abort(); };
    await expect(client.upload(file(PART * 4, 7), 'a.bin', { partSize: PART, concurrency: 1, signal: pause.signal, onAbort: 'keep' })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(transport.uploads.size).toBe(1);
    const [p] = await client.pendingUploads();
    await client.discardUpload(p!);
    expect(transport.uploads.size).toBe(0);
    client.close();
  });

  it('an expired STS token mid-upload is refreshed once and the part resent', async () => {
    const { client, transport, refreshes } = setup();
    transport.fault = (op, info) => { if (op === 'UploadPart' && info.partNumber === 2) transport.expiredTokens.add(info.ctx.credentials.securityToken!); };
    const big = file(PART * 4, 8);
    await client.upload(big, 's.bin', { partSize: PART, concurrency: 3 });
    expect(refreshes()).toBe(2);
    expect(await bytes(await client.download('s.bin'))).toEqual(await bytes(big));
    client.close();
  });

  it('typed errors: wrong key, plaintext object, CRC mismatch', async () => {
    const { client, transport } = setup();
    await client.upload(file(1000, 9), 'k.bin');
    const other = createClient({ keyring: await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey }), bucket: 'b', transport, credentials: async () => ({ accessKeyId: 'a', accessKeySecret: 'b' }) });
    await expect(other.download('k.bin')).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
    transport.objects.set('plain.txt', { body: new Uint8Array([1, 2]), headers: {}, crc: '0', etag: '"E"' });
    await expect(client.download('plain.txt')).rejects.toMatchObject({ code: 'ERR_NOT_ENCRYPTED' });
    const original = transport.put.bind(transport);
    transport.put = async (...args) => ({ ...(await original(...args)), crc64: '1' });
    await expect(client.upload(file(1000, 10), 'crc.bin', { retry: { retries: 1, baseDelayMs: 1 } })).rejects.toMatchObject({ code: 'ERR_CRC_MISMATCH' });
    client.close();
    other.close();
  });
});
