// put / get / head / list against the emulator: sizes, every range form, streams, core-only decryption and the
// error codes of unreadable objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { decryptObject, encryptObject, Keyring, readAll, RsaMasterKey } from '@oss-cse/core';
import {
  keyringOf,
  patternBytes,
  startTestEnv,
  testKeys,
  type KeyForms,
  type TestEnv,
  same,
  text,
} from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';
import type { NodeClient } from '../index.js';

let env: TestEnv;
let client: NodeClient;
let keys: { main: KeyForms; other: KeyForms };

beforeAll(async () => {
  keys = await testKeys();
  env = await startTestEnv(await keyringOf(keys.main.private_key_pkcs1_pem));
  client = env.client();
});
afterAll(() => env.close());

async function rawGet(key: string): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const r = await rawClient(env.emulator).get(key);
  return { headers: r.res.headers as Record<string, string>, body: new Uint8Array(r.content as Buffer) };
}

describe('put and get', () => {
  it.each([0, 1, 15, 16, 17, 4096, 100 * 1024 + 16])(
    'round-trips %i bytes, and core alone decrypts the stored object',
    async (n) => {
      const data = patternBytes(n, n + 1);
      const put = await client.put(`obj-${n}`, data);
      expect(put.size).toBe(n);
      expect(same((await client.get(`obj-${n}`)).body, data)).toBe(true);
      const raw = await rawGet(`obj-${n}`);
      const plain = await decryptObject({
        keyring: await keyringOf(keys.main.private_key_pkcs8_pem),
        headers: raw.headers,
        ciphertext: raw.body,
      });
      expect(Buffer.from(plain).equals(data)).toBe(true);
      if (n > 0) expect(Buffer.from(raw.body).equals(data)).toBe(false);
    },
  );

  it('accepts strings, Uint8Array, Node and web streams and files, with metadata and content type', async () => {
    await client.put('s.txt', 'héllo', { metadata: { owner: 'alice' }, contentType: 'text/plain' });
    const got = await client.get('s.txt');
    expect(text(got.body)).toBe('héllo');
    expect(got.info.metadata).toEqual({ owner: 'alice' });
    expect(got.info.contentType).toBe('text/plain');
    await client.put('r.bin', Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
    expect(text((await client.get('r.bin')).body)).toBe('abcd');
    await client.put(
      'w.bin',
      new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array([1, 2, 3]));
          c.close();
        },
      }),
    );
    expect([...(await client.get('w.bin')).body]).toEqual([1, 2, 3]);
    await expect(client.put('bad', 42 as never)).rejects.toThrow(TypeError);
    await expect(
      client.put('bad', 'x', { metadata: { 'client-side-encryption-key': 'forged' } }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('records the plaintext MD5 on request and verifies it on read', async () => {
    await client.put('md5.bin', patternBytes(1000), { computeMd5: true });
    const info = await client.head('md5.bin');
    expect(info.envelope?.unencryptedContentMd5).toMatch(/==$/);
    expect(same((await client.get('md5.bin')).body, patternBytes(1000))).toBe(true);
  });
});

describe('ranges', () => {
  const size = 3 * (100 * 1024 + 16) + 777;
  const data = patternBytes(size, 7);
  beforeAll(async () => {
    await client.upload('ranged.bin', data, { partSize: 100 * 1024 + 16, multipartThreshold: 100 * 1024 });
  });
  const boundary = 100 * 1024 + 16;
  const cases: Array<[string, number, number]> = [
    ['0-0', 0, 0],
    ['1-1', 1, 1],
    ['15-16', 15, 16],
    ['17-100', 17, 100],
    [`${boundary - 5}-${boundary + 5}`, boundary - 5, boundary + 5],
    [`${boundary - 1}-${2 * boundary + 3}`, boundary - 1, 2 * boundary + 3],
    [`${size - 1}-${size - 1}`, size - 1, size - 1],
    [`${boundary + 3}-`, boundary + 3, size - 1],
    ['-1', size - 1, size - 1],
    ['-20', size - 20, size - 1],
    [`-${size + 50}`, 0, size - 1],
    [`100-${size + 1000}`, 100, size - 1],
  ];
  it.each(cases)('range %s (buffer and stream) fetches only the aligned range', async (spec, start, end) => {
    const want = data.subarray(start, end + 1);
    const r = await client.get('ranged.bin', { range: spec });
    expect(same(r.body, want)).toBe(true);
    expect(r.range).toEqual({ start, end, total: size });
    const s = await client.getStream('ranged.bin', { range: spec });
    expect(Buffer.from(await readAll(s.body)).equals(want)).toBe(true);
  });

  it('unsatisfiable ranges are ERR_INVALID_RANGE', async () => {
    await expect(client.get('ranged.bin', { range: `${size}-` })).rejects.toMatchObject({ code: 'ERR_INVALID_RANGE' });
    await expect(client.get('obj-0', { range: '0-0' })).rejects.toMatchObject({ code: 'ERR_INVALID_RANGE' });
    await expect(client.get('ranged.bin', { range: '5-2' })).rejects.toMatchObject({ code: 'ERR_INVALID_RANGE' });
  });

  it('streams the whole object with its CRC checked', async () => {
    const s = await client.getStream('ranged.bin');
    expect(Buffer.from(await readAll(s.body)).equals(data)).toBe(true);
    expect(s.info.size).toBe(size);
  });
});

describe('head and list', () => {
  it('head summarises the envelope without key material', async () => {
    const key = await RsaMasterKey.import({ privateKey: keys.main.private_key_pkcs1_pem, description: { team: 'a' } });
    const c = env.client({ keyring: new Keyring(key) });
    await c.put('described.bin', 'x');
    const info = await client.head('described.bin');
    expect(info).toMatchObject({
      size: 1,
      encrypted: true,
      envelope: {
        formatVersion: 2,
        cekAlgorithm: 'AES/CTR/NoPadding',
        wrapAlgorithm: 'RSA/NONE/PKCS1Padding',
        matdesc: { team: 'a' },
        unencryptedContentLength: 1,
      },
    });
    expect(JSON.stringify(info)).not.toMatch(/client-side-encryption-key/);
    await expect(client.head('missing')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('lists with and without envelopes', async () => {
    await rawClient(env.emulator).put('list/plain.txt', Buffer.from('plain'));
    await client.put('list/enc.bin', 'secret');
    const plain = [];
    for await (const o of client.list({ prefix: 'list/' })) if ('key' in o) plain.push(o.key);
    expect(plain).toEqual(['list/enc.bin', 'list/plain.txt']);
    const long = [];
    for await (const o of client.list({ prefix: 'list/', withEnvelope: true }))
      if ('key' in o) long.push([o.key, o.encrypted, o.envelope?.wrapAlgorithm ?? null]);
    expect(long).toEqual([
      ['list/enc.bin', true, 'RSA/NONE/PKCS1Padding'],
      ['list/plain.txt', false, null],
    ]);
  });
});

describe('unreadable objects give their error codes', () => {
  it('wrong key: ERR_UNWRAP_FAILED', async () => {
    await client.put('k.bin', 'secret');
    const wrong = env.client({ keyring: await keyringOf(keys.other.private_key_pkcs1_pem) });
    await expect(wrong.get('k.bin')).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
  });

  it('missing key (no key matches the matdesc): ERR_NO_MATCHING_KEY', async () => {
    const key = await RsaMasterKey.import({ privateKey: keys.main.private_key_pkcs1_pem, description: { id: 'k1' } });
    await env.client({ keyring: new Keyring(key) }).put('m.bin', 'secret');
    await expect(client.get('m.bin')).rejects.toMatchObject({ code: 'ERR_NO_MATCHING_KEY' });
  });

  it('public key only: ERR_PUBLIC_KEY_ONLY', async () => {
    const pub = env.client({
      keyring: new Keyring(await RsaMasterKey.import({ publicKey: keys.main.public_key_spki_pem })),
    });
    await pub.put('p.bin', 'written with the public key');
    await expect(pub.get('p.bin')).rejects.toMatchObject({ code: 'ERR_PUBLIC_KEY_ONLY' });
    expect(text((await client.get('p.bin')).body)).toBe('written with the public key');
  });

  it('non-encrypted object: ERR_NOT_ENCRYPTED unless allowed', async () => {
    await rawClient(env.emulator).put('plain.bin', Buffer.from('plain text'));
    await expect(client.get('plain.bin')).rejects.toMatchObject({ code: 'ERR_NOT_ENCRYPTED' });
    await expect(client.download('plain.bin', `${env.dir}/plain.out`)).rejects.toMatchObject({
      code: 'ERR_NOT_ENCRYPTED',
    });
    const lenient = env.client({ policy: { allowUnencrypted: true } });
    expect(text((await lenient.get('plain.bin', { range: '6-' })).body)).toBe('text');
  });

  it('tampered metadata: ERR_UNWRAP_FAILED, ERR_UNSUPPORTED_CEK_ALG, ERR_INTEGRITY', async () => {
    const keyring = await keyringOf(keys.main.private_key_pkcs1_pem);
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext: 'tamper me', contentLength: 9 });
    const raw = rawClient(env.emulator);
    const put = (name: string, h: Record<string, string>) => raw.put(name, Buffer.from(ciphertext), { headers: h });
    const keyHeader = 'x-oss-meta-client-side-encryption-key';
    const flipped = Buffer.from(headers[keyHeader]!, 'base64');
    flipped[10] = flipped[10]! ^ 1;
    await put('t1', { ...headers, [keyHeader]: flipped.toString('base64') });
    await put('t2', { ...headers, 'x-oss-meta-client-side-encryption-cek-alg': 'AES/GCM/NoPadding' });
    await put('t3', { ...headers, 'x-oss-meta-client-side-encryption-unencrypted-content-length': '10' });
    await expect(client.get('t1')).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
    await expect(client.get('t2')).rejects.toMatchObject({ code: 'ERR_UNSUPPORTED_CEK_ALG' });
    await expect(client.get('t3')).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    await expect(client.download('t3', `${env.dir}/t3.out`)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
  });
});
