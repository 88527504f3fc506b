import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { exportPrivateKeyPem, exportPublicKeyPem } from './export-pem.js';
import { generateRsaKeyPair } from './generate.js';
import { importRsaKey } from './import/index.js';
import { exportRsaJwk } from './import/jwk.js';
import { rsaKeyId } from './key-id.js';
import { isRsaPrivateKey, modulusLength, publicPart, type RsaPrivateKeyComponents } from './rsa/rsa-key.js';

interface Keypair {
  private_key_pkcs1_pem: string;
  private_key_pkcs8_pem: string;
  public_key_pkcs1_pem: string;
  public_key_spki_pem: string;
}
const load = async () => {
  const kp = await loadVector<Keypair>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
  return { kp, key: (await importRsaKey(kp.private_key_pkcs1_pem)) as RsaPrivateKeyComponents };
};

describe('export', () => {
  it('reproduces the vector PEMs byte for byte (PKCS#1, PKCS#8, SPKI, PKCS#1 public)', async () => {
    const { kp, key } = await load();
    const norm = (pem: string) => pem.trim() + '\n';
    expect(await exportPrivateKeyPem(key, { format: 'pkcs1' })).toBe(norm(kp.private_key_pkcs1_pem));
    expect(await exportPrivateKeyPem(key)).toBe(norm(kp.private_key_pkcs8_pem));
    expect(exportPublicKeyPem(key)).toBe(norm(kp.public_key_spki_pem));
    expect(exportPublicKeyPem(publicPart(key), { format: 'pkcs1' })).toBe(norm(kp.public_key_pkcs1_pem));
  });

  it('encrypted PKCS#8 round-trips with the passphrase and refuses a wrong one', async () => {
    const { key } = await load();
    const pem = await exportPrivateKeyPem(key, { passphrase: 'correct horse', iterations: 1000 });
    expect(pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
    expect(await importRsaKey(pem, { passphrase: 'correct horse' })).toEqual(key);
    await expect(importRsaKey(pem, { passphrase: 'Correct horse' })).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT' });
    await expect(exportPrivateKeyPem(key, { passphrase: 'x', format: 'pkcs1' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(exportPrivateKeyPem(key, { passphrase: '' })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(exportPrivateKeyPem(key, { passphrase: 'x', iterations: 10 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(exportPrivateKeyPem(publicPart(key) as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('JWK export round-trips; public export has no private fields', async () => {
    const { key } = await load();
    expect(await importRsaKey(exportRsaJwk(key))).toEqual(key);
    const pub = exportRsaJwk(publicPart(key));
    expect(Object.keys(pub).sort()).toEqual(['e', 'kty', 'n']);
    expect(pub.e).toBe('AQAB');
  });

  it('rsaKeyId is the SHA-256 of the SPKI DER, equal for private and public halves', async () => {
    const { kp, key } = await load();
    const spki = (await import('./import/pem.js')).decodePem(kp.public_key_spki_pem)[0]!.der;
    const expected = [...new Uint8Array(await crypto.subtle.digest('SHA-256', spki.slice()))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(await rsaKeyId(key)).toBe(expected);
    expect(await rsaKeyId(await importRsaKey(kp.public_key_pkcs1_pem))).toBe(expected);
  });

  it('generateRsaKeyPair makes a usable 2048-bit pair with e = 65537 and refuses other sizes', async () => {
    const { privateKey, publicKey } = await generateRsaKeyPair({ bits: 2048 });
    expect(isRsaPrivateKey(privateKey)).toBe(true);
    expect(modulusLength(publicKey)).toBe(2048);
    expect(publicKey.e).toBe(65537n);
    expect(await importRsaKey(await exportPrivateKeyPem(privateKey, { format: 'pkcs1' }))).toEqual(privateKey);
    await expect(generateRsaKeyPair({ bits: 1024 as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: '"bits" expected 2048, 3072 or 4096, got 1024',
    });
  });
});
