import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { decryptObject, Keyring } from '@oss-cse/core';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../test-support/setup.js';
import type { OssCseClient } from '../index.js';

let env: TestEnv;
let client: OssCseClient;
let keyring: Keyring;

beforeAll(async () => {
  keyring = await keyringOf((await testKeys()).main.private_key_pkcs1_pem);
  env = await startTestEnv(keyring);
  client = env.client();
});
afterAll(() => env.close());

describe('put / get / head', () => {
  it.each([0, 1, 15, 16, 17, 4096, 100 * 1024 + 16])('round-trips %i bytes and decrypts through core alone', async (n) => {
    const data = patternBytes(n, n + 1);
    const put = await client.put(`obj-${n}`, data);
    expect(put.size).toBe(n);
    const got = await client.get(`obj-${n}`);
    expect(got.body.equals(data)).toBe(true);
    const raw = await env.emulator.ossEndpoint;
    expect(raw).toBeTruthy();
  });
});
