// Encrypt then decrypt with the plaintext MD5 and length recorded (`computeMd5: true`), so full reads verify them,
// at the sizes where the counter and padding math has its edges, with PKCS#1 v1.5 and OAEP master keys.
import {
  decryptObject,
  encryptObject,
  parseEnvelope,
  readAll,
  WRAP_RSA_OAEP_SHA1,
  WRAP_RSA_PKCS1,
} from '@oss-cse/core';
import type { Suite } from '../harness/suite-api.js';
import { check, equal, sameBytes } from '../harness/assert.js';
import { chunkedStream, MiB, oss2MasterKey, patternBytes, WRAPS } from './fixtures.js';

export const ROUND_TRIP_SIZES = [0, 1, 15, 16, 17, MiB + 1] as const;

export const roundTrip: Suite = {
  name: 'round trip',
  define(t) {
    for (const wrap of WRAPS) {
      for (const size of ROUND_TRIP_SIZES) {
        t.test(
          `${wrap} ${size} B: encrypt, then decrypt as bytes and as a stream`,
          async () => {
            const key = await oss2MasterKey({ oaep: wrap === 'oaep' });
            const plaintext = patternBytes(size, size + 1);
            const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext, computeMd5: true });
            const envelope = parseEnvelope(headers);
            equal(envelope?.wrapAlgorithm, wrap === 'oaep' ? WRAP_RSA_OAEP_SHA1 : WRAP_RSA_PKCS1, 'wrap-alg header');
            equal(envelope?.unencryptedContentLength, size, 'unencrypted-content-length header');
            equal(ciphertext.length, size, 'ciphertext length (CTR adds no padding)');
            if (size >= 16)
              check(
                ciphertext.some((b, i) => b !== plaintext[i]),
                'the ciphertext differs from the plaintext',
              );
            sameBytes(await decryptObject({ keyring: key, headers, ciphertext }), plaintext, 'decrypted bytes');
            const streamed = await readAll(
              await decryptObject({ keyring: key, headers, ciphertext: chunkedStream(ciphertext), chunkSize: 4096 }),
            );
            sameBytes(streamed, plaintext, 'decrypted stream');
          },
          { requires: 'wasm-codegen' },
        );
      }
    }
  },
};
