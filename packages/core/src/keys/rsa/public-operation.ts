// The seam between core's RSA encryption (wrapping a data key or IV with PKCS#1 v1.5) and the arithmetic that
// computes `m^e mod n`. Core's own is BigInt; a runtime may bring a faster one (OpenSSL in @oss-cse/node). Core
// checks a given operation against its own once, when the key gets it, and the length of every result.
import { keyImportError } from '../import/der.js';
import { bigIntToBytes, bytesToBigInt } from './bigint-math.js';
import { rsaPublicOp } from './rsa-private-op.js';
import { modulusBytes, type RsaPublicKeyComponents } from './rsa-key.js';

/**
 * The raw RSA public operation of one key (RSAEP, RFC 8017 §5.1.1, without its range check): `input` is a k-byte
 * big-endian integer m below n (k = modulus bytes); the result is `m^e mod n` as k big-endian bytes. Synchronous.
 *
 * @example
 * ```ts
 * import type { RsaPublicOperation } from '@oss-cse/core';
 * declare const op: RsaPublicOperation, encodedMessage: Uint8Array;
 * const ciphertext = op(encodedMessage);
 * ```
 */
export type RsaPublicOperation = (input: Uint8Array) => Uint8Array;

/**
 * Creates the {@link RsaPublicOperation} of one key; called once per key (not per wrap), so per-key set-up (a
 * native key object) is done once.
 *
 * @example
 * ```ts
 * import { RsaMasterKey } from '@oss-cse/core';
 * import { nodeRsaPublicOperation } from '@oss-cse/node'; // a factory: OpenSSL's raw RSA
 * declare const pem: string;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, publicOperation: nodeRsaPublicOperation });
 * ```
 */
export type RsaPublicOperationFactory = (key: RsaPublicKeyComponents) => RsaPublicOperation;

/**
 * Core's public operation: BigInt `m^e mod n`.
 *
 * @example
 * ```ts
 * import { bigIntRsaPublicOperation, type RsaPublicKeyComponents } from '@oss-cse/core';
 * declare const key: RsaPublicKeyComponents, encodedMessage: Uint8Array;
 * const ciphertext = bigIntRsaPublicOperation(key)(encodedMessage);
 * ```
 */
export const bigIntRsaPublicOperation: RsaPublicOperationFactory = (key) => (input) =>
  bigIntToBytes(rsaPublicOp(key, bytesToBigInt(input)), modulusBytes(key));

/**
 * `factory`'s operation for `key`, checked now against core's own on a random message below n, and afterwards for
 * the length of each result.
 * @throws OssCseError ERR_KEY_IMPORT when the operation cannot be created or does not compute `m^e mod n`.
 */
export function checkedPublicOperation(
  key: RsaPublicKeyComponents,
  factory: RsaPublicOperationFactory,
): RsaPublicOperation {
  const k = modulusBytes(key);
  const wrong = () => keyImportError('the RSA public operation does not compute m^e mod n for this key');
  let op: unknown;
  let probed: unknown;
  const probe = crypto.getRandomValues(new Uint8Array(k));
  probe[0] = 0; // below n: n has k bytes and a non-zero first byte
  try {
    op = factory(key);
    if (typeof op === 'function') probed = (op as RsaPublicOperation)(probe.slice());
  } catch {
    // Its message is not passed on: an engine's error may quote what it was given.
    throw keyImportError('the RSA public operation could not be created or run for this key');
  }
  if (typeof op !== 'function') throw keyImportError('"publicOperation" returned no function for this key');
  const expected = bigIntRsaPublicOperation(key)(probe);
  if (!(probed instanceof Uint8Array) || probed.length !== k || probed.some((b, i) => b !== expected[i])) throw wrong();
  const checked = op as RsaPublicOperation;
  return (input) => {
    const out = checked(input);
    if (!(out instanceof Uint8Array) || out.length !== k) throw wrong();
    return out;
  };
}
