// The one internal RSA key representation: public (n, e) or private (n, e, d, p, q, dp, dq, qi) as BigInt.
import { OssCseError } from '../../errors.js';
import { bitLength, gcd, mod, modInverse, modPow, randomBigIntBetween } from './bigint-math.js';

/**
 * An RSA public key as integers.
 *
 * @example
 * ```ts
 * import { importRsaKey, modulusLength } from '@oss-cse/core';
 * declare const spkiPem: string;
 * const key = await importRsaKey(spkiPem);
 * console.log(modulusLength(key)); // 2048
 * ```
 */
export interface RsaPublicKeyComponents {
  /** Modulus. */
  readonly n: bigint;
  /** Public exponent. */
  readonly e: bigint;
}

/**
 * An RSA private key as integers (two primes, with the CRT values).
 *
 * @example
 * ```ts
 * import { importRsaKey, isRsaPrivateKey } from '@oss-cse/core';
 * declare const pkcs8Pem: string;
 * const key = await importRsaKey(pkcs8Pem);
 * if (isRsaPrivateKey(key)) console.log('can decrypt');
 * ```
 */
export interface RsaPrivateKeyComponents extends RsaPublicKeyComponents {
  /** The private exponent. */
  readonly d: bigint;
  /** The first prime factor. */
  readonly p: bigint;
  /** The second prime factor. */
  readonly q: bigint;
  /** d mod (p-1) */
  readonly dp: bigint;
  /** d mod (q-1) */
  readonly dq: bigint;
  /** q^-1 mod p */
  readonly qi: bigint;
}

/** Either half of an RSA key. */
export type RsaKeyComponents = RsaPublicKeyComponents | RsaPrivateKeyComponents;

/** Smallest and largest accepted modulus sizes. */
export const MIN_MODULUS_BITS = 1024;
export const MAX_MODULUS_BITS = 16384;

/**
 * True when `key` holds the private components.
 *
 * @example
 * ```ts
 * import { importRsaKey, isRsaPrivateKey } from '@oss-cse/core';
 * declare const pem: string;
 * if (!isRsaPrivateKey(await importRsaKey(pem))) throw new Error('need a private key');
 * ```
 */
export function isRsaPrivateKey(key: RsaKeyComponents): key is RsaPrivateKeyComponents {
  return 'd' in key && typeof (key as RsaPrivateKeyComponents).d === 'bigint';
}

/**
 * Size of the modulus in bits (e.g. 2048).
 *
 * @example
 * ```ts
 * import { importRsaKey, modulusLength } from '@oss-cse/core';
 * declare const pem: string;
 * modulusLength(await importRsaKey(pem)); // 2048
 * ```
 */
export function modulusLength(key: RsaPublicKeyComponents): number {
  return bitLength(key.n);
}

/** Size of the modulus in bytes (k): the length of every ciphertext. */
export function modulusBytes(key: RsaPublicKeyComponents): number {
  const known = modulusLengths.get(key);
  if (known?.n === key.n) return known.k;
  const k = Math.ceil(bitLength(key.n) / 8);
  modulusLengths.set(key, { n: key.n, k });
  return k;
}

/** k by key object, for the modulus it had (asked for on every wrap and unwrap; each a BigInt to string). */
const modulusLengths = new WeakMap<RsaPublicKeyComponents, { readonly n: bigint; readonly k: number }>();

/** The public half of a key (a copy holding only n and e). */
export function publicPart(key: RsaKeyComponents): RsaPublicKeyComponents {
  return { n: key.n, e: key.e };
}

const importError = (message: string) => new OssCseError('ERR_KEY_IMPORT', message);

/** Checks n and e; throws ERR_KEY_IMPORT with the reason. */
export function checkPublicKey(key: RsaPublicKeyComponents): RsaPublicKeyComponents {
  const bits = bitLength(key.n);
  if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
    throw importError(
      `RSA modulus of ${bits} bits is not supported (expected ${MIN_MODULUS_BITS} to ${MAX_MODULUS_BITS} bits)`,
    );
  }
  if (key.n % 2n === 0n) throw importError('RSA modulus is even: not an RSA key');
  if (key.e < 3n || key.e % 2n === 0n || key.e >= key.n) throw importError('RSA public exponent is invalid');
  return publicPart(key);
}

/**
 * Checks that the private components agree with each other (n = p·q, CRT values, e·d ≡ 1), so a
 * corrupted key is an import error rather than silent garbage on decryption.
 */
export function checkPrivateKey(key: RsaPrivateKeyComponents): RsaPrivateKeyComponents {
  checkPublicKey(key);
  const { n, e, d, p, q, dp, dq, qi } = key;
  const inconsistent = () => importError('RSA private key components are inconsistent (corrupted key)');
  if (p <= 1n || q <= 1n || p * q !== n) throw inconsistent();
  if (dp !== mod(d, p - 1n) || dq !== mod(d, q - 1n)) throw inconsistent();
  if (mod(qi * q, p) !== 1n) throw inconsistent();
  if (mod(e * dp, p - 1n) !== 1n || mod(e * dq, q - 1n) !== 1n) throw inconsistent();
  return { n, e, d, p, q, dp, dq, qi };
}

/**
 * Completes a private key known only by (n, e, d) — a JWK may omit the primes — by factoring n with the
 * standard randomized method (NIST SP 800-56B, Appendix C). Throws ERR_KEY_IMPORT when d is wrong.
 */
export function completePrivateKey(n: bigint, e: bigint, d: bigint): RsaPrivateKeyComponents {
  checkPublicKey({ n, e });
  const k = e * d - 1n;
  if (k <= 0n || k % 2n !== 0n) throw importError('RSA private exponent does not match the public key');
  let t = 0;
  let r = k;
  while (r % 2n === 0n) {
    r /= 2n;
    t++;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const g = randomBigIntBetween(2n, n - 1n);
    let y = modPow(g, r, n);
    if (y === 1n || y === n - 1n) continue;
    for (let i = 1; i < t; i++) {
      const x = (y * y) % n;
      if (x === 1n) {
        const p = gcd(y - 1n, n);
        const q = n / p;
        const [big, small] = p > q ? [p, q] : [q, p];
        return checkPrivateKey({
          n,
          e,
          d,
          p: big,
          q: small,
          dp: mod(d, big - 1n),
          dq: mod(d, small - 1n),
          qi: modInverse(small, big),
        });
      }
      if (x === n - 1n) break;
      y = x;
    }
  }
  throw importError('RSA private exponent does not match the public key');
}
