// Conformance (Node + Chromium): integrity by default. encryptObject of bytes or text records
// `unencrypted-content-md5` and `-length` exactly as oss2 writes a caller's Content-MD5 / Content-Length, so full
// reads are verified; streams record what the caller passes; `computeMd5: false` opts out.
import { describe, expect, it } from 'vitest';
import { encryptObject } from './encrypt-object.js';
import { decryptObject } from './decrypt-object.js';
import { plaintextIntegrityHeaders } from '../format/serialize-envelope.js';
import { V2_HEADERS } from '../format/header-names.js';
import { md5Base64 } from '../integrity/plaintext-md5.js';
import { readAll } from '../streams/slice-stream.js';
import { oss2MasterKey } from '../../test/support/keys.js';
import { b64, cseHeaders, patternBytes, putVector } from '../../test/support/vectors.js';

const MD5 = V2_HEADERS.unencryptedContentMd5;
const LENGTH = V2_HEADERS.unencryptedContentLength;

describe('encryptObject records the plaintext MD5 and length by default', () => {
  it('bytes: the same md5/length header values oss2 writes for a caller Content-MD5 + Content-Length', async () => {
    const v = await putVector('put-rsa-pkcs1v15-with-md5-length-matdesc');
    const key = await oss2MasterKey({ description: { key1: 'value1', k2: 'v2' } });
    const { headers } = await encryptObject({ keyring: key, plaintext: b64(v.plaintext_b64) });
    const oss2 = cseHeaders(v.put_request.headers);
    expect(Object.keys(headers).sort()).toEqual(Object.keys(oss2).sort());
    // oss2's reader rules: the length is the decimal plaintext length, the md5 base64 of the plaintext's MD5.
    expect(headers[LENGTH]).toBe(oss2[LENGTH]);
    expect(headers[MD5]).toBe(oss2[MD5]);
  });

  it('text, and empty input, record their UTF-8 length and MD5', async () => {
    const key = await oss2MasterKey();
    const text = await encryptObject({ keyring: key, plaintext: 'héllo' });
    expect(text.headers[LENGTH]).toBe('6');
    expect(text.headers[MD5]).toBe(await md5Base64(new TextEncoder().encode('héllo')));
    const empty = await encryptObject({ keyring: key, plaintext: new Uint8Array(0) });
    expect([empty.headers[LENGTH], empty.headers[MD5]]).toEqual(['0', '1B2M2Y8AsgTpgAmY7PhCfg==']);
  });

  it('a flipped ciphertext bit of a default object is ERR_INTEGRITY on a full read (bytes and stream)', async () => {
    const key = await oss2MasterKey();
    const plaintext = patternBytes(5000, 3);
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext });
    const tampered = ciphertext.slice();
    tampered[4321]! ^= 0x10;
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
    expect(await decryptObject({ keyring: key, headers, ciphertext })).toEqual(plaintext);
  });

  it('a caller MD5 is recorded as given when it matches, and refused when it does not', async () => {
    const key = await oss2MasterKey();
    const plaintext = patternBytes(100, 4);
    const md5 = await md5Base64(plaintext);
    expect((await encryptObject({ keyring: key, plaintext, contentMd5: md5 })).headers[MD5]).toBe(md5);
    await expect(
      encryptObject({ keyring: key, plaintext, contentMd5: await md5Base64(patternBytes(100, 7)) }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('computeMd5: false records only what the caller passes; streams record the caller values', async () => {
    const key = await oss2MasterKey();
    const off = await encryptObject({ keyring: key, plaintext: 'abc', computeMd5: false });
    expect([off.headers[MD5], off.headers[LENGTH]]).toEqual([undefined, undefined]);
    const md5 = await md5Base64(new TextEncoder().encode('abc'));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('abc'));
        c.close();
      },
    });
    const streamed = await encryptObject({ keyring: key, plaintext: stream, contentMd5: md5, contentLength: 3 });
    expect([streamed.headers[MD5], streamed.headers[LENGTH]]).toEqual([md5, '3']);
    expect(
      new TextDecoder().decode(
        await decryptObject({
          keyring: key,
          headers: streamed.headers,
          ciphertext: await readAll(streamed.ciphertext),
        }),
      ),
    ).toBe('abc');
    const plain = new ReadableStream<Uint8Array>({
      start(c) {
        c.close();
      },
    });
    await expect(encryptObject({ keyring: key, plaintext: plain, computeMd5: true })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('plaintextIntegrityHeaders writes the two headers for multipart Initiate (decimal length, base64 MD5)', async () => {
    const md5 = await md5Base64(patternBytes(10, 1));
    expect(plaintextIntegrityHeaders({ unencryptedContentMd5: md5, unencryptedContentLength: 10 })).toEqual({
      [MD5]: md5,
      [LENGTH]: '10',
    });
    expect(plaintextIntegrityHeaders({})).toEqual({});
    expect(() => plaintextIntegrityHeaders({ unencryptedContentLength: -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
