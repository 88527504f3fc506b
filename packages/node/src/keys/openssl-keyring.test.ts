// Node's default RSA: a NodeClient unwraps PKCS#1 v1.5 data keys through OpenSSL (privateDecrypt counted), RSA-OAEP
// ones through OpenSSL's OAEP decryption instead of WebCrypto's, and wraps new ones through OpenSSL (publicEncrypt
// counted), unless `nativeRsa: false` or the key brings its own operation;
// and on every RSA object of the shared vectors the keyring on OpenSSL unwraps exactly the data key and IV core's
// portable RSA (WebCrypto for RSA-OAEP) does.
import { vi, describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import {
  Keyring,
  parseEnvelope,
  RsaMasterKey,
  generateRsaKeyPair,
  unwrapEnvelope,
  WRAP_RSA_OAEP_SHA1,
  type RsaPrivateOperation,
} from '@oss-cse/core';
import { loadVector, vectorNames } from '@oss-cse/test-vectors';
import { MemoryTransport } from '../../../transfer/test/support/index.js';
import { createClient } from '../client/node-client.js';
import { opensslKeyring } from './openssl-keyring.js';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, privateDecrypt: vi.fn(real.privateDecrypt), publicEncrypt: vi.fn(real.publicEncrypt) };
});
const privateDecrypt = vi.mocked(nodeCrypto.privateDecrypt);
const publicEncrypt = vi.mocked(nodeCrypto.publicEncrypt);

const portable = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const oaep = await RsaMasterKey.import({
  privateKey: (await generateRsaKeyPair()).privateKey,
  wrapAlgorithm: WRAP_RSA_OAEP_SHA1,
});

async function readsOnce(options: { keyring: RsaMasterKey; nativeRsa?: boolean }): Promise<number> {
  const transport = new MemoryTransport();
  const client = createClient({
    ...options,
    bucket: transport.bucket,
    transport,
    credentials: { accessKeyId: 'AKID', accessKeySecret: 'secret' },
    materialsCache: false,
  });
  await client.put('k.bin', 'hello');
  privateDecrypt.mockClear();
  expect(new TextDecoder().decode((await client.get('k.bin')).body)).toBe('hello');
  expect(client.keyring.defaultKey).toBe(options.keyring);
  return privateDecrypt.mock.calls.length;
}

describe('NodeClient RSA unwraps', () => {
  it('go through OpenSSL by default: one privateDecrypt for the data key, one for the IV', async () => {
    expect(portable.usesPortablePrivateOperation).toBe(true);
    expect(await readsOnce({ keyring: portable })).toBe(2);
  });

  it("stay on core's portable RSA with nativeRsa: false", async () => {
    expect(await readsOnce({ keyring: portable, nativeRsa: false })).toBe(0);
  });

  it('keep a private operation the key was given', async () => {
    let calls = 0;
    const own = await portable.withPrivateOperation((key) => {
      const op = (c: Uint8Array) => {
        calls++;
        let r = 1n;
        let b = BigInt('0x' + Buffer.from(c).toString('hex')) % key.n;
        for (let e = key.d; e > 0n; e >>= 1n, b = (b * b) % key.n) if (e & 1n) r = (r * b) % key.n;
        return new Uint8Array(Buffer.from(r.toString(16).padStart(c.length * 2, '0'), 'hex'));
      };
      return op satisfies RsaPrivateOperation;
    });
    expect(own.usesPortablePrivateOperation).toBe(false);
    expect(await readsOnce({ keyring: own })).toBe(0);
    expect(calls).toBe(2);
  });
});

describe('NodeClient RSA-OAEP unwraps', () => {
  it("go through OpenSSL's OAEP decryption by default, not WebCrypto's: one call for the data key, one for the IV", async () => {
    const key = oaep;
    expect(key.usesWebCryptoOaep).toBe(true);
    const subtleDecrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      expect(await readsOnce({ keyring: key })).toBe(2);
      expect(privateDecrypt.mock.calls.map(([k]) => (k as nodeCrypto.RsaPrivateKey).padding)).toEqual([
        nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING,
        nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING,
      ]);
      expect(subtleDecrypt.mock.calls.filter(([alg]) => (alg as Algorithm).name === 'RSA-OAEP')).toHaveLength(0);
    } finally {
      subtleDecrypt.mockRestore();
    }
  });

  it('stay on WebCrypto with nativeRsa: false', async () => {
    const subtleDecrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      expect(await readsOnce({ keyring: oaep, nativeRsa: false })).toBe(0);
      expect(subtleDecrypt.mock.calls.filter(([alg]) => (alg as Algorithm).name === 'RSA-OAEP')).toHaveLength(2);
    } finally {
      subtleDecrypt.mockRestore();
    }
  });
});

/** publicEncrypt calls of one put; the object is then read with core's portable RSA alone. */
async function writesOnce(options: { keyring: Keyring | RsaMasterKey; nativeRsa?: boolean }): Promise<number> {
  const transport = new MemoryTransport();
  const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
  const client = createClient({ ...options, bucket: transport.bucket, transport, credentials });
  publicEncrypt.mockClear();
  await client.put('w.bin', 'written');
  const calls = publicEncrypt.mock.calls.length;
  const reader = createClient({
    keyring: portable,
    bucket: transport.bucket,
    transport,
    credentials,
    nativeRsa: false,
  });
  expect(new TextDecoder().decode((await reader.get('w.bin')).body)).toBe('written');
  return calls;
}

describe('NodeClient RSA wraps', () => {
  it('go through OpenSSL by default: one publicEncrypt for the data key, one for the IV', async () => {
    expect(portable.usesPortablePublicOperation).toBe(true);
    expect(await writesOnce({ keyring: portable })).toBe(2);
  });

  it('with the default key of a keyring of several keys', async () => {
    const other = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
    expect(await writesOnce({ keyring: new Keyring([other, portable], { defaultKey: portable }) })).toBe(2);
  });

  it("stay on core's BigInt RSA with nativeRsa: false", async () => {
    expect(await writesOnce({ keyring: portable, nativeRsa: false })).toBe(0);
  });

  it('keep a public operation the key was given', async () => {
    let calls = 0;
    const own = portable.withPublicOperation((key) => (m) => {
      calls++;
      let r = 1n;
      let b = BigInt('0x' + Buffer.from(m).toString('hex'));
      for (let e = key.e; e > 0n; e >>= 1n, b = (b * b) % key.n) if (e & 1n) r = (r * b) % key.n;
      return new Uint8Array(Buffer.from(r.toString(16).padStart(m.length * 2, '0'), 'hex'));
    });
    expect(own.usesPortablePublicOperation).toBe(false);
    calls = 0; // the check made when the key got it
    expect(await writesOnce({ keyring: own })).toBe(0);
    expect(calls).toBe(2);
  });
});

interface RsaVector {
  headers?: Record<string, string>;
  stored_object_metadata?: Record<string, string>;
  keys?: { private_key_pkcs8_pem: string } | null;
}

const GROUPS = ['fixed-from-sdk-tests', 'oss2-generated'] as const;
const rsa1024 = (await loadVector<{ private_key_pkcs8_pem: string }>('fixed-from-sdk-tests', 'rsa-1024-test-keypair'))
  .private_key_pkcs8_pem;
const vectors: Array<{ name: string; headers: Record<string, string>; pem: string }> = [];
for (const group of GROUPS) {
  for (const name of vectorNames(group)) {
    const v = await loadVector<RsaVector>(group, name);
    const headers = v.stored_object_metadata ?? v.headers;
    const wrap = headers && Object.entries(headers).find(([k]) => /(wrap-alg|crypto-wrap-alg)$/i.test(k))?.[1];
    if (headers && wrap?.startsWith('RSA'))
      vectors.push({ name, headers, pem: v.keys?.private_key_pkcs8_pem ?? rsa1024 });
  }
}

describe('the OpenSSL keyring on every RSA vector', () => {
  it('finds the vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });

  it.each(vectors.map((v) => [v.name, v] as const))(
    '%s: the same data key and IV as the portable path',
    async (_, v) => {
      const envelope = parseEnvelope(v.headers)!;
      const description = v.name.includes('matdesc') ? { key1: 'value1', k2: 'v2' } : undefined;
      const key = await RsaMasterKey.import({ privateKey: v.pem, ...(description ? { description } : {}) });
      const keyring = new Keyring(key);
      privateDecrypt.mockClear();
      const viaOpenSsl = await unwrapEnvelope({ keyring: await opensslKeyring(keyring), envelope });
      const openSslCalls = privateDecrypt.mock.calls.length;
      const viaPortable = await unwrapEnvelope({ keyring, envelope });
      expect(privateDecrypt.mock.calls.length).toBe(openSslCalls);
      expect(viaOpenSsl).toEqual(viaPortable);
      // Both wrap algorithms: PKCS#1 v1.5 through the raw operation, RSA-OAEP through OpenSSL's OAEP decryption.
      expect(openSslCalls).toBe(2);
    },
  );
});
