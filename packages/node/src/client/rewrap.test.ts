// rewrap: key rotation without touching the ciphertext, for single-PUT and multipart-sized objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring, RsaMasterKey } from '@oss-cse/core';
import {
  keyringOf,
  patternBytes,
  startTestEnv,
  testKeys,
  type KeyForms,
  type TestEnv,
  same,
} from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';

const PART = 100 * 1024 + 16;
let env: TestEnv;
let keys: { main: KeyForms; other: KeyForms };

beforeAll(async () => {
  keys = await testKeys();
  env = await startTestEnv(await keyringOf(keys.main.private_key_pkcs1_pem));
});
afterAll(() => env.close());

describe('rewrap', () => {
  it.each([[0], [1000], [5 * PART + 7]])(
    '%i bytes: same ciphertext, new envelope, old key refused, metadata kept',
    async (size) => {
      const oldKey = await RsaMasterKey.import({
        privateKey: keys.main.private_key_pkcs1_pem,
        description: { v: '1' },
      });
      const client = env.client({ keyring: new Keyring(oldKey), partSize: PART, multipartThreshold: PART });
      const data = patternBytes(size, size + 3);
      const key = `rot-${size}`;
      await client.upload(key, data, { metadata: { owner: 'alice' }, contentType: 'image/png' });
      const before = await rawClient(env.emulator).get(key);

      const newPublic = await RsaMasterKey.import({
        publicKey: keys.other.public_key_spki_pem,
        description: { v: '2' },
      });
      const r = await client.rewrap(key, { to: newPublic });
      expect(r.before.matdesc).toEqual({ v: '1' });
      expect(r.after.matdesc).toEqual({ v: '2' });
      expect(r.decryptVerified).toBe(false); // a public key cannot decrypt the sample
      const after = await rawClient(env.emulator).get(key);
      expect((after.content as Buffer).equals(before.content as Buffer)).toBe(true);
      expect(after.res.headers['x-oss-hash-crc64ecma' as never]).toBe(
        before.res.headers['x-oss-hash-crc64ecma' as never],
      );

      await expect(client.get(key)).rejects.toMatchObject({ code: 'ERR_NO_MATCHING_KEY' });
      const newPrivate = await RsaMasterKey.import({
        privateKey: keys.other.private_key_pkcs1_pem,
        description: { v: '2' },
      });
      const reader = env.client({ keyring: new Keyring(newPrivate) });
      const got = await reader.get(key);
      expect(same(got.body, data)).toBe(true);
      expect(got.info.metadata).toEqual({ owner: 'alice' });
      expect(got.info.contentType).toBe('image/png');
      expect((await reader.listMultipartUploads({ prefix: key })).length).toBe(0);
    },
  );

  it('verifies by decrypting a range when the new key can unwrap; refuses plaintext objects', async () => {
    const client = env.client({ keyring: await keyringOf(keys.main.private_key_pkcs1_pem) });
    await client.put('rot-verify', patternBytes(5000));
    const to = await RsaMasterKey.import({ privateKey: keys.other.private_key_pkcs8_pem });
    const r = await client.rewrap('rot-verify', { to });
    expect(r.decryptVerified).toBe(true);
    await expect(client.get('rot-verify')).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
    await rawClient(env.emulator).put('rot-plain', Buffer.from('plain'));
    await expect(client.rewrap('rot-plain', { to })).rejects.toMatchObject({ code: 'ERR_NOT_ENCRYPTED' });
  });
});
