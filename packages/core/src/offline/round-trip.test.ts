// Conformance (Node + Chromium): what we write reads back, keyring selection, policies, integrity, errors.
import { describe, expect, it } from 'vitest';
import { encryptObject } from './encrypt-object.js';
import { decryptObject } from './decrypt-object.js';
import { Keyring } from '../keyring/keyring.js';
import { RsaMasterKey } from '../keys/rsa-master-key.js';
import { UNWRAP_FAILED_MESSAGE } from '../errors.js';
import { parseEnvelope } from '../format/parse-envelope.js';
import { MultipartEncryptionContext } from '../multipart/multipart-context.js';
import { readAll } from '../streams/slice-stream.js';
import { concatBytes, utf8 } from '../util/bytes.js';
import { oss2Keys, oss2MasterKey, rsa1024MasterKey } from '../../test/support/keys.js';
import { cseHeaders, putVector, fixedVector, b64, patternBytes } from '../../test/support/vectors.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('encryptObject / decryptObject', () => {
  it('round-trips bytes, strings and streams with PKCS#1 v1.5 and OAEP keys', async () => {
    for (const oaep of [false, true]) {
      const key = await oss2MasterKey({ oaep });
      const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: 'hello, OSS' });
      expect(text(ciphertext)).not.toBe('hello, OSS');
      expect(text(await decryptObject({ keyring: key, headers, ciphertext }))).toBe('hello, OSS');
      const big = crypto.getRandomValues(new Uint8Array(65536));
      const src = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(big.slice(0, 1000));
          c.enqueue(big.slice(1000));
          c.close();
        },
      });
      const enc = await encryptObject({ keyring: key, plaintext: src, chunkSize: 16 * 100 });
      const ct = await readAll(enc.ciphertext);
      expect(ct).toHaveLength(big.length);
      expect(await decryptObject({ keyring: key, headers: enc.headers, ciphertext: ct })).toEqual(big);
    }
  });

  it('with computeMd5 writes the same header set oss2 writes for a caller MD5 + length', async () => {
    const v = await putVector('put-rsa-pkcs1v15-with-md5-length-matdesc');
    const key = await oss2MasterKey({ description: { key1: 'value1', k2: 'v2' } });
    const { headers } = await encryptObject({ keyring: key, plaintext: b64(v.plaintext_b64), computeMd5: true });
    const oss2 = cseHeaders(v.put_request.headers);
    expect(Object.keys(headers).sort()).toEqual(Object.keys(oss2).sort());
    for (const k of ['cek-alg', 'wrap-alg', 'matdesc', 'unencrypted-content-length', 'unencrypted-content-md5']) {
      const name = `x-oss-meta-client-side-encryption-${k}`;
      expect(headers[name]).toBe(oss2[name]);
    }
  });

  it('fails with ERR_INTEGRITY when content does not match the recorded MD5 or length', async () => {
    const key = await oss2MasterKey();
    const { headers, ciphertext } = await encryptObject({
      keyring: key,
      plaintext: 'integrity matters',
      computeMd5: true,
    });
    const tampered = ciphertext.slice();
    tampered[3]! ^= 1;
    await expect(decryptObject({ keyring: key, headers, ciphertext: tampered })).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(tampered);
        c.close();
      },
    });
    await expect(readAll(await decryptObject({ keyring: key, headers, ciphertext: stream }))).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });
    await expect(decryptObject({ keyring: key, headers, ciphertext: ciphertext.subarray(1) })).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
    });
    // A ranged read is not checked against whole-object digests.
    expect(text(await decryptObject({ keyring: key, headers, ciphertext, range: '0-8' }))).toBe('integrity');
  });

  it('picks the key whose description matches, and names the description when none does', async () => {
    const alice = await oss2MasterKey({ description: { owner: 'alice' } });
    const bob = await rsa1024MasterKey();
    const { headers, ciphertext } = await encryptObject({ keyring: new Keyring([alice, bob]), plaintext: 'for alice' });
    expect(parseEnvelope(headers)!.matdesc).toEqual({ owner: 'alice' });
    expect(text(await decryptObject({ keyring: new Keyring([bob, alice]), headers, ciphertext }))).toBe('for alice');
    await expect(decryptObject({ keyring: bob, headers, ciphertext })).rejects.toMatchObject({
      code: 'ERR_NO_MATCHING_KEY',
      message: expect.stringContaining('{"owner": "alice"}'),
    });
  });

  it('a wrong private key is ERR_UNWRAP_FAILED with the one fixed message, never garbage', async () => {
    const writer = await oss2MasterKey();
    const other = await rsa1024MasterKey();
    const { headers, ciphertext } = await encryptObject({ keyring: writer, plaintext: 'secret' });
    await expect(decryptObject({ keyring: other, headers, ciphertext })).rejects.toMatchObject({
      code: 'ERR_UNWRAP_FAILED',
      message: UNWRAP_FAILED_MESSAGE,
    });
    const oaep = await encryptObject({ keyring: await oss2MasterKey({ oaep: true }), plaintext: 'secret' });
    await expect(
      decryptObject({ keyring: other, headers: oaep.headers, ciphertext: oaep.ciphertext }),
    ).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED', message: UNWRAP_FAILED_MESSAGE });
  });

  it('public-only keys encrypt; decrypting with one is ERR_PUBLIC_KEY_ONLY', async () => {
    const pub = await RsaMasterKey.import({ publicKey: (await oss2Keys()).public_key_spki_pem });
    const { headers, ciphertext } = await encryptObject({ keyring: pub, plaintext: 'write only' });
    await expect(decryptObject({ keyring: pub, headers, ciphertext })).rejects.toMatchObject({
      code: 'ERR_PUBLIC_KEY_ONLY',
    });
    expect(text(await decryptObject({ keyring: await oss2MasterKey(), headers, ciphertext }))).toBe('write only');
  });

  it('refuses plaintext objects unless allowed, and the strict profile refuses PKCS#1 v1.5 and V1', async () => {
    const key = await oss2MasterKey();
    const plain = utf8('not encrypted');
    await expect(
      decryptObject({ keyring: key, headers: { 'content-type': 'text/plain' }, ciphertext: plain }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_ENCRYPTED' });
    expect(
      await decryptObject({ keyring: key, headers: {}, ciphertext: plain, policy: { allowUnencrypted: true } }),
    ).toEqual(plain);
    expect(
      text(
        await decryptObject({
          keyring: key,
          headers: {},
          ciphertext: plain,
          range: '4-6',
          policy: { allowUnencrypted: true },
        }),
      ),
    ).toBe('enc');
    const pkcs1 = await encryptObject({ keyring: key, plaintext: 'x' });
    await expect(decryptObject({ keyring: key, ...pkcs1, policy: { profile: 'strict' } })).rejects.toMatchObject({
      code: 'ERR_POLICY',
    });
    const oaepKey = await oss2MasterKey({ oaep: true });
    const oaep = await encryptObject({ keyring: oaepKey, plaintext: 'y' });
    expect(text(await decryptObject({ keyring: oaepKey, ...oaep, policy: { profile: 'strict' } }))).toBe('y');
    const v1 = await fixedVector('v1-deprecated-rsa-oaep');
    await expect(
      decryptObject({
        keyring: oaepKey,
        headers: v1.headers,
        ciphertext: b64(v1.ciphertext_b64),
        policy: { profile: 'strict' },
      }),
    ).rejects.toMatchObject({ code: 'ERR_POLICY' });
  });

  it('a stream read of a range yields exactly the range, from a server range or the whole object, plain or not', async () => {
    const key = await oss2MasterKey();
    const plain = patternBytes(1000);
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: plain });
    const streamOf = (bytes: Uint8Array) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes.slice(0, 7));
          c.enqueue(bytes.slice(7));
          c.close();
        },
      });
    // The 16-aligned server answer for plaintext bytes 100-299 starts at 96: 4 bytes to drop, 200 to keep.
    const served = { range: '100-299', contentRange: 'bytes 96-299/1000' };
    const ranged = await decryptObject({
      keyring: key,
      headers,
      ciphertext: streamOf(ciphertext.slice(96, 300)),
      ...served,
    });
    expect(await readAll(ranged)).toEqual(plain.slice(100, 300));
    const fromWhole = await decryptObject({ keyring: key, headers, ciphertext: streamOf(ciphertext), range: '990-' });
    expect(await readAll(fromWhole)).toEqual(plain.slice(990));
    const allowUnencrypted = { allowUnencrypted: true };
    const plainRange = await decryptObject({
      keyring: key,
      headers: {},
      ciphertext: streamOf(plain),
      range: '5-9',
      policy: allowUnencrypted,
    });
    expect(await readAll(plainRange)).toEqual(plain.slice(5, 10));
  });

  it('rejects bad arguments with typed errors', async () => {
    const key = await oss2MasterKey();
    await expect(encryptObject({ keyring: key, plaintext: 42 as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(encryptObject({ keyring: key, plaintext: 'abc', contentLength: 4 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(encryptObject({ keyring: key, plaintext: 'abc', contentMd5: 'QQ==' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(decryptObject({ keyring: key, headers: {}, ciphertext: 'x' as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(() => new Keyring([])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});

describe('MultipartEncryptionContext', () => {
  it('encrypts parts in any order, resumes from wrapped material only, and the object decrypts whole', async () => {
    const key = await oss2MasterKey();
    const data = patternBytes(3 * 102_400 + 77, 5);
    const ctx = await MultipartEncryptionContext.create({ keyring: key, dataSize: data.length, partSize: 102_400 });
    expect(Object.keys(ctx.material).sort()).toEqual([
      'cekAlg',
      'dataSize',
      'encryptedIv',
      'encryptedKey',
      'matDesc',
      'partSize',
      'wrapAlg',
    ]);
    expect(ctx.partHeaders()).toEqual(ctx.initiateHeaders());
    const parts: Uint8Array[] = [];
    for (const n of [3, 1]) {
      const p = ctx.plan.part(n);
      parts[n - 1] = await ctx.encryptPart(n, data.subarray(p.offset, p.offset + p.length));
    }
    await expect(ctx.encryptPart(1, data.subarray(0, 102_400))).rejects.toMatchObject({ code: 'ERR_COUNTER_REUSE' });
    await expect(ctx.encryptPart(2, data.subarray(0, 10))).rejects.toMatchObject({ code: 'ERR_INVALID_PART_SIZE' });
    const resumed = await MultipartEncryptionContext.resume({
      keyring: key,
      material: JSON.parse(JSON.stringify(ctx.material)),
    });
    expect(resumed.initiateHeaders()).toEqual(ctx.initiateHeaders());
    for (const n of [2, 4]) {
      const p = resumed.plan.part(n);
      parts[n - 1] = await resumed.encryptPart(n, data.subarray(p.offset, p.offset + p.length));
    }
    const plain = await decryptObject({ keyring: key, headers: ctx.initiateHeaders(), ciphertext: concatBytes(parts) });
    expect(plain).toEqual(data);
  });
});
