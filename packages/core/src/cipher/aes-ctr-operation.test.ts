// A keyring's synchronous AES-CTR (a runtime's, e.g. OpenSSL in @oss-cse/node): the content ciphers of the objects
// it creates and opens use it for calls of at most AES_CTR_SYNC_LIMIT bytes, WebCrypto for larger ones.
import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../keys/generate.js';
import { RsaMasterKey } from '../keys/rsa-master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { decryptObject } from '../offline/decrypt-object.js';
import { encryptObject } from '../offline/encrypt-object.js';
import { AES_CTR_SYNC_LIMIT, type AesCtrOperation } from './aes-ctr.js';

const master = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });

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
  it('is used for small objects written and read, from the IV, and not for larger calls', async () => {
    const { op, calls } = recording();
    const keyring = new Keyring([master], { aesCtr: op });
    const small = crypto.getRandomValues(new Uint8Array(1000));
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext: small });
    expect(calls.map((c) => c.length)).toEqual([1000]);
    expect(ciphertext).toEqual(small); // the recording operation's answer, not WebCrypto's
    expect(await decryptObject({ keyring, headers, ciphertext })).toEqual(small);
    expect(calls.map((c) => c.length)).toEqual([1000, 1000]);
    expect(calls[0]!.counter).toEqual(calls[1]!.counter);
    const large = new Uint8Array(AES_CTR_SYNC_LIMIT + 16);
    const big = await encryptObject({ keyring, plaintext: large });
    expect(calls).toHaveLength(2);
    expect(big.ciphertext).not.toEqual(large); // WebCrypto's keystream
    expect(await decryptObject({ keyring: master, headers: big.headers, ciphertext: big.ciphertext })).toEqual(large);
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
