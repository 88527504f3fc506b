// Node-only cross-checks against node:crypto (OpenSSL): PKCS#1 v1.5 and OAEP both ways, encrypted PKCS#8
// written by OpenSSL, and our exported keys read by OpenSSL.
import { loadVector } from '@oss-cse/test-vectors';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../util/bytes.js';
import { exportPrivateKeyPem, exportPublicKeyPem } from './export-pem.js';
import { generateRsaKeyPair } from './generate.js';
import { importRsaKey } from './import/index.js';
import { exportRsaJwk } from './import/jwk.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1, type UnwrapContext } from './master-key.js';
import { RsaMasterKey } from './rsa-master-key.js';
import { checkedPrivateOperation } from './rsa/checked-private-operation.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from './rsa/pkcs1v15.js';
import { portableRsaPrivateOperation } from './rsa/portable-private-operation.js';
import type { RsaPrivateKeyComponents } from './rsa/rsa-key.js';

/** The part of node:crypto these tests use (core compiles with `types: []`, so no @types/node here). */
interface KeyObjectLike {
  export(o: { format: 'jwk' }): JsonWebKey;
}
interface NodeCrypto {
  constants: { RSA_NO_PADDING: number; RSA_PKCS1_PADDING: number; RSA_PKCS1_OAEP_PADDING: number };
  publicEncrypt(key: { key: string; padding: number; oaepHash?: string }, data: Uint8Array): Uint8Array;
  privateDecrypt(key: { key: string; padding: number; oaepHash?: string }, data: Uint8Array): Uint8Array;
  createPrivateKey(key: string | { key: string; passphrase: string }): KeyObjectLike;
  createPublicKey(key: string): KeyObjectLike;
  generateKeyPairSync(type: 'rsa', options: object): { privateKey: string; publicKey: string };
}
const nodeCryptoId = 'node:crypto';
let nc: NodeCrypto;
let pem: { pkcs1: string; spki: string };
let key: RsaPrivateKeyComponents;

beforeAll(async () => {
  nc = (await import(/* @vite-ignore */ nodeCryptoId)) as NodeCrypto;
  const v = await loadVector<{ keys: { private_key_pkcs1_pem: string; public_key_spki_pem: string } }>(
    'oss2-generated',
    'put-rsa-pkcs1v15-17-bytes',
  );
  pem = { pkcs1: v.keys.private_key_pkcs1_pem, spki: v.keys.public_key_spki_pem };
  key = (await importRsaKey(pem.pkcs1)) as RsaPrivateKeyComponents;
});

/** An independent EME-PKCS1-v1_5 decode (plain early-exit code, for cross-checking only). */
function parseEm(em: Uint8Array): Uint8Array {
  expect([em[0], em[1]]).toEqual([0, 2]);
  const sep = em.indexOf(0, 2);
  expect(sep).toBeGreaterThanOrEqual(10);
  return em.subarray(sep + 1);
}
const ctx = (wrapAlgorithm: UnwrapContext['wrapAlgorithm'], expectedLength: number): UnwrapContext => ({
  wrapAlgorithm,
  part: 'key',
  formatVersion: 2,
  expectedLength,
  headerValue: '',
});

describe('cross-checks with node:crypto', () => {
  it('our PKCS#1 v1.5 encryption decrypts with OpenSSL raw RSA (RSA_NO_PADDING) + an independent padding parse', () => {
    for (const len of [0, 1, 16, 32, 245]) {
      const m = crypto.getRandomValues(new Uint8Array(len));
      const em = nc.privateDecrypt({ key: pem.pkcs1, padding: nc.constants.RSA_NO_PADDING }, pkcs1v15Encrypt(key, m));
      expect(toHex(parseEm(new Uint8Array(em)))).toBe(toHex(m));
    }
  });

  it('OpenSSL PKCS#1 v1.5 publicEncrypt decrypts with ours', async () => {
    const decrypt = await checkedPrivateOperation(key, await portableRsaPrivateOperation(key));
    for (const len of [0, 16, 32, 245]) {
      const m = crypto.getRandomValues(new Uint8Array(len));
      const c = nc.publicEncrypt({ key: pem.spki, padding: nc.constants.RSA_PKCS1_PADDING }, m);
      expect(await pkcs1v15Decrypt(decrypt, new Uint8Array(c), len)).toEqual(m);
    }
  });

  it('OAEP-SHA1 both ways between RsaMasterKey and OpenSSL', async () => {
    const mk = await RsaMasterKey.import({ privateKey: pem.pkcs1, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 });
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const oaep = { key: pem.pkcs1, padding: nc.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' };
    expect(new Uint8Array(nc.privateDecrypt(oaep, await mk.wrap(cek, { part: 'key' })))).toEqual(cek);
    const c = nc.publicEncrypt({ ...oaep, key: pem.spki }, cek);
    expect(await mk.unwrap(new Uint8Array(c), ctx(WRAP_RSA_OAEP_SHA1, 32))).toEqual(cek);
    const mkPkcs1 = await RsaMasterKey.import({ privateKey: pem.pkcs1 });
    const w = await mkPkcs1.wrap(cek, { part: 'key' });
    expect(
      parseEm(new Uint8Array(nc.privateDecrypt({ key: pem.pkcs1, padding: nc.constants.RSA_NO_PADDING }, w))),
    ).toEqual(cek);
    expect(await mk.unwrap(w, ctx(WRAP_RSA_PKCS1, 32))).toEqual(cek);
  });

  it('imports encrypted PKCS#8 written by OpenSSL (generateKeyPairSync with a cipher and passphrase)', async () => {
    for (const cipher of ['aes-256-cbc', 'aes-128-cbc', 'aes-192-cbc']) {
      const pair = nc.generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher, passphrase: `pass ${cipher}` },
      });
      const imported = await importRsaKey(pair.privateKey, { passphrase: `pass ${cipher}` });
      const jwk = nc.createPrivateKey({ key: pair.privateKey, passphrase: `pass ${cipher}` }).export({ format: 'jwk' });
      expect(exportRsaJwk(imported)).toEqual({
        kty: 'RSA',
        n: jwk.n,
        e: jwk.e,
        d: jwk.d,
        p: jwk.p,
        q: jwk.q,
        dp: jwk.dp,
        dq: jwk.dq,
        qi: jwk.qi,
      });
      await expect(importRsaKey(pair.privateKey, { passphrase: 'nope' })).rejects.toMatchObject({
        code: 'ERR_KEY_IMPORT',
        message: expect.stringContaining('wrong passphrase'),
      });
    }
  });

  it('OpenSSL reads every PEM we export (PKCS#8, PKCS#1, encrypted PKCS#8, SPKI, PKCS#1 public)', async () => {
    const { privateKey } = await generateRsaKeyPair({ bits: 3072 });
    const ours = exportRsaJwk(privateKey);
    const n = ours.n;
    for (const format of ['pkcs8', 'pkcs1'] as const) {
      expect(
        nc.createPrivateKey(await exportPrivateKeyPem(privateKey, { format })).export({ format: 'jwk' }),
      ).toMatchObject(ours);
    }
    const encrypted = await exportPrivateKeyPem(privateKey, { passphrase: 'pässphrase', iterations: 2000 });
    expect(nc.createPrivateKey({ key: encrypted, passphrase: 'pässphrase' }).export({ format: 'jwk' })).toMatchObject(
      ours,
    );
    expect(() => nc.createPrivateKey({ key: encrypted, passphrase: 'wrong' })).toThrow();
    for (const format of ['spki', 'pkcs1'] as const) {
      expect(nc.createPublicKey(exportPublicKeyPem(privateKey, { format })).export({ format: 'jwk' })).toMatchObject({
        kty: 'RSA',
        n,
        e: 'AQAB',
      });
    }
  });
});
