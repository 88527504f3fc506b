// A keyring's synchronous AES-CTR (a runtime's, e.g. OpenSSL in @oss-cse/node): the content ciphers of the objects
// it creates and opens use it for calls of at most AES_CTR_SYNC_LIMIT bytes and for larger ones in place (a part being
// uploaded) in slices of that size; larger reads stay on WebCrypto's threads; and
// its raw one (rawAesCtr) encrypts a new small object in one call on the data key's bytes, with no CryptoKey import.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateRsaKeyPair } from '../keys/generate.js';
import { RsaMasterKey } from '../keys/rsa-master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { parseEnvelope } from '../format/parse-envelope.js';
import { decryptObject } from '../offline/decrypt-object.js';
import { encryptObject } from '../offline/encrypt-object.js';
import {
  AES_CTR_SYNC_LIMIT,
  aesCtrAt,
  generateIv,
  importContentKey,
  type AesCtrOperation,
  type RawAesCtrOperation,
} from './aes-ctr.js';
import { counterBlockAt } from './counter.js';

const KEY_HEADER = 'x-oss-meta-client-side-encryption-key';
const IV_HEADER = 'x-oss-meta-client-side-encryption-start';

const master = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });

/** `n` bytes of a repeating pattern. */
const patterned = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

/** A counter block as a 128-bit number. */
const counterValue = (counter: Uint8Array) => counter.reduce((v, b) => (v << 8n) | BigInt(b), 0n);

/** Records its calls; answers with what `answer` gives (the input itself by default: not a cipher). */
function recording(answer: (data: Uint8Array) => Uint8Array = (d) => d.slice()) {
  const calls: { counter: Uint8Array; length: number }[] = [];
  const op: AesCtrOperation = (_key, counter, data) => {
    calls.push({ counter: counter.slice(), length: data.length });
    return answer(data);
  };
  return { op, calls };
}

describe('Keyring aesCtr', () => {
  it('is used for small objects written and read, from the IV', async () => {
    const { op, calls } = recording();
    const keyring = new Keyring([master], { aesCtr: op });
    const small = crypto.getRandomValues(new Uint8Array(1000));
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext: small });
    expect(calls.map((c) => c.length)).toEqual([1000]);
    expect(ciphertext).toEqual(small); // the recording operation's answer, not WebCrypto's
    expect(await decryptObject({ keyring, headers, ciphertext })).toEqual(small);
    expect(calls.map((c) => c.length)).toEqual([1000, 1000]);
    expect(calls[0]!.counter).toEqual(calls[1]!.counter);
  });

  it('takes larger calls in place (a part being uploaded) in slices of AES_CTR_SYNC_LIMIT, each from its own counter block', async () => {
    const { op, calls } = recording();
    const key = await importContentKey(crypto.getRandomValues(new Uint8Array(32)));
    const iv = generateIv();
    const large = patterned(2 * AES_CTR_SYNC_LIMIT + 16);
    const out = await aesCtrAt(key, iv, 0, large.slice(), { inPlace: true, operation: op });
    expect(calls.map((c) => c.length)).toEqual([AES_CTR_SYNC_LIMIT, AES_CTR_SYNC_LIMIT, 16]);
    expect(out).toEqual(large); // the recording operation's answer: no WebCrypto call
    const blocks = calls.map((c) => counterValue(c.counter) - counterValue(iv));
    expect(blocks).toEqual([0n, BigInt(AES_CTR_SYNC_LIMIT / 16), BigInt((2 * AES_CTR_SYNC_LIMIT) / 16)]);
  });

  it('leaves larger calls that are not in place (reads) to WebCrypto and its threads', async () => {
    const { op, calls } = recording();
    const keyring = new Keyring([master], { aesCtr: op });
    const large = patterned(AES_CTR_SYNC_LIMIT + 16);
    const big = await encryptObject({ keyring, plaintext: large, computeMd5: false });
    expect(calls).toHaveLength(0);
    expect(big.ciphertext).not.toEqual(large);
    expect(await decryptObject({ keyring: master, headers: big.headers, ciphertext: big.ciphertext })).toEqual(large);
    expect(calls).toHaveLength(0);
  });

  it('gives, sliced in place, the bytes of one whole call (a counter-based keystream)', async () => {
    const keystream: AesCtrOperation = (_key, counter, data) => {
      const first = counterValue(counter);
      return data.map((b, i) => b ^ Number((first + BigInt(i >> 4)) % 251n) ^ (i & 15));
    };
    const key = await importContentKey(crypto.getRandomValues(new Uint8Array(32)));
    const iv = generateIv();
    const large = patterned(3 * AES_CTR_SYNC_LIMIT + 40);
    const out = await aesCtrAt(key, iv, 16 * 5, large.slice(), { inPlace: true, operation: keystream });
    expect(out).toEqual(keystream(undefined as never, counterBlockAt(iv, 16 * 5), large));
  });

  it('a keyring without it (or a bare master key) keeps WebCrypto for every call', async () => {
    const { op, calls } = recording();
    const plaintext = crypto.getRandomValues(new Uint8Array(64));
    const written = await encryptObject({ keyring: master, plaintext, computeMd5: false });
    expect(written.ciphertext).not.toEqual(plaintext);
    // Read through the recording operation (not a cipher), the ciphertext comes back as it is.
    expect(await decryptObject({ keyring: new Keyring([master], { aesCtr: op }), ...written })).toEqual(
      written.ciphertext,
    );
    expect(calls).toHaveLength(1);
    expect(await decryptObject({ keyring: new Keyring([master]), ...written })).toEqual(plaintext);
    expect(calls).toHaveLength(1);
  });

  it('refuses an answer of the wrong length, and an option that is not a function', async () => {
    const { op } = recording((d) => d.subarray(1));
    await expect(
      encryptObject({ keyring: new Keyring([master], { aesCtr: op }), plaintext: new Uint8Array(32) }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(() => new Keyring([master], { aesCtr: 'openssl' as never })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('Keyring rawAesCtr', () => {
  afterEach(() => vi.restoreAllMocks());

  it('encrypts a new small object in one call on its data key and IV, imports no CryptoKey, wipes the key', async () => {
    const seen: { key: Uint8Array; keyCopy: Uint8Array; counter: Uint8Array }[] = [];
    const op: RawAesCtrOperation = (key, counter, data) => {
      seen.push({ key, keyCopy: key.slice(), counter: counter.slice() });
      return data.map((b) => b ^ 0xa5); // not a cipher: shows whose answer the ciphertext is
    };
    const { op: ctr, calls } = recording();
    const keyring = new Keyring([master], { aesCtr: ctr, rawAesCtr: op });
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const plaintext = crypto.getRandomValues(new Uint8Array(AES_CTR_SYNC_LIMIT));
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext });
    expect(importKey).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0); // the content cipher's operation is not used for it
    expect(seen).toHaveLength(1);
    expect(ciphertext).toEqual(plaintext.map((b) => b ^ 0xa5));
    expect(seen[0]!.key.every((b) => b === 0)).toBe(true);
    const envelope = parseEnvelope(headers)!;
    const ctx = { wrapAlgorithm: envelope.wrapAlgorithm!, formatVersion: 2 } as const;
    expect(
      await master.unwrap(envelope.wrappedKey, { ...ctx, part: 'key', headerValue: headers[KEY_HEADER]! }),
    ).toEqual(seen[0]!.keyCopy);
    expect(await master.unwrap(envelope.wrappedIv, { ...ctx, part: 'iv', headerValue: headers[IV_HEADER]! })).toEqual(
      seen[0]!.counter,
    );
  });

  it('is not used for larger objects or streams, and its answer is checked', async () => {
    const op = vi.fn<RawAesCtrOperation>((_k, _c, d) => d.slice());
    const keyring = new Keyring([master], { rawAesCtr: op });
    const large = new Uint8Array(AES_CTR_SYNC_LIMIT + 1).fill(7);
    const big = await encryptObject({ keyring, plaintext: large });
    expect(await decryptObject({ keyring: master, ...big })).toEqual(large);
    const stream = new Blob([new Uint8Array(100)]).stream();
    await new Response((await encryptObject({ keyring, plaintext: stream })).ciphertext).arrayBuffer();
    expect(op).not.toHaveBeenCalled();
    const short: RawAesCtrOperation = (_k, _c, d) => d.subarray(1);
    await expect(
      encryptObject({ keyring: new Keyring([master], { rawAesCtr: short }), plaintext: new Uint8Array(32) }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(() => new Keyring([master], { rawAesCtr: 'openssl' as never })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
