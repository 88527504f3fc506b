// Every encrypted object of packages/test-vectors decrypts byte-exactly: SDK-written V2 objects, oss2-generated
// objects of every size, the multipart object, V1 objects, KMS-wrapped objects; whole, streamed and ranged.
import {
  decryptObject,
  fromHex,
  fromUtf8,
  Keyring,
  readAll,
  RsaMasterKey,
  utf8,
  WRAP_RSA_OAEP_SHA1,
} from '@oss-cse/core';
import type { Suite } from '../harness/suite-api.js';
import { equal, sameBytes } from '../harness/assert.js';
import {
  b64,
  chunkedStream,
  FOREIGN_V2_VECTORS,
  fixedPlaintext,
  fixedVector,
  multipartVector,
  PUT_RSA_VECTORS,
  putVector,
  rsa1024,
  sha256Hex,
  type FixedVector,
} from './fixtures.js';
import { RecordedKmsKey } from './recorded-kms-key.js';

interface RangedCheck {
  readonly user_byte_range: readonly [number | null, number | null];
  readonly response_content_range: string | null;
}

/** Decrypts what the server sent for each range oss2 read, and compares with the plaintext. */
async function checkRanges(
  keyring: RsaMasterKey,
  headers: Record<string, string>,
  ciphertext: Uint8Array,
  plaintext: Uint8Array,
  checks: readonly RangedCheck[],
) {
  for (const c of checks) {
    const [start, end] = c.user_byte_range;
    const [, first, last] = /bytes (\d+)-(\d+)/.exec(c.response_content_range ?? '') ?? [];
    const served = ciphertext.subarray(Number(first), Number(last) + 1);
    const range = { start: start ?? 0, end: end ?? undefined };
    const plain = await decryptObject({
      keyring,
      headers,
      ciphertext: served,
      range,
      contentRange: c.response_content_range,
    });
    sameBytes(
      plain,
      plaintext.subarray(range.start, end === null ? undefined : end + 1),
      `range ${start}-${end ?? ''}`,
    );
  }
}

export const vectors: Suite = {
  name: 'vectors',
  define(t) {
    for (const name of PUT_RSA_VECTORS) {
      // Only this vector records unencrypted-content-md5, which a full read verifies with the WebAssembly MD5.
      const options = name.includes('md5') ? ({ requires: 'wasm-codegen' } as const) : {};
      t.test(
        `${name} decrypts whole and at every range oss2 read`,
        async () => {
          const v = await putVector(name);
          const key = await RsaMasterKey.import({
            privateKey: v.keys!.private_key_pkcs1_pem,
            ...(name.includes('matdesc') ? { description: { key1: 'value1', k2: 'v2' } } : {}),
          });
          const ciphertext = b64(v.ciphertext_b64);
          const plain = await decryptObject({ keyring: key, headers: v.stored_object_metadata, ciphertext });
          equal(await sha256Hex(plain), v.plaintext_sha256, 'SHA-256 of the plaintext');
          await checkRanges(
            key,
            v.stored_object_metadata,
            ciphertext,
            b64(v.plaintext_b64),
            v.oss2_ranged_get_checks ?? [],
          );
        },
        options,
      );
    }

    for (const name of FOREIGN_V2_VECTORS) {
      t.test(`${name} decrypts as bytes and as a stream`, async () => {
        const v = await fixedVector(name);
        const key = await RsaMasterKey.import({ privateKey: (await rsa1024()).private_key_pkcs8_pem });
        const ciphertext = b64(v.ciphertext_b64);
        equal(
          await sha256Hex(await decryptObject({ keyring: key, headers: v.headers, ciphertext })),
          v.plaintext_sha256,
          'bytes: SHA-256',
        );
        const streamed = await readAll(
          await decryptObject({
            keyring: key,
            headers: v.headers,
            ciphertext: chunkedStream(ciphertext),
            chunkSize: 4096,
          }),
        );
        equal(await sha256Hex(streamed), v.plaintext_sha256, 'stream: SHA-256');
      });
    }

    t.test('v1-deprecated-rsa-oaep decrypts (1 MiB, counter "8") whole and ranged', async () => {
      const v = await fixedVector('v1-deprecated-rsa-oaep');
      const key = await RsaMasterKey.import({
        privateKey: (await rsa1024()).private_key_pkcs1_pem,
        wrapAlgorithm: WRAP_RSA_OAEP_SHA1,
      });
      const ciphertext = b64(v.ciphertext_b64);
      sameBytes(
        await decryptObject({ keyring: key, headers: v.headers, ciphertext }),
        fixedPlaintext(v),
        'whole object',
      );
      const part = await decryptObject({
        keyring: key,
        headers: v.headers,
        ciphertext: ciphertext.subarray(4080, 8193),
        range: '4095-8192',
        contentRange: `bytes 4080-8192/${ciphertext.length}`,
      });
      sameBytes(part, fixedPlaintext(v).subarray(4095, 8193), 'range 4095-8192');
    });

    t.test('multipart-rsa-pkcs1v15-3parts decrypts whole and at every range oss2 read', async () => {
      const v = await multipartVector();
      const key = await RsaMasterKey.import({ privateKey: v.keys.private_key_pkcs8_pem });
      const whole = new Uint8Array(v.data_size);
      for (const p of v.parts) whole.set(b64(p.ciphertext_b64), p.plaintext_offset);
      equal(
        await sha256Hex(await decryptObject({ keyring: key, headers: v.stored_object_metadata, ciphertext: whole })),
        v.plaintext_sha256,
        'SHA-256',
      );
      await checkRanges(key, v.stored_object_metadata, whole, b64(v.plaintext_b64), v.oss2_ranged_get_checks);
    });

    t.test('put-alikms-FAKEKMS-17-bytes decrypts with the data key and IV KMS returned to oss2', async () => {
      const v = await putVector('put-alikms-FAKEKMS-17-bytes');
      const meta = v.stored_object_metadata;
      const { cek_hex, iv_hex } = v.unwrapped_by_oss2_provider;
      const kms = new RecordedKmsKey(
        new Map([
          [meta['x-oss-meta-client-side-encryption-key']!, fromHex(cek_hex)],
          [meta['x-oss-meta-client-side-encryption-start']!, fromHex(iv_hex)],
        ]),
      );
      const plain = await decryptObject({
        keyring: new Keyring([kms]),
        headers: meta,
        ciphertext: b64(v.ciphertext_b64),
      });
      equal(fromUtf8(plain), fromUtf8(b64(v.plaintext_b64)), 'plaintext');
    });

    t.test('v1-deprecated-kms decrypts (1 MiB) with the data key and counter text KMS returned', async () => {
      const v = (await fixedVector('v1-deprecated-kms')) as FixedVector & {
        given_plaintext: { base64_plain_key: string; plain_start: string };
      };
      const kms = new RecordedKmsKey(
        new Map([
          [v.headers['x-oss-meta-oss-crypto-key']!, b64(v.given_plaintext.base64_plain_key)],
          [v.headers['x-oss-meta-oss-crypto-start']!, utf8(v.given_plaintext.plain_start)],
        ]),
      );
      const plain = await decryptObject({ keyring: kms, headers: v.headers, ciphertext: b64(v.ciphertext_b64) });
      equal(await sha256Hex(plain), v.plaintext_sha256, 'SHA-256');
    });
  },
};
