// Node-only cross-check: objects we write decrypt through an independent path (node:crypto raw RSA with
// RSA_NO_PADDING + our own padding parse, node:crypto OAEP, node:crypto aes-256-ctr).
import { describe, expect, it } from 'vitest';
import { constants, createDecipheriv, createPrivateKey, privateDecrypt } from 'node:crypto';
import { encryptObject } from '../src/offline/encrypt-object.js';
import { oss2Keys, oss2MasterKey } from '../src/test-support/keys.js';
import { patternBytes } from '../src/test-support/vectors.js';

function pkcs1v15Unpad(em: Buffer): Buffer {
  expect(em[0]).toBe(0);
  expect(em[1]).toBe(2);
  const sep = em.indexOf(0, 2);
  expect(sep).toBeGreaterThanOrEqual(10);
  for (let i = 2; i < sep; i++) expect(em[i]).not.toBe(0);
  return em.subarray(sep + 1);
}

describe('independent decryption of what we write', () => {
  it.each([false, true])('oaep=%s: node:crypto unwraps and aes-256-ctr decrypts', async (oaep) => {
    const pem = (await oss2Keys()).private_key_pkcs1_pem;
    const priv = createPrivateKey(pem);
    const key = await oss2MasterKey({ oaep });
    const plaintext = patternBytes(1_000_003, 11);
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext });
    const unwrap = (b64: string) => {
      const c = Buffer.from(b64, 'base64');
      return oaep
        ? privateDecrypt({ key: priv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, c)
        : pkcs1v15Unpad(privateDecrypt({ key: priv, padding: constants.RSA_NO_PADDING }, c));
    };
    const cek = unwrap(headers['x-oss-meta-client-side-encryption-key']!);
    const iv = unwrap(headers['x-oss-meta-client-side-encryption-start']!);
    expect(cek).toHaveLength(32);
    expect(iv).toHaveLength(16);
    expect([...iv.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    const d = createDecipheriv('aes-256-ctr', cek, iv);
    const plain = Buffer.concat([d.update(ciphertext), d.final()]);
    expect(plain.equals(Buffer.from(plaintext))).toBe(true);
    expect(headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe(oaep ? 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding' : 'RSA/NONE/PKCS1Padding');
  });
});
