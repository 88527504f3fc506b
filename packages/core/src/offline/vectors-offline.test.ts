// Conformance (Node + Chromium): every SDK-written vector decrypts through the whole offline path
// (headers → keyring → unwrap → AES-CTR), with every key form, whole and ranged.
import { describe, expect, it } from 'vitest';
import { decryptObject } from './decrypt-object.js';
import { RsaMasterKey } from '../keys/rsa-master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { WRAP_RSA_OAEP_SHA1 } from '../keys/master-key.js';
import {
  b64,
  FOREIGN_V2_VECTORS,
  fixedPlaintext,
  fixedVector,
  multipartVector,
  PUT_RSA_VECTORS,
  putVector,
  rsa1024,
  sameBytes,
  sha256Hex,
} from '../../test/support/vectors.js';
import { PRIVATE_FORMS } from '../../test/support/keys.js';

describe('decryptObject with SDK vectors', () => {
  for (const name of PUT_RSA_VECTORS) {
    it.each(PRIVATE_FORMS)(`${name} decrypts with the %s key`, async (form) => {
      const v = await putVector(name);
      const key = await RsaMasterKey.import({
        privateKey: v.keys![form],
        ...(name.includes('matdesc') ? { description: { key1: 'value1', k2: 'v2' } } : {}),
      });
      const plain = await decryptObject({
        keyring: key,
        headers: v.stored_object_metadata,
        ciphertext: b64(v.ciphertext_b64),
      });
      expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
      for (const c of v.oss2_ranged_get_checks ?? []) {
        const [start, end] = c.user_byte_range;
        const m = /bytes (\d+)-(\d+)/.exec(c.response_content_range!)!;
        const served = b64(v.ciphertext_b64).subarray(Number(m[1]), Number(m[2]) + 1);
        const ranged = await decryptObject({
          keyring: key,
          headers: v.stored_object_metadata,
          ciphertext: served,
          range: { start: start ?? 0, end: end ?? undefined },
          contentRange: c.response_content_range,
        });
        expect(ranged).toEqual(b64(v.plaintext_b64).subarray(start ?? 0, end === null ? undefined : end + 1));
      }
    });
  }

  for (const name of FOREIGN_V2_VECTORS) {
    it.each(PRIVATE_FORMS)(`${name} decrypts with the %s key (also as a stream)`, async (form) => {
      const v = await fixedVector(name);
      const key = await RsaMasterKey.import({ privateKey: (await rsa1024())[form] });
      const plain = await decryptObject({ keyring: key, headers: v.headers, ciphertext: b64(v.ciphertext_b64) });
      expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
      const ct = b64(v.ciphertext_b64);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(ct.slice(0, 1000));
          c.enqueue(ct.slice(1000));
          c.close();
        },
      });
      const out = await new Response(
        await decryptObject({ keyring: key, headers: v.headers, ciphertext: stream, chunkSize: 4096 }),
      ).arrayBuffer();
      expect(await sha256Hex(new Uint8Array(out))).toBe(v.plaintext_sha256);
    });
  }

  it('the Go object with the matdesc the Java test sends is found by description', async () => {
    const v = await fixedVector('v2-rsa-written-by-go-sdk');
    const pair = await rsa1024();
    const other = await RsaMasterKey.import({
      privateKey: (await putVector('put-rsa-pkcs1v15-1-byte')).keys!.private_key_pkcs8_pem,
    });
    const java = await RsaMasterKey.import({
      privateKey: pair.private_key_pkcs1_pem,
      description: { desc: 'wangtw test client encryption' },
    });
    const headers = {
      ...v.headers,
      'x-oss-meta-client-side-encryption-matdesc': v.optional_matdesc_seen_in_java_test!,
    };
    const plain = await decryptObject({
      keyring: new Keyring([other, java]),
      headers,
      ciphertext: b64(v.ciphertext_b64),
    });
    expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
  });

  it('the V1 RSA-OAEP object decrypts (1 MiB, counter "8"), and ranged', async () => {
    const v = await fixedVector('v1-deprecated-rsa-oaep');
    const key = await RsaMasterKey.import({
      privateKey: (await rsa1024()).private_key_pkcs8_pem,
      wrapAlgorithm: WRAP_RSA_OAEP_SHA1,
    });
    const ct = b64(v.ciphertext_b64);
    const plain = await decryptObject({ keyring: key, headers: v.headers, ciphertext: ct });
    expect(sameBytes(plain, fixedPlaintext(v))).toBe(true);
    const part = await decryptObject({
      keyring: key,
      headers: v.headers,
      ciphertext: ct.subarray(4080, 8193),
      range: '4095-8192',
      contentRange: `bytes 4080-8192/${ct.length}`,
    });
    expect(part).toEqual(fixedPlaintext(v).subarray(4095, 8193));
  });

  it('the oss2 multipart object decrypts whole and across part boundaries', async () => {
    const v = await multipartVector();
    const key = await RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs1_pem });
    const whole = new Uint8Array(v.data_size);
    for (const p of v.parts) whole.set(b64(p.ciphertext_b64), p.plaintext_offset);
    expect(
      await sha256Hex(await decryptObject({ keyring: key, headers: v.stored_object_metadata, ciphertext: whole })),
    ).toBe(v.plaintext_sha256);
    const r = await decryptObject({
      keyring: key,
      headers: v.stored_object_metadata,
      ciphertext: whole,
      range: '102395-102405',
    });
    expect(r).toEqual(b64(v.plaintext_b64).subarray(102395, 102406));
  });
});
