// aesCtrAt in place (Node + Chromium): over more than one WebCrypto slice, the same bytes as one WebCrypto call from
// the same counter block, across counter carries and a ragged end, written into the input itself; and a multipart
// part encrypted in place equals the same part encrypted into a new buffer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AES_CTR_SLICE, AES_CTR_SLICES_IN_FLIGHT, aesCtrAt, generateIv, importContentKey } from './aes-ctr.js';
import { counterBlockAt } from './counter.js';
import { MultipartEncryptionContext } from '../multipart/multipart-context.js';
import { oss2MasterKey } from '../../test/support/keys.js';
import { patternBytes, sameBytes } from '../../test/support/vectors.js';

const oneCall = async (key: CryptoKey, iv: Uint8Array, offset: number, data: Uint8Array) =>
  new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CTR', counter: counterBlockAt(iv, offset), length: 128 },
      key,
      data as Uint8Array<ArrayBuffer>,
    ),
  );

afterEach(() => vi.restoreAllMocks());

describe('aesCtrAt in place', () => {
  it('equals one WebCrypto call over the whole input, at any 16-aligned offset, in the input', async () => {
    const key = await importContentKey(crypto.getRandomValues(new Uint8Array(32)));
    // Low IV bytes near 0xff: the slices' counter blocks carry into the upper bytes.
    const iv = generateIv();
    iv.fill(0xff, 12, 16);
    const plaintext = patternBytes(2 * AES_CTR_SLICE + AES_CTR_SLICE / 2 + 5);
    for (const offset of [0, 16 * 1000, 5 * AES_CTR_SLICE]) {
      const expected = await oneCall(key, iv, offset, plaintext);
      const data = plaintext.slice();
      const out = await aesCtrAt(key, iv, offset, data, { inPlace: true });
      expect(out).toBe(data);
      expect(sameBytes(out, expected)).toBe(true);
    }
  });

  it('keeps several slices in flight, never more than AES_CTR_SLICES_IN_FLIGHT', async () => {
    const key = await importContentKey(crypto.getRandomValues(new Uint8Array(32)));
    const iv = generateIv();
    const plaintext = patternBytes(3 * AES_CTR_SLICES_IN_FLIGHT * AES_CTR_SLICE + 33);
    const expected = await oneCall(key, iv, 0, plaintext);
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    let inFlight = 0;
    let most = 0;
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementation(async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await encrypt(...args);
      } finally {
        inFlight--;
      }
    });
    const out = await aesCtrAt(key, iv, 0, plaintext.slice(), { inPlace: true });
    expect(sameBytes(out, expected)).toBe(true);
    expect(most).toBe(AES_CTR_SLICES_IN_FLIGHT);
  });

  it('encrypts a multipart part in its own buffer to the same ciphertext', async () => {
    const keyring = await oss2MasterKey();
    const partSize = 2 * AES_CTR_SLICE + 16 * 7;
    const dataSize = 2 * partSize + 9;
    const ctx = await MultipartEncryptionContext.create({ keyring, dataSize, partSize });
    const again = await MultipartEncryptionContext.resume({ keyring, material: ctx.material });
    for (const n of [2, 3]) {
      const { offset, length } = ctx.plan.part(n);
      const plaintext = patternBytes(length, n);
      const copy = await ctx.encryptPart(n, plaintext);
      const inPlace = await again.encryptPart(n, plaintext, { inPlace: true });
      expect(inPlace).toBe(plaintext);
      expect(offset).toBe((n - 1) * partSize);
      expect(sameBytes(inPlace, copy)).toBe(true);
    }
  });
});
