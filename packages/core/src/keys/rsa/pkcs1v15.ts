// RSAES-PKCS1-v1_5 (RFC 8017 §7.2): what `RSA/NONE/PKCS1Padding` means in every OSS SDK.
// Decryption takes a checked private operation (checked-private-operation.ts) and decodes with a padding check
// without early exit.
import { unwrapFailed } from '../../errors.js';
import type { CheckedRsaPrivateOperation } from './checked-private-operation.js';
import { bigIntRsaPublicOperation, type RsaPublicOperation } from './public-operation.js';
import { modulusBytes, type RsaPublicKeyComponents } from './rsa-key.js';

/** Longest message RSAES-PKCS1-v1_5 can carry under a k-byte modulus. */
export const pkcs1v15MaxMessageLength = (k: number): number => k - 11;

/**
 * Random non-zero padding bytes (PS): each zero byte drawn is replaced by the next non-zero byte of a spare draw
 * (one `getRandomValues` for the whole run of replacements, not one per zero byte).
 */
export function nonZeroRandom(length: number): Uint8Array {
  const out = crypto.getRandomValues(new Uint8Array(length));
  let spare = new Uint8Array(0);
  let next = 0;
  for (let i = 0; i < length; i++) {
    while (out[i] === 0) {
      if (next === spare.length) {
        spare = crypto.getRandomValues(new Uint8Array(16));
        next = 0;
      }
      out[i] = spare[next++]!;
    }
  }
  return out;
}

/**
 * Encrypts `message` (at most k-11 bytes): `EM = 00 02 PS 00 M` with at least 8 random non-zero PS bytes,
 * then `EM^e mod n` by `publicOperation` (default core's BigInt one), returned as exactly k bytes.
 */
export function pkcs1v15Encrypt(
  key: RsaPublicKeyComponents,
  message: Uint8Array,
  publicOperation: RsaPublicOperation = bigIntRsaPublicOperation(key),
): Uint8Array {
  const k = modulusBytes(key);
  if (message.length > pkcs1v15MaxMessageLength(k))
    throw new RangeError(`message too long for RSA PKCS#1 v1.5 (max ${k - 11} bytes)`);
  const em = new Uint8Array(k);
  em[1] = 2;
  const psLength = k - message.length - 3;
  em.set(nonZeroRandom(psLength), 2);
  em.set(message, 3 + psLength);
  try {
    return publicOperation(em);
  } finally {
    em.fill(0); // EM holds the message (a data key or IV)
  }
}

/** 1 when `x` (0..255 or any 32-bit value) is zero, else 0; no branch. */
const isZero = (x: number): number => (((x | -x) >>> 31) ^ 1) & 1;
/** 1 when a === b (32-bit), else 0; no branch. */
const isEqual = (a: number, b: number): number => isZero((a ^ b) | 0);
/** 1 when a < b for non-negative 31-bit values, else 0; no branch. */
const isLess = (a: number, b: number): number => ((a - b) >>> 31) & 1;

/**
 * Decrypts a k-byte ciphertext with `privateOperation` (which refuses length ≠ k, c ≥ n and faulty results).
 * @throws the fixed ERR_UNWRAP_FAILED error for every failure (length ≠ k, c ≥ n, bad padding, wrong length).
 */
export async function pkcs1v15Decrypt(
  privateOperation: CheckedRsaPrivateOperation,
  ciphertext: Uint8Array,
  expectedLength?: number,
): Promise<Uint8Array> {
  return pkcs1v15Decode(await privateOperation(ciphertext), expectedLength);
}

/**
 * Decodes EM (k bytes) and wipes it. The check folds every condition — EM[0] = 0, EM[1] = 2, a 0x00
 * separator present, PS ≥ 8 bytes, and (when given) the message length — into one flag, scanning all of
 * EM with masks instead of branches, and checks it once at the end.
 * @throws the fixed ERR_UNWRAP_FAILED error when any condition fails.
 */
export function pkcs1v15Decode(em: Uint8Array, expectedLength?: number): Uint8Array {
  const k = em.length;
  let good = isZero(em[0]!) & isEqual(em[1]!, 2);
  let looking = 1; // still searching for the separator
  let separator = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(em[i]!);
    const hit = looking & zero;
    separator = (separator & (hit - 1)) | (i & -hit);
    looking &= zero ^ 1;
  }
  good &= looking ^ 1;
  good &= isLess(9, separator); // PS = EM[2 .. separator-1] has separator-2 >= 8 bytes
  const messageLength = k - separator - 1;
  if (expectedLength !== undefined) good &= isEqual(messageLength, expectedLength);
  if (good !== 1) {
    em.fill(0);
    throw unwrapFailed();
  }
  const message = em.slice(separator + 1);
  em.fill(0);
  return message;
}
