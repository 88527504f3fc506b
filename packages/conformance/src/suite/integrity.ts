// Checksums in every runtime: MD5 (WebAssembly; WebCrypto has none), CRC-64/XZ in JS and in WebAssembly against
// the server's x-oss-hash-crc64ecma of the vectors, and the integrity checks of full reads.
import {
  createCrc64Wasm,
  createMd5,
  crc64,
  crc64Wasm,
  decryptObject,
  encryptObject,
  md5Base64,
  utf8,
} from '@oss-cse/core';
import type { Suite } from '../harness/suite-api.js';
import { equal, rejectsWith } from '../harness/assert.js';
import { b64, MiB, oss2MasterKey, patternBytes, PUT_RSA_VECTORS, putVector } from './fixtures.js';

/** The vectors' ciphertexts and the CRC-64 the server computed for each. */
async function serverCrcs(): Promise<Array<{ name: string; ciphertext: Uint8Array; crc: bigint }>> {
  return Promise.all(
    PUT_RSA_VECTORS.map(async (name) => {
      const v = await putVector(name);
      return { name, ciphertext: b64(v.ciphertext_b64), crc: BigInt(v.server_crc64ecma_of_ciphertext) };
    }),
  );
}

export const integrity: Suite = {
  name: 'integrity',
  define(t) {
    t.test(
      'MD5 of known inputs, one-shot and incremental (WebAssembly)',
      async () => {
        equal(await md5Base64(new Uint8Array(0)), '1B2M2Y8AsgTpgAmY7PhCfg==', 'MD5 of ""');
        equal(await md5Base64(utf8('abc')), 'kAFQmDzST7DWlj99KOF/cg==', 'MD5 of "abc"');
        const data = patternBytes(MiB + 1, 3);
        const md5 = await createMd5();
        for (let i = 0; i < data.length; i += 65_537) md5.update(data.subarray(i, i + 65_537));
        equal(md5.digestBase64(), await md5Base64(data), 'incremental MD5 of 1 MiB + 1');
      },
      { requires: 'wasm-codegen' },
    );

    t.test("CRC-64 in JS equals the server's x-oss-hash-crc64ecma of every vector", async () => {
      for (const { name, ciphertext, crc } of await serverCrcs()) equal(crc64(ciphertext), crc, `${name} CRC-64`);
    });

    t.test(
      "CRC-64 in WebAssembly, one-shot and incremental, equals the server's of every vector",
      async () => {
        for (const { name, ciphertext, crc } of await serverCrcs()) {
          equal(await crc64Wasm(ciphertext), crc, `${name} one-shot CRC-64`);
          const hasher = await createCrc64Wasm();
          for (let i = 0; i < ciphertext.length; i += 5) hasher.update(ciphertext.subarray(i, i + 5));
          equal(hasher.value(), crc, `${name} incremental CRC-64`);
        }
      },
      { requires: 'wasm-codegen' },
    );

    t.test(
      'a full read of a changed object rejects with ERR_INTEGRITY (MD5 recorded)',
      async () => {
        const key = await oss2MasterKey();
        const { headers, ciphertext } = await encryptObject({
          keyring: key,
          plaintext: patternBytes(1000, 5),
          computeMd5: true,
        });
        ciphertext[500] = ciphertext[500]! ^ 1;
        await rejectsWith(
          () => decryptObject({ keyring: key, headers, ciphertext }),
          ['ERR_INTEGRITY'],
          'one flipped bit',
        );
      },
      { requires: 'wasm-codegen' },
    );

    t.test('a full read of a truncated object rejects with ERR_INTEGRITY (length recorded)', async () => {
      const key = await oss2MasterKey();
      const { headers, ciphertext } = await encryptObject({
        keyring: key,
        plaintext: patternBytes(1000, 6),
        computeMd5: false,
        contentLength: 1000,
      });
      await rejectsWith(
        () => decryptObject({ keyring: key, headers, ciphertext: ciphertext.subarray(0, 999) }),
        ['ERR_INTEGRITY'],
        'one byte short',
      );
    });
  },
};
