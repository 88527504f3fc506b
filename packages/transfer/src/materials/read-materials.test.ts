// The engine's reads through the decrypted-materials cache (memory transport): an object read again, by any verb and
// range, unwraps once; concurrent first reads unwrap once; `materialsCache: false` or a 0 limit unwraps every read;
// close() forgets; a wrong key fails with ERR_UNWRAP_FAILED every time (nothing cached); and headers that name another
// description or wrap algorithm around the same wrapped key are never served the cached materials.
import { describe, expect, it } from 'vitest';
import {
  RsaMasterKey,
  generateRsaKeyPair,
  readAll,
  V2_HEADERS,
  WRAP_RSA_OAEP_SHA1,
  portableRsaPrivateOperation,
} from '@oss-cse/core';
import { blobSink } from '../download/download-sink.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import { memoryClient } from '../../test/support/engine-client.js';
import { failure } from '../../test/support/fetch-transport-suite.js';

const PART = 100 * 1024;
const pair = await generateRsaKeyPair();
const described = await RsaMasterKey.import({ privateKey: pair.privateKey, description: { v: '1' } });
const other = await RsaMasterKey.import({
  privateKey: (await generateRsaKeyPair()).privateKey,
  description: { v: '2' },
});

/** `base` with its PKCS#1 v1.5 private operations counted: two per unwrap of an object (data key and IV). */
async function counted(base: RsaMasterKey): Promise<{ key: RsaMasterKey; operations: () => number }> {
  let operations = 0;
  const key = await base.withPrivateOperation(async (components) => {
    const operation = await portableRsaPrivateOperation(components);
    return (input) => {
      operations++;
      return operation(input);
    };
  });
  return { key, operations: () => operations };
}

async function writtenObject(transport: MemoryTransport, key: string, size: number): Promise<Uint8Array> {
  const { client } = memoryClient(described, { transport, partSize: PART });
  const plain = pseudoRandom(size, size);
  await client.upload(key, plain);
  return plain;
}

describe('reads through the decrypted-materials cache', () => {
  it('100 ranged reads of one multipart object (get, getStream, download) unwrap its data key and IV once', async () => {
    const transport = new MemoryTransport();
    const plain = await writtenObject(transport, 'big.bin', 5 * PART + 7);
    const { key, operations } = await counted(described);
    const { client } = memoryClient(key, { transport, partSize: PART });
    for (let i = 0; i < 100; i++) {
      const start = (i * 5113) % plain.length;
      const end = Math.min(start + 3000, plain.length - 1);
      if (i % 10 === 9) {
        const { body } = await client.getStream('big.bin', { range: `${start}-${end}`, chunkSize: 32 * 1024 });
        expect(await readAll(body)).toEqual(plain.subarray(start, end + 1));
      } else {
        expect((await client.get('big.bin', { range: `${start}-${end}` })).body).toEqual(
          plain.subarray(start, end + 1),
        );
      }
    }
    await client.download('big.bin', blobSink());
    expect(operations()).toBe(2);
  });

  it('concurrent first reads of one object unwrap once', async () => {
    const transport = new MemoryTransport();
    const plain = await writtenObject(transport, 'k.bin', 2000);
    const { key, operations } = await counted(described);
    const { client } = memoryClient(key, { transport });
    const reads = await Promise.all(Array.from({ length: 20 }, () => client.get('k.bin', { range: '10-20' })));
    for (const r of reads) expect(r.body).toEqual(plain.subarray(10, 21));
    expect(operations()).toBe(2);
  });

  it('materialsCache false, or a limit of 0, unwraps on every read', async () => {
    const transport = new MemoryTransport();
    await writtenObject(transport, 'k.bin', 2000);
    for (const materialsCache of [false, { maxEntries: 0 }, { maxBytes: 0 }, { maxAgeMs: 0 }] as const) {
      const { key, operations } = await counted(described);
      const { client } = memoryClient(key, { transport, materialsCache });
      for (let i = 0; i < 3; i++) await client.get('k.bin', { range: '0-9' });
      expect(operations(), JSON.stringify(materialsCache)).toBe(6);
    }
  });

  it('close() clears the cache: the same object unwraps again', async () => {
    const transport = new MemoryTransport();
    await writtenObject(transport, 'k.bin', 2000);
    const { key, operations } = await counted(described);
    const { client } = memoryClient(key, { transport });
    await client.get('k.bin');
    await client.get('k.bin');
    client.close();
    await client.get('k.bin');
    expect(operations()).toBe(4);
  });

  it('a wrong key fails with ERR_UNWRAP_FAILED on every read, and a failure is not cached', async () => {
    const transport = new MemoryTransport();
    await writtenObject(transport, 'k.bin', 2000);
    // A wrong key whose modulus is larger than the right one's, so that every wrapped header reaches its private
    // operation (a ciphertext at or above the modulus is refused before it) and the operations count each unwrap.
    let wrongKey: RsaMasterKey;
    do {
      wrongKey = await RsaMasterKey.import({
        privateKey: (await generateRsaKeyPair()).privateKey,
        description: { v: '1' },
      });
    } while (wrongKey.publicKey.n <= described.publicKey.n);
    const wrong = await counted(wrongKey);
    const { client } = memoryClient(wrong.key, { transport });
    for (let i = 0; i < 3; i++)
      expect((await failure(client.get('k.bin', { range: '0-9' }))).code).toBe('ERR_UNWRAP_FAILED');
    expect(wrong.operations()).toBe(6);
    // The right key afterwards (a new client of the same transport) reads it.
    expect((await memoryClient(described, { transport }).client.get('k.bin')).body.length).toBe(2000);
  });

  it('headers naming another description or wrap algorithm around the same wrapped key are not served cached materials', async () => {
    const transport = new MemoryTransport();
    await writtenObject(transport, 'k.bin', 2000);
    const stored = transport.objects.get('k.bin')!;
    const tamper = (name: string, header: string, value: string) =>
      transport.objects.set(name, { ...stored, headers: { ...stored.headers, [header]: value } });
    tamper('other-matdesc.bin', V2_HEADERS.matdesc, JSON.stringify({ v: '2' }));
    tamper('other-alg.bin', V2_HEADERS.wrapAlg, WRAP_RSA_OAEP_SHA1);
    const { client } = memoryClient(described, { transport, keyring: [described, other] });
    expect((await client.get('k.bin')).body.length).toBe(2000);
    // Same wrapped data key and IV: a cache keyed by the wrapped bytes alone would answer both with k.bin's key.
    expect((await failure(client.get('other-matdesc.bin'))).code).toBe('ERR_UNWRAP_FAILED');
    expect((await failure(client.get('other-alg.bin'))).code).toBe('ERR_UNWRAP_FAILED');
    // Renaming (a copy under another name) is the same entry: the cache never keys by name.
    transport.objects.set('copy.bin', stored);
    const { key, operations } = await counted(described);
    const reader = memoryClient(key, { transport }).client;
    await reader.get('k.bin');
    await reader.get('copy.bin');
    expect(operations()).toBe(2);
  });
});
