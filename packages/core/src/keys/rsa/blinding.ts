// RSA blinding (the exponentiation runs on c·r^e for a random r, the result is multiplied by r^-1), shared by
// core's private operations. Internal module.
import { gcd, modInverse, modPow, randomBigIntBetween } from './bigint-math.js';
import type { RsaPrivateKeyComponents } from './rsa-key.js';

/** A blinding pair: `vf = r^e mod n` and `vi = r^-1 mod n`, with how often it has been used. */
export interface Blinding {
  vf: bigint;
  vi: bigint;
  uses: number;
}

/** Uses of one random `r` (each use squares the pair, as OpenSSL does) before a fresh one is drawn. */
const BLINDING_REFRESH = 32;

/** Blinding state of one key; `next()` gives the pair for the next operation. */
export function createBlinding(key: RsaPrivateKeyComponents): { next(): Blinding } {
  const { n, e } = key;
  let current: Blinding | undefined;
  return {
    next() {
      if (current !== undefined && current.uses < BLINDING_REFRESH) {
        current.vf = (current.vf * current.vf) % n;
        current.vi = (current.vi * current.vi) % n;
        current.uses++;
        return current;
      }
      let r: bigint;
      do r = randomBigIntBetween(2n, n - 1n);
      while (gcd(r, n) !== 1n);
      current = { vf: modPow(r, e, n), vi: modInverse(r, n), uses: 1 };
      return current;
    },
  };
}

/** The CRT recombination `m = m2 + q·(qi·(m1 - m2) mod p)` of `m1 = c^dp mod p` and `m2 = c^dq mod q`. */
export function crtCombine(key: RsaPrivateKeyComponents, m1: bigint, m2: bigint): bigint {
  const { p, q, qi } = key;
  let diff = (m1 - m2) % p;
  if (diff < 0n) diff += p;
  return m2 + ((qi * diff) % p) * q;
}
