// The inline cipher runner: a single object records the plaintext length even without its MD5, and a Blob's MD5
// is read piece by piece.
import { md5Base64, parseEnvelope } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { inlineCipherRunner } from './inline-runner.js';
import { pseudoRandom } from '../../test/support/memory-transport.js';
import { testMasterKey } from '../../test/support/engine-client.js';

const runner = inlineCipherRunner(await testMasterKey());

describe('inlineCipherRunner', () => {
  it('records the plaintext length with or without computeMd5 (the MD5 only with it)', async () => {
    const plain = pseudoRandom(3000, 3);
    const without = parseEnvelope((await runner.encryptObject(plain, { computeMd5: false })).headers);
    expect(without).toMatchObject({ unencryptedContentLength: 3000, unencryptedContentMd5: undefined });
    const withMd5 = parseEnvelope(
      (await runner.encryptObject(new Blob([plain as BlobPart]), { computeMd5: true })).headers,
    );
    expect(withMd5).toMatchObject({ unencryptedContentLength: 3000, unencryptedContentMd5: await md5Base64(plain) });
  });

  it('MD5s a Blob larger than one read piece', async () => {
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await runner.md5(new Blob([big as BlobPart]))).toBe(await md5Base64(big));
    expect(await runner.md5(new Blob([]))).toBe(await md5Base64(new Uint8Array(0)));
  });
});
