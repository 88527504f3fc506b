// The raw RSA operations: c = m^e mod n, and m = c^d mod n by CRT with blinding and a fault check.
// Internal module: callers apply padding (pkcs1v15.ts) and map every failure to one error.
import { unwrapFailed } from '../../errors.js';
import { gcd, modInverse, modPow, randomBigIntBetween } from './bigint-math.js';
import type { RsaPrivateKeyComponents, RsaPublicKeyComponents } from './rsa-key.js';

/** RSAEP: `m^e mod n` for `0 <= m < n`. */
export function rsaPublicOp(key: RsaPublicKeyComponents, m: bigint): bigint {
  if (m < 0n || m >= key.n) throw new RangeError('message representative out of range');
  return modPow(m, key.e, key.n);
}

/**
 * RSADP: `c^d mod n` for `0 <= c < n` (checked by the caller).
 * - Blinding: the exponentiation runs on `c · r^e` for a fresh random `r` coprime to n, then the result
 *   is multiplied by `r^-1`, so its timing does not depend on `c`.
 * - CRT: `m1 = c^dp mod p`, `m2 = c^dq mod q`, `h = qi·(m1 - m2) mod p`, `m = m2 + h·q`.
 * - Fault check: `m^e mod n` must give back `c`, else the result is withheld (a faulty CRT half would
 *   leak a factor of n).
 * @throws the fixed ERR_UNWRAP_FAILED error when the check fails.
 */
export function rsaPrivateOp(key: RsaPrivateKeyComponents, c: bigint): bigint {
  const { n, e, p, q, dp, dq, qi } = key;
  let r: bigint;
  do r = randomBigIntBetween(2n, n - 1n);
  while (gcd(r, n) !== 1n);
  const blinded = (c * modPow(r, e, n)) % n;
  const m1 = modPow(blinded % p, dp, p);
  const m2 = modPow(blinded % q, dq, q);
  let diff = (m1 - m2) % p;
  if (diff < 0n) diff += p;
  const h = (qi * diff) % p;
  const mBlinded = m2 + h * q;
  const m = (mBlinded * modInverse(r, n)) % n;
  if (modPow(m, e, n) !== c) throw unwrapFailed();
  return m;
}
