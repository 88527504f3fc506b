// The seam between core's RSA decryption and the arithmetic that computes it. Core owns every check (input range,
// the fault check, the constant-flow padding check and the one unwrap error); a runtime may bring a faster raw
// private operation, e.g. OpenSSL in @oss-cse/node.
import type { RsaPrivateKeyComponents } from './rsa-key.js';

/**
 * The raw RSA private operation of one key (RSADP, RFC 8017 §5.1.2, without its checks): `input` is a k-byte
 * big-endian integer c below n (k = modulus bytes); the result is `c^d mod n` as k big-endian bytes. It may
 * be synchronous or asynchronous. Core checks every result (`m^e mod n` must give back c), so a wrong or
 * faulty answer is withheld, never decoded; whatever it throws becomes the one ERR_UNWRAP_FAILED.
 *
 * @example
 * ```ts
 * import { bigIntRsaPrivateOperation } from '@oss-cse/core';
 * import type { RsaPrivateOperation, RsaPrivateKeyComponents } from '@oss-cse/core';
 * declare const key: RsaPrivateKeyComponents;
 * const plain: RsaPrivateOperation = await bigIntRsaPrivateOperation(key);
 * ```
 */
export type RsaPrivateOperation = (input: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * Creates the {@link RsaPrivateOperation} of one key; {@link RsaMasterKey.import} calls it once per key (not per
 * unwrap), so per-key set-up (a native key object, precomputed tables) is done once.
 *
 * @example
 * ```ts
 * import { RsaMasterKey } from '@oss-cse/core';
 * import { nodeRsaPrivateOperation } from '@oss-cse/node'; // a factory: OpenSSL's raw RSA
 * declare const pem: string;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, privateOperation: nodeRsaPrivateOperation });
 * ```
 */
export type RsaPrivateOperationFactory = (
  key: RsaPrivateKeyComponents,
) => RsaPrivateOperation | Promise<RsaPrivateOperation>;
