// The BigInt RSA operations: c = m^e mod n (encryption), and core's previous private operation (CRT with blinding,
// sliding-window BigInt exponentiation), kept as a selectable engine. Callers apply padding (pkcs1v15.ts).
import { bigIntToBytes, bytesToBigInt, modPow } from './bigint-math.js';
import { createBlinding, crtCombine } from './blinding.js';
import type { RsaPrivateOperation } from './private-operation.js';
import type { RsaPrivateKeyComponents, RsaPublicKeyComponents } from './rsa-key.js';

/** RSAEP: `m^e mod n` for `0 <= m < n`. */
export function rsaPublicOp(key: RsaPublicKeyComponents, m: bigint): bigint {
  if (m < 0n || m >= key.n) throw new RangeError('message representative out of range');
  return modPow(m, key.e, key.n);
}

/**
 * The BigInt private operation (core's only one before the private-operation seam): CRT with blinding, each half by
 * BigInt sliding-window
 * exponentiation. Its timing follows the exponent's bits (not constant-flow); where WebAssembly is forbidden
 * (workerd) it is faster than the JavaScript Montgomery arithmetic of {@link portableRsaPrivateOperation}.
 *
 * @example
 * ```ts
 * import { bigIntRsaPrivateOperation, RsaMasterKey } from '@oss-cse/core';
 * declare const pem: string;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, privateOperation: bigIntRsaPrivateOperation });
 * ```
 */
export function bigIntRsaPrivateOperation(key: RsaPrivateKeyComponents): RsaPrivateOperation {
  const blinding = createBlinding(key);
  return (input) => {
    const { n, p, q, dp, dq } = key;
    const { vf, vi } = blinding.next();
    const blinded = (bytesToBigInt(input) * vf) % n;
    const m = (crtCombine(key, modPow(blinded % p, dp, p), modPow(blinded % q, dq, q)) * vi) % n;
    return bigIntToBytes(m, input.length);
  };
}
