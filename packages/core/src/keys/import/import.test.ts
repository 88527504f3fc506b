import { loadVector } from '@oss-cse/test-vectors';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from '../../util/bytes.js';
import fixtures from '../../../test/fixtures/key-fixtures.json' with { type: 'json' };
import { isRsaPrivateKey, publicPart, type RsaKeyComponents } from '../rsa/rsa-key.js';
import { decodePem } from './pem.js';
import { importRsaKey } from './index.js';

interface Keypair {
  private_key_pkcs1_pem: string;
  private_key_pkcs8_pem: string;
  public_key_pkcs1_pem: string;
  public_key_spki_pem: string;
}
let kp1024: Keypair;
let kp2048: Keypair;
let reference: RsaKeyComponents;

const der = (pem: string) => decodePem(pem)[0]!.der;
const expectImportError = async (p: Promise<unknown>, message: RegExp | string) => {
  await expect(p).rejects.toMatchObject({ code: 'ERR_KEY_IMPORT', message: expect.stringMatching(message) });
};

beforeAll(async () => {
  kp1024 = await loadVector<Keypair>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
  kp2048 = (await loadVector<{ keys: Keypair }>('oss2-generated', 'put-rsa-pkcs1v15-17-bytes')).keys;
  reference = await importRsaKey(kp1024.private_key_pkcs1_pem);
});

describe('importRsaKey: every form', () => {
  it('PKCS#1 and PKCS#8 private keys, PEM and DER, give the same components', async () => {
    expect(isRsaPrivateKey(reference)).toBe(true);
    for (const input of [
      kp1024.private_key_pkcs8_pem,
      der(kp1024.private_key_pkcs1_pem),
      der(kp1024.private_key_pkcs8_pem),
      utf8(kp1024.private_key_pkcs8_pem),
      `\r\n  ${kp1024.private_key_pkcs1_pem.replace(/\n/g, '\r\n')}`,
    ]) {
      expect(await importRsaKey(input)).toEqual(reference);
    }
  });

  it('SPKI and PKCS#1 public keys, PEM, DER and bare base64 DER, give n and e', async () => {
    const pub = publicPart(reference);
    for (const input of [
      kp1024.public_key_spki_pem,
      kp1024.public_key_pkcs1_pem,
      der(kp1024.public_key_spki_pem),
      der(kp1024.public_key_pkcs1_pem),
      toBase64(der(kp1024.public_key_spki_pem)),
    ]) {
      expect(await importRsaKey(input)).toEqual(pub);
    }
  });

  it('X.509 certificate (PEM and DER): its RSA public key', async () => {
    const fromKey = publicPart(await importRsaKey(kp2048.private_key_pkcs1_pem));
    expect(await importRsaKey(fixtures.certificate_rsa2048_pem)).toEqual(fromKey);
    expect(await importRsaKey(der(fixtures.certificate_rsa2048_pem))).toEqual(fromKey);
  });

  it('JWK objects and JSON text, public and private, with or without CRT values', async () => {
    expect(await importRsaKey(fixtures.jwk.rsa1024_private)).toEqual(reference);
    expect(await importRsaKey(JSON.stringify(fixtures.jwk.rsa1024_private))).toEqual(reference);
    expect(await importRsaKey(utf8(JSON.stringify(fixtures.jwk.rsa1024_public)))).toEqual(publicPart(reference));
    const full = await importRsaKey(fixtures.jwk.rsa2048_private);
    // Without CRT values the primes are recovered (their order may differ; the key is the same).
    const recovered = await importRsaKey(fixtures.jwk.rsa2048_private_without_crt);
    if (!isRsaPrivateKey(recovered) || !isRsaPrivateKey(full)) throw new Error('expected private keys');
    expect({ n: recovered.n, e: recovered.e, d: recovered.d }).toEqual({ n: full.n, e: full.e, d: full.d });
    expect(new Set([recovered.p, recovered.q])).toEqual(new Set([full.p, full.q]));
    expect(full).toEqual(await importRsaKey(kp2048.private_key_pkcs8_pem));
  });

  it('encrypted PKCS#8 (PBES2: AES-128/256-CBC, HMAC-SHA1/SHA256; AES-192 where WebCrypto has it)', async () => {
    const aes192 = await crypto.subtle.importKey('raw', new Uint8Array(24), 'AES-CBC', false, ['decrypt']).then(
      () => true,
      () => false,
    );
    for (const f of fixtures.encrypted_pkcs8) {
      if (f.aes_bits === 192 && !aes192) {
        await expectImportError(
          importRsaKey(f.pem, { passphrase: f.passphrase }),
          /AES-192-CBC .*not supported by this runtime/,
        );
        continue;
      }
      expect(await importRsaKey(f.pem, { passphrase: f.passphrase }), f.name).toEqual(reference);
      expect(await importRsaKey(der(f.pem), { passphrase: utf8(f.passphrase) }), f.name).toEqual(reference);
    }
  });

  it('picks the private key from a PEM bundle when asked', async () => {
    const bundle = `${fixtures.certificate_rsa2048_pem}\n${kp2048.private_key_pkcs1_pem}`;
    expect(isRsaPrivateKey(await importRsaKey(bundle, { prefer: 'private' }))).toBe(true);
    expect(isRsaPrivateKey(await importRsaKey(bundle))).toBe(false);
  });
});

describe('importRsaKey: errors are ERR_KEY_IMPORT with a helpful message', () => {
  const enc = () => fixtures.encrypted_pkcs8[0]!;
  it('missing and wrong passphrase', async () => {
    await expectImportError(importRsaKey(enc().pem), /a passphrase is needed/);
    await expectImportError(importRsaKey(enc().pem, { passphrase: 'wrong' }), /wrong passphrase or corrupted key/);
    for (let i = 0; i < 8; i++) {
      await expectImportError(
        importRsaKey(enc().pem, { passphrase: `wrong ${i}` }),
        /wrong passphrase or corrupted key/,
      );
    }
  });

  it('non-RSA keys name their algorithm', async () => {
    await expectImportError(importRsaKey(fixtures.foreign.ec_sec1_pem), /EC key/);
    await expectImportError(importRsaKey(fixtures.foreign.ec_pkcs8_pem), /EC key/);
    await expectImportError(importRsaKey(fixtures.foreign.ec_spki_pem), /EC key/);
    await expectImportError(importRsaKey(fixtures.foreign.ec_certificate_pem), /EC key/);
    await expectImportError(importRsaKey(fixtures.foreign.ed25519_pkcs8_pem), /Ed25519 key/);
    await expectImportError(importRsaKey(fixtures.foreign.ec_jwk), /EC \(P-256\) key/);
    await expectImportError(importRsaKey({ kty: 'oct', k: 'AAAA' }), /oct key/);
  });

  it('unsupported encodings say how to convert', async () => {
    await expectImportError(
      importRsaKey(fixtures.legacy_encrypted_pkcs1_pem, { passphrase: 'legacy' }),
      /Proc-Type.*openssl pkcs8/,
    );
    await expectImportError(importRsaKey(fixtures.encrypted_pkcs8_pbes1_pem, { passphrase: 'legacy' }), /only PBES2/);
    await expectImportError(
      importRsaKey('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----'),
      /ssh-keygen/,
    );
  });

  it('malformed input', async () => {
    const pkcs1 = der(kp1024.private_key_pkcs1_pem);
    await expectImportError(importRsaKey(' \n'), /key is empty/);
    await expectImportError(importRsaKey('hello world'), /neither PEM/);
    await expectImportError(importRsaKey('-----BEGIN PUBLIC KEY-----\nMIIB'), /No complete PEM block/);
    await expectImportError(importRsaKey('-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----'), /valid base64/);
    await expectImportError(importRsaKey(pkcs1.subarray(0, 100)), /not valid DER/);
    await expectImportError(importRsaKey(new Uint8Array([...pkcs1, 0])), /trailing bytes/);
    await expectImportError(importRsaKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])), /not a PKCS#1, PKCS#8/);
    await expectImportError(importRsaKey('{"kty":'), /not valid JSON/);
    await expectImportError(importRsaKey('[1]'), /neither PEM/);
    await expectImportError(importRsaKey({ ...fixtures.jwk.rsa1024_private, p: undefined }), /only some of p, q/);
    await expectImportError(
      importRsaKey({ ...fixtures.jwk.rsa1024_private, n: 'not base64!' }),
      /"n" is not a base64url/,
    );
    await expectImportError(
      importRsaKey({ ...fixtures.jwk.rsa1024_private, qi: fixtures.jwk.rsa1024_private.dp }),
      /inconsistent/,
    );
    await expectImportError(importRsaKey({ ...fixtures.jwk.rsa1024_public, n: 'AQAB' }), /modulus of 17 bits/);
    await expect(importRsaKey(42 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('a corrupted private key is refused, not used', async () => {
    const pkcs1 = der(kp1024.private_key_pkcs1_pem);
    const corrupt = pkcs1.slice();
    corrupt[pkcs1.length - 5]! ^= 1; // inside the CRT coefficient
    await expectImportError(importRsaKey(corrupt), /inconsistent/);
    expect(fromBase64(toBase64(pkcs1))).toEqual(pkcs1);
  });
});
