// Vectors, keys and deterministic plaintexts shared by the suite files and the Node-side writer. The typed vector
// access and the oss2 master keys are core's shared test support, reused here rather than repeated.
export {
  b64,
  FOREIGN_V2_VECTORS,
  fixedPlaintext,
  fixedVector,
  multipartVector,
  patternBytes,
  PUT_RSA_VECTORS,
  putVector,
  rsa1024,
  sha256Hex,
  type FixedVector,
} from '../../../core/test/support/vectors.js';
export { oss2MasterKey } from '../../../core/test/support/keys.js';

export const MiB = 1024 * 1024;

/** The two wrap algorithms of RSA master keys. */
export const WRAPS = ['pkcs1', 'oaep'] as const;
export type Wrap = (typeof WRAPS)[number];

/** A stream of `bytes` in chunks of the given sizes, cycling (odd sizes cross every block boundary). */
export function chunkedStream(
  bytes: Uint8Array,
  sizes: readonly number[] = [1, 15, 4097, 65_537],
): ReadableStream<Uint8Array> {
  let offset = 0;
  let turn = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const n = sizes[turn++ % sizes.length]!;
      controller.enqueue(bytes.slice(offset, offset + n));
      offset += n;
    },
  });
}
