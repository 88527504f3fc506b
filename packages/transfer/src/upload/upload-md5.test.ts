// computeMd5 of a multipart upload reads the whole source once before Initiate: the cipher runner hashes it, a Blob
// or bytes (a Worker runner reads a Blob off the page's thread), so the engine carries no MD5 code of its own.
import { md5Base64, parseEnvelope } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { inlineCipherRunner } from '../cipher/inline-runner.js';
import type { CipherRunner } from '../cipher/cipher-runner.js';
import type { PartSource } from '../source/part-source.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';

const masterKey = await testMasterKey();
const PART = 102_400;

describe('computeMd5 of a multipart upload', () => {
  it('a Blob source and a bytes source are both hashed by the runner, and record the same MD5', async () => {
    const inline = inlineCipherRunner(masterKey);
    const hashed: string[] = [];
    const cipher: CipherRunner = {
      ...inline,
      md5: (source, options) => {
        hashed.push(`${(source as PartSource).blob ? 'blob' : 'bytes'} ${source.size}`);
        return inline.md5(source, options);
      },
    };
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport, cipher });
    const plain = pseudoRandom(PART * 3 + 5, 4);
    await client.upload('blob.bin', new Blob([plain as BlobPart]), { partSize: PART, computeMd5: true });
    expect(hashed).toEqual([`blob ${plain.length}`]);
    await client.upload('bytes.bin', plain, { partSize: PART, computeMd5: true });
    expect(hashed).toEqual([`blob ${plain.length}`, `bytes ${plain.length}`]);
    for (const key of ['blob.bin', 'bytes.bin']) {
      expect(parseEnvelope(transport.objects.get(key)!.headers)?.unencryptedContentMd5).toBe(await md5Base64(plain));
      expect((await client.get(key)).body).toEqual(plain);
    }
  });
});
