// The `sdk` KMS layout against the writers it names, not against our own writer: an object is built here the
// way docs/format.md §2.5/§8 describes Go v1 (`MasterAliKmsCipher`) and Java v1 (`KmsEncryptionMaterials`): the data
// key and IV made locally, each sent to `Encrypt(KeyId, Plaintext=base64(raw))` without an EncryptionContext,
// the CiphertextBlob strings themselves as the `key`/`start` headers (single base64), content AES-256-CTR by
// node:crypto. This checks the SDKs' documented behaviour; no bytes written by a real Go/Java SDK exist here.
import { createCipheriv, randomBytes } from 'node:crypto';
import { decryptObject } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsClient } from '../client/kms-client.js';
import { KmsMasterKey, type KmsMasterKeyOptions } from './kms-master-key.js';

let emu: Emulator;
let keyId: string;
const calls: Array<Record<string, string>> = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  ({ keyId } = await emu.kms.createKey({ alias: 'alias/go-java-writer' }));
});
afterAll(() => emu?.close());

const account = () => ({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret });

/** A reader whose KMS requests are recorded (their form parameters). */
function reader(options: Partial<KmsMasterKeyOptions> = {}): KmsMasterKey {
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push(Object.fromEntries(new URLSearchParams(String(init?.body ?? ''))));
    return globalThis.fetch(url, init);
  };
  return new KmsMasterKey({
    endpoint: emu.kmsEndpoint,
    credentials: account(),
    keyId,
    retry: { retries: 0 },
    fetch,
    ...options,
  });
}

/** PutObject headers and body as go1's CryptoBucket writes them with a KMS master cipher (no matdesc). */
async function goJavaObject(
  plaintext: Uint8Array,
): Promise<{ headers: Record<string, string>; ciphertext: Buffer; blobs: string[] }> {
  const cek = randomBytes(32);
  const iv = randomBytes(16);
  iv.fill(0, 8, 12);
  const kms = new KmsClient({ endpoint: emu.kmsEndpoint, credentials: account(), retry: { retries: 0 } });
  const key = (await kms.encrypt(keyId, cek.toString('base64'))).ciphertextBlob;
  const start = (await kms.encrypt(keyId, iv.toString('base64'))).ciphertextBlob;
  const c = createCipheriv('aes-256-ctr', cek, iv);
  return {
    headers: {
      'X-Oss-Meta-Client-Side-Encryption-Key': key,
      'X-Oss-Meta-Client-Side-Encryption-Start': start,
      'X-Oss-Meta-Client-Side-Encryption-Cek-Alg': 'AES/CTR/NoPadding',
      'X-Oss-Meta-Client-Side-Encryption-Wrap-Alg': 'KMS/ALICLOUD',
    },
    ciphertext: Buffer.concat([c.update(plaintext), c.final()]),
    blobs: [key, start],
  };
}

describe('objects written the Go v1 / Java v1 way (sdk layout, built here)', () => {
  it.each([
    ['a default reader (oss2 layout, passphrase set, auto-detect)', { passphrase: 'pp' }],
    ['an sdk-layout reader', { layout: 'sdk' as const }],
    ['a reader forced to the sdk layout', { readLayout: 'sdk' as const, passphrase: 'pp' }],
  ])('decrypt with %s, sending the header strings to Decrypt without a context', async (_, options) => {
    const plaintext = randomBytes(4099);
    const object = await goJavaObject(plaintext);
    calls.length = 0;
    const plain = await decryptObject({
      keyring: reader(options),
      headers: object.headers,
      ciphertext: object.ciphertext,
    });
    expect(Buffer.from(plain).equals(plaintext)).toBe(true);
    const decrypts = calls.filter((c) => c['Action'] === 'Decrypt');
    expect(decrypts.map((c) => c['CiphertextBlob']).sort()).toEqual([...object.blobs].sort());
    for (const c of decrypts) expect(c).not.toHaveProperty('EncryptionContext');
  });

  it('a reader forced to the oss2 layout cannot read them (KMS refuses the re-encoded blob)', async () => {
    const object = await goJavaObject(randomBytes(100));
    const e = await decryptObject({
      keyring: reader({ readLayout: 'oss2' }),
      headers: object.headers,
      ciphertext: object.ciphertext,
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_KMS', action: 'Decrypt' });
  });
});
