// The CLI's key files become master keys on OpenSSL's raw RSA both ways (unwrap and wrap), for every command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPrivateKeyPem, exportPublicKeyPem, generateRsaKeyPair, RsaMasterKey } from '@oss-cse/core';
import { loadMasterKey } from './options.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-options-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadMasterKey', () => {
  it("imports a private key file with OpenSSL's private and public operations", async () => {
    const { privateKey, publicKey } = await generateRsaKeyPair();
    await writeFile(join(dir, 'private.pem'), await exportPrivateKeyPem(privateKey));
    await writeFile(join(dir, 'public.pem'), exportPublicKeyPem(publicKey));
    const key = await loadMasterKey({ privateKey: join(dir, 'private.pem') });
    expect([key.usesPortablePrivateOperation, key.usesPortablePublicOperation]).toEqual([false, false]);
    const writer = await loadMasterKey({ publicKey: join(dir, 'public.pem') });
    expect(writer.usesPortablePublicOperation).toBe(false);
    // What it wraps, core's own RSA unwraps.
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const context = { wrapAlgorithm: key.wrapAlgorithm, part: 'key', formatVersion: 2, expectedLength: 32 } as const;
    const portable = await RsaMasterKey.import({ privateKey });
    expect(await portable.unwrap(await writer.wrap(cek, { part: 'key' }), { ...context, headerValue: '' })).toEqual(
      cek,
    );
  });
});
