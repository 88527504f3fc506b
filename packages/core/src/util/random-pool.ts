// Random bytes for the per-object path (a new object's data key and IV, PKCS#1 v1.5 padding), from the platform's
// CSPRNG (`crypto.getRandomValues`) drawn POOL_BYTES at a time, so one call serves several objects instead of three
// calls for each (each call is a trip into the runtime's native code; Node's randomUUID pools the same way). Bytes
// handed out are copied and wiped from the pool at once; nothing is handed out twice.

/** Bytes drawn per `getRandomValues` call (about eight objects' key, IV and padding with 2048-bit RSA). */
export const RANDOM_POOL_BYTES = 4096;

let pool = new Uint8Array(0);
let next = 0;

/**
 * `length` bytes from the CSPRNG, in a buffer of their own. Requests larger than the pool get a call of their own.
 *
 * @example
 * ```ts
 * const dataKey = randomBytes(32);
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  if (length > RANDOM_POOL_BYTES) return crypto.getRandomValues(new Uint8Array(length));
  if (pool.length - next < length) {
    pool = crypto.getRandomValues(new Uint8Array(RANDOM_POOL_BYTES));
    next = 0;
  }
  const out = pool.slice(next, next + length);
  pool.fill(0, next, next + length);
  next += length;
  return out;
}
