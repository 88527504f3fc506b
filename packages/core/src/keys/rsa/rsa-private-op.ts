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

/** A blinding pair: `vf = r^e mod n` and `vi = r^-1 mod n`, with how often it has been used. */
interface Blinding { vf: bigint; vi: bigint; uses: number }

/** Uses of one random `r` (each use squares the pair, as OpenSSL does) before a fresh one is drawn. */
const BLINDING_REFRESH = 32;
const blindings = new WeakMap<RsaPrivateKeyComponents, Blinding>();

function nextBlinding(key: RsaPrivateKeyComponents): Blinding {
  const { n, e } = key;
  const current = blindings.get(key);
  if (current !== undefined && current.uses < BLINDING_REFRESH) {
    current.vf = (current.vf * current.vf) % n;
    current.vi = (current.vi * current.vi) % n;
    current.uses++;
    return current;
  }
  let r: bigint;
  do r = randomBigIntBetween(2n, n - 1n);
  while (gcd(r, n) !== 1n);
  const fresh = { vf: modPow(r, e, n), vi: modInverse(r, n), uses: 1 };
  blindings.set(key, fresh);
  return fresh;
}

/**
 * RSADP: `c^d mod n` for `0 <= c < n` (checked by the caller).
 * - Blinding: the exponentiation runs on `c · r^e` for a random `r` coprime to n, then the result is
 *   multiplied by `r^-1`, so its timing does not depend on `c` (the pair is squared between uses and
 *   redrawn every 32 uses).
 * - CRT: `m1 = c^dp mod p`, `m2 = c^dq mod q`, `h = qi·(m1 - m2) mod p`, `m = m2 + h·q`.
 * - Fault check: `m^e mod n` must give back `c`, else the result is withheld (a faulty CRT half would
 *   leak a factor of n).
 * @throws the fixed ERR_UNWRAP_FAILED error when the check fails.
 */
export function rsaPrivateOp(key: RsaPrivateKeyComponents, c: bigint): bigint {
  const { n, e, p, q, dp, dq, qi } = key;
  const { vf, vi } = nextBlinding(key);
  const blinded = (c * vf) % n;
  const m1 = modPow(blinded % p, dp, p);
  const m2 = modPow(blinded % q, dq, q);
  let diff = (m1 - m2) % p;
  if (diff < 0n) diff += p;
  const h = (qi * diff) % p;
  const mBlinded = m2 + h * q;
  const m = (mBlinded * vi) % n;
  if (modPow(m, e, n) !== c) throw unwrapFailed();
  return m;
}
