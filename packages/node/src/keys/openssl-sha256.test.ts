// OpenSSL's SHA-256 for the per-part digests of resumable uploads: WebCrypto's value, and a NodeClient's resumable
// multipart upload notes its parts' digests without WebCrypto's digest (which copies each part).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateRsaKeyPair, RsaMasterKey } from '@oss-cse/core';
import { sha256Hex, type ObjectTransport, type ResumeRecord } from '@oss-cse/transfer';
import { MemoryTransport } from '../../../transfer/test/support/index.js';
import { createClient } from '../client/node-client.js';
import { jsonFileResumeStore } from '../resume/json-file-store.js';
import { nodeSha256 } from './openssl-sha256.js';

afterEach(() => vi.restoreAllMocks());

describe('nodeSha256', () => {
  it("gives WebCrypto's SHA-256 for any length", async () => {
    for (const length of [0, 1, 63, 64, 65, 100_000]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(nodeSha256(bytes)).toBe(await sha256Hex(bytes));
    }
  });

  it("is what a NodeClient's resumable upload notes its parts with (no WebCrypto digest of a part)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-sha-'));
    try {
      const partSize = 256 * 1024;
      const file = join(dir, 'in.bin');
      const data = new Uint8Array(randomBytes(3 * partSize + 5));
      await writeFile(file, data);
      const keyring = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey });
      const records = jsonFileResumeStore(join(dir, 'cp'));
      const saved: ResumeRecord[] = [];
      const resumeStore = { ...records, save: (r: ResumeRecord) => (saved.push(r), records.save(r)) };
      // The memory transport keeps the body it is given; a file's parts live in buffers reused after their send.
      const memory = new MemoryTransport();
      const uploadPart: ObjectTransport['uploadPart'] = (key, id, n, body, headers, ctx) =>
        memory.uploadPart(key, id, n, body instanceof Uint8Array ? body.slice() : body, headers, ctx);
      const transport = new Proxy(memory, {
        get: (target, name) => {
          if (name === 'uploadPart') return uploadPart;
          const v = Reflect.get(target, name) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const credentials = { accessKeyId: 'id', accessKeySecret: 'secret' };
      const client = createClient({
        ...{ keyring, bucket: transport.bucket, transport, credentials, resumeStore },
        ...{ partSize, concurrency: 2 },
      });
      // What WebCrypto's digest is given, copied when it is called (parts are encrypted in place afterwards).
      const digested: Buffer[] = [];
      const real = crypto.subtle.digest.bind(crypto.subtle);
      vi.spyOn(crypto.subtle, 'digest').mockImplementation((algorithm, data) => {
        const view = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
        digested.push(Buffer.from(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)));
        return real(algorithm, data);
      });
      expect((await client.upload('big.bin', file)).parts).toBe(4);
      // No part's plaintext went through WebCrypto's digest (the memory transport's ETags hash ciphertext).
      expect(digested.length).toBeGreaterThan(0);
      const parts = [0, 1, 2, 3].map((i) => Buffer.from(data.subarray(i * partSize, (i + 1) * partSize)));
      expect(digested.filter((d) => parts.some((p) => p.equals(d)))).toEqual([]);
      // The record noted each part's plaintext SHA-256 (OpenSSL's) before the part was sent.
      const sent = (saved.at(-1) as { sent: Record<string, string> }).sent;
      for (let n = 1; n <= 4; n++)
        expect(sent[String(n)]).toBe(nodeSha256(data.subarray((n - 1) * partSize, n * partSize)));
      client.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
