// Node-only cross-check: what we write decrypts through an independent path (test/support/node-crypto-reader.ts:
// node:crypto raw RSA with RSA_NO_PADDING + our own padding parse, node:crypto OAEP, node:crypto aes-256-ctr
// with the counter advanced by the block offset): one-shot objects, streamed objects, the streaming transform at
// an offset, and multipart parts at their offsets.
import { describe, expect, it } from 'vitest';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { ContentCipher } from '../src/cipher/content-cipher.js';
import { cipherTransform } from '../src/cipher/cipher-transform.js';
import { encryptObject } from '../src/offline/encrypt-object.js';
import { MultipartEncryptionContext } from '../src/multipart/multipart-context.js';
import { readAll } from '../src/streams/slice-stream.js';
import { oss2Keys, oss2MasterKey } from './support/keys.js';
import { patternBytes } from './support/vectors.js';
import { ctrAt, independentDecrypt, rsaUnwrap } from './support/node-crypto-reader.js';

const WRAP_ALG = 'x-oss-meta-client-side-encryption-wrap-alg';

/** A stream of `data` cut into the given chunk sizes (cycled), to exercise the transform's gathering. */
function chunked(data: Uint8Array, sizes: readonly number[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (let o = 0, i = 0; o < data.length; i++) {
        const n = sizes[i % sizes.length]!;
        c.enqueue(data.slice(o, o + n));
        o += n;
      }
      c.close();
    },
  });
}

const privateKey = async () => createPrivateKey((await oss2Keys()).private_key_pkcs1_pem);

describe('independent decryption of what we write', () => {
  it.each([false, true])('oaep=%s: node:crypto unwraps and aes-256-ctr decrypts a one-shot object', async (oaep) => {
    const plaintext = patternBytes(1_000_003, 11);
    const { headers, ciphertext } = await encryptObject({ keyring: await oss2MasterKey({ oaep }), plaintext });
    const read = independentDecrypt({ headers, ciphertext }, await privateKey());
    expect(read.plaintext.equals(plaintext)).toBe(true);
    expect([...read.iv.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    expect(headers[WRAP_ALG]).toBe(oaep ? 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding' : 'RSA/NONE/PKCS1Padding');
  });

  it.each([
    ['odd small chunks, small cipher calls', [1, 15, 17, 4095, 33, 70_001], 4096],
    ['large chunks passed in place', [700_000, 3, 1_200_000], undefined],
  ] as const)('a streamed object (%s) decrypts with node:crypto', async (_, sizes, chunkSize) => {
    const plaintext = patternBytes(2_100_037, 12);
    const { headers, ciphertext } = await encryptObject({
      keyring: await oss2MasterKey(),
      plaintext: chunked(plaintext, sizes),
      chunkSize,
    });
    const bytes = await readAll(ciphertext);
    expect(bytes.length).toBe(plaintext.length);
    expect(independentDecrypt({ headers, ciphertext: bytes }, await privateKey()).plaintext.equals(plaintext)).toBe(
      true,
    );
  });

  it.each([0, 16, 102_400 * 3, 2 ** 36])(
    'the streaming transform from offset %i equals node:crypto at that counter',
    async (offset) => {
      const cek = randomBytes(32);
      const iv = randomBytes(16);
      const plaintext = patternBytes(300_017, 13);
      for (const mode of ['encrypt', 'decrypt'] as const) {
        const cipher = await ContentCipher.fromDataKey(new Uint8Array(cek), iv, { encrypt: mode === 'encrypt' });
        const out = await readAll(
          chunked(plaintext, [5, 100_000, 12_345]).pipeThrough(
            cipherTransform(cipher, { mode, offset, chunkSize: 8192 }),
          ),
        );
        expect(Buffer.from(out).equals(ctrAt(cek, iv, offset, plaintext))).toBe(true);
      }
    },
  );

  it('multipart parts, encrypted in any order, are node:crypto AES-CTR at their offsets and join into one object', async () => {
    const partSize = 102_400;
    const plaintext = patternBytes(5 * partSize + 777, 14);
    const ctx = await MultipartEncryptionContext.create({
      keyring: await oss2MasterKey(),
      dataSize: plaintext.length,
      partSize,
    });
    const headers = ctx.initiateHeaders();
    expect(ctx.partHeaders()).toEqual(headers);
    const priv = await privateKey();
    const cek = rsaUnwrap(priv, headers['x-oss-meta-client-side-encryption-key']!, headers[WRAP_ALG]!);
    const iv = rsaUnwrap(priv, headers['x-oss-meta-client-side-encryption-start']!, headers[WRAP_ALG]!);
    const parts: Buffer[] = [];
    for (const n of [3, 1, 6, 2, 5, 4]) {
      const part = ctx.plan.part(n);
      expect(part.offset).toBe((n - 1) * partSize);
      const plain = plaintext.subarray(part.offset, part.offset + part.length);
      const encrypted = Buffer.from(await ctx.encryptPart(n, plain));
      expect(encrypted.equals(ctrAt(cek, iv, part.offset, plain))).toBe(true);
      parts[n - 1] = encrypted;
    }
    const whole = Buffer.concat(parts);
    expect(independentDecrypt({ headers, ciphertext: whole }, priv).plaintext.equals(plaintext)).toBe(true);
  });
});
