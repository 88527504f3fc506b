// decryptObject's stream half, loaded with import() for stream input only: code that decrypts byte arrays (a page's
// get) carries neither the stream transforms nor the cipher's stream machinery.
import type { ContentCipher } from '../cipher/content-cipher.js';
import { cipherTransform } from '../cipher/cipher-transform.js';
import type { PlaintextVerifier } from '../integrity/verify-plaintext.js';
import type { RangedReadResponsePlan } from '../plan/ranged-read.js';
import { sliceStream, tapStream } from '../streams/slice-stream.js';

/**
 * The plaintext stream of `ciphertext` (a ranged response as `plan` describes it): decrypted with `cipher` (none for
 * a plain object), cut to the range, and checked by `verify` at its end.
 */
export function decryptStream(
  ciphertext: ReadableStream<Uint8Array>,
  cipher: ContentCipher | null,
  plan: RangedReadResponsePlan,
  options: { verify?: PlaintextVerifier | null | undefined; chunkSize?: number | undefined } = {},
): ReadableStream<Uint8Array> {
  const { verify } = options;
  const plain = cipher
    ? ciphertext.pipeThrough(
        cipherTransform(cipher, { mode: 'decrypt', offset: plan.counterOffset, chunkSize: options.chunkSize }),
      )
    : ciphertext;
  const out = plain.pipeThrough(sliceStream(plan.discard, plan.length));
  if (!verify) return out;
  return out.pipeThrough(
    tapStream(
      (c) => verify.update(c),
      () => verify.finish(),
    ),
  );
}
