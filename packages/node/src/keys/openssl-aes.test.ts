// OpenSSL's AES-256-CTR for content ciphers: the same bytes as WebCrypto (any key, counter, length, the 128-bit
// counter wrapping), and a NodeClient's objects encrypted and decrypted through it (createCipheriv counted): small ones
// in one call, parts in slices.
import { vi, describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRsaKeyPair, RsaMasterKey } from '@oss-cse/core';
import { MemoryTransport } from '../../../transfer/test/support/index.js';
import { createClient } from '../client/node-client.js';
import { nodeAesCtr, nodeRawAesCtr } from './openssl-aes.js';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, createCipheriv: vi.fn(real.createCipheriv) };
});
const createCipheriv = vi.mocked(nodeCrypto.createCipheriv);

describe('nodeAesCtr', () => {
  it('gives WebCrypto AES-CTR (length 128) bytes for random keys, counters and lengths', async () => {
    const counters = [
      new Uint8Array(16).fill(0xff), // wraps after one block
      Uint8Array.from([...new Uint8Array(12).fill(0xff), 0xff, 0xff, 0xff, 0xfe]),
      new Uint8Array(16),
      crypto.getRandomValues(new Uint8Array(16)),
    ];
    for (const counter of counters) {
      for (const length of [0, 1, 15, 16, 17, 4096, 65536]) {
        const raw = crypto.getRandomValues(new Uint8Array(32));
        const key = await crypto.subtle.importKey(
          'raw',
          raw,
          'AES-CTR',
          false, // non-extractable, as core imports content keys
          ['encrypt', 'decrypt'],
        );
        const data = crypto.getRandomValues(new Uint8Array(length));
        const expected = new Uint8Array(
          await crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 128 }, key, data),
        );
        expect(nodeAesCtr(key, counter, data)).toEqual(expected);
        expect(nodeRawAesCtr(raw, counter, data)).toEqual(expected);
      }
    }
  });

  it("a NodeClient's small object is encrypted on its key's bytes (no importKey) and decrypted on OpenSSL", async () => {
    const keyring = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
    const transport = new MemoryTransport();
    const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const calls = async (nativeRsa: boolean | undefined) => {
      const client = createClient({ keyring, bucket: transport.bucket, transport, credentials, nativeRsa });
      await client.head('none').catch(() => undefined); // the client's keyrings are set up before counting
      createCipheriv.mockClear();
      importKey.mockClear();
      await client.put('small.bin', 'hello');
      const imports = importKey.mock.calls.filter(([, , a]) => (a as { name?: string }).name === 'AES-CTR').length;
      expect(new TextDecoder().decode((await client.get('small.bin')).body)).toBe('hello');
      return { cipherCalls: createCipheriv.mock.calls.length, importsOfThePut: imports };
    };
    try {
      expect(await calls(undefined)).toEqual({ cipherCalls: 2, importsOfThePut: 0 });
      expect(await calls(false)).toEqual({ cipherCalls: 0, importsOfThePut: 1 });
    } finally {
      importKey.mockRestore();
    }
  });

  it("a NodeClient's file upload encrypts its parts in place through OpenSSL in 64 KiB slices (no WebCrypto), readable by WebCrypto", async () => {
    const keyring = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
    const transport = new MemoryTransport();
    const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
    const partSize = 256 * 1024;
    const data = new Uint8Array(randomBytes(2 * partSize + 100));
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-openssl-aes-'));
    const file = join(dir, 'big.bin');
    await writeFile(file, data);
    const client = createClient({ keyring, bucket: transport.bucket, transport, credentials, partSize });
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    createCipheriv.mockClear();
    await client.upload('big.bin', file, { resume: false }).finally(() => rm(dir, { recursive: true, force: true }));
    expect(encrypt).not.toHaveBeenCalled();
    // Two parts of 4 slices, and the last part's 100 bytes.
    expect(createCipheriv.mock.calls.length).toBe(9);
    encrypt.mockRestore();
    // A client on WebCrypto alone reads it back.
    const web = createClient({ keyring, bucket: transport.bucket, transport, credentials, nativeRsa: false });
    expect((await web.get('big.bin')).body).toEqual(data);
  });
});
