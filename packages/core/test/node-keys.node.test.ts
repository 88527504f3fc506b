// Cross-checks with node:crypto (OpenSSL): keys it generates, in every form it writes, import to the components it
// reports (its JWK), and what core writes is byte for byte what OpenSSL writes.
import { createHash, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/key-fixtures.json' with { type: 'json' };
import { exportPrivateKeyPem, exportPublicKeyPem } from '../src/keys/export-pem.js';
import { rsaKeyId } from '../src/keys/key-id.js';
import { publicPart, type RsaPrivateKeyComponents } from '../src/keys/rsa/rsa-key.js';
import { importRsaKey } from '../src/keys/import/index.js';
import { parseJwk } from '../src/keys/import/jwk.js';

const PASSPHRASE = 'node cross-check';

/** Fresh pairs: several small ones (their INTEGERs get every leading-byte case), a 2048-bit one, e = 3. */
const pairs = [
  ...Array.from({ length: 6 }, () => generateKeyPairSync('rsa', { modulusLength: 1024 })),
  generateKeyPairSync('rsa', { modulusLength: 2048 }),
  generateKeyPairSync('rsa', { modulusLength: 1536, publicExponent: 3 }),
];

const jwkOf = (key: KeyObject) => parseJwk(key.export({ format: 'jwk' }) as JsonWebKey);

describe('node:crypto keys in every form', () => {
  it.each(pairs.map((pair, i) => [i, pair]))(
    'pair %i: PKCS#1, PKCS#8, encrypted PKCS#8, SPKI, PKCS#1 public (PEM and DER), JWK',
    async (_, { privateKey, publicKey }) => {
      const expected = jwkOf(privateKey);
      const expectedPublic = jwkOf(publicKey);
      const privateForms = [
        privateKey.export({ type: 'pkcs1', format: 'pem' }),
        privateKey.export({ type: 'pkcs1', format: 'der' }),
        privateKey.export({ type: 'pkcs8', format: 'pem' }),
        privateKey.export({ type: 'pkcs8', format: 'der' }),
        privateKey.export({ format: 'jwk' }),
      ];
      for (const form of privateForms)
        expect(
          await importRsaKey(form instanceof Buffer ? new Uint8Array(form) : (form as string | JsonWebKey)),
        ).toEqual(expected);
      const encryptedPem = privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: PASSPHRASE,
      }) as string;
      const encryptedDer = privateKey.export({
        type: 'pkcs8',
        format: 'der',
        cipher: 'aes-256-cbc',
        passphrase: PASSPHRASE,
      });
      expect(await importRsaKey(encryptedPem, { passphrase: PASSPHRASE })).toEqual(expected);
      expect(await importRsaKey(new Uint8Array(encryptedDer), { passphrase: PASSPHRASE })).toEqual(expected);
      const publicForms = [
        publicKey.export({ type: 'spki', format: 'pem' }),
        publicKey.export({ type: 'spki', format: 'der' }),
        publicKey.export({ type: 'pkcs1', format: 'pem' }),
        publicKey.export({ type: 'pkcs1', format: 'der' }),
        publicKey.export({ format: 'jwk' }),
      ];
      for (const form of publicForms)
        expect(
          await importRsaKey(form instanceof Buffer ? new Uint8Array(form) : (form as string | JsonWebKey)),
        ).toEqual(expectedPublic);
    },
  );

  it.each(pairs.map((pair, i) => [i, pair]))(
    'pair %i: core writes what OpenSSL writes (PKCS#1, PKCS#8, SPKI, PKCS#1 public) and names it by the SPKI hash',
    async (_, { privateKey, publicKey }) => {
      const key = jwkOf(privateKey) as RsaPrivateKeyComponents;
      expect(await exportPrivateKeyPem(key, { format: 'pkcs1' })).toBe(
        privateKey.export({ type: 'pkcs1', format: 'pem' }),
      );
      expect(await exportPrivateKeyPem(key)).toBe(privateKey.export({ type: 'pkcs8', format: 'pem' }));
      expect(exportPublicKeyPem(publicPart(key))).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
      expect(exportPublicKeyPem(key, { format: 'pkcs1' })).toBe(publicKey.export({ type: 'pkcs1', format: 'pem' }));
      expect(await rsaKeyId(key)).toBe(
        createHash('sha256')
          .update(publicKey.export({ type: 'spki', format: 'der' }))
          .digest('hex'),
      );
    },
  );

  it('an X.509 certificate: the public key OpenSSL reads from it', async () => {
    const cert = new X509Certificate(fixtures.certificate_rsa2048_pem);
    expect(await importRsaKey(fixtures.certificate_rsa2048_pem)).toEqual(jwkOf(cert.publicKey));
    expect(await importRsaKey(new Uint8Array(cert.raw))).toEqual(jwkOf(cert.publicKey));
  });
});
