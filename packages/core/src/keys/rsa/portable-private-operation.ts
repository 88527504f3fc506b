// Core's default RSA private operation: CRT with blinding, each half by fixed-window Montgomery exponentiation on
// WebAssembly SIMD. Where the runtime cannot compile WebAssembly (workerd), `auto` uses the BigInt operation,
// measured 5-7× faster there than the JavaScript Montgomery arithmetic, which `arithmetic: 'js'` selects.
import { bigIntToBytes, bytesToBigInt } from './bigint-math.js';
import { createBlinding, crtCombine } from './blinding.js';
import { bigIntRsaPrivateOperation } from './rsa-private-op.js';
import { crtModuli } from './crt-moduli.js';
import type { MontgomeryImplementation } from './montgomery/modulus.js';
import type { RsaPrivateOperation } from './private-operation.js';
import type { RsaPrivateKeyComponents } from './rsa-key.js';

/** Options of {@link portableRsaPrivateOperation}. */
export interface PortableRsaOptions {
  /**
   * `auto` (default): Montgomery on WebAssembly SIMD where the runtime compiles WebAssembly, else
   * {@link bigIntRsaPrivateOperation}; `js`: Montgomery on JavaScript typed arrays (constant-flow, slow).
   */
  readonly arithmetic?: MontgomeryImplementation;
}

/**
 * The portable RSA private operation, core's default: blinding (c·r^e, r refreshed every 32 uses), CRT, and
 * each half `c^dp mod p`, `c^dq mod q` by Montgomery multiplication with fixed 5-bit windows — the same
 * sequence of multiplications and table reads (every entry read, selected by masks) whatever the exponent.
 * Without WebAssembly (workerd) `auto` falls back to {@link bigIntRsaPrivateOperation} (faster there).
 *
 * @example
 * ```ts
 * import { portableRsaPrivateOperation, RsaMasterKey } from '@oss-cse/core';
 * declare const pem: string;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem }); // uses it
 * const jsOnly = await RsaMasterKey.import({
 *   privateKey: pem,
 *   privateOperation: (k) => portableRsaPrivateOperation(k, { arithmetic: 'js' }),
 * });
 * ```
 */
export async function portableRsaPrivateOperation(
  key: RsaPrivateKeyComponents,
  options: PortableRsaOptions = {},
): Promise<RsaPrivateOperation> {
  const arithmetic = options.arithmetic ?? 'auto';
  const moduli = await crtModuli(key, arithmetic);
  if (arithmetic === 'auto' && moduli.p.kind === 'js') return bigIntRsaPrivateOperation(key);
  const dp = moduli.p.prepareExponent(key.dp);
  const dq = moduli.q.prepareExponent(key.dq);
  const blinding = createBlinding(key);
  return (input) => {
    const { n, p, q } = key;
    const { vf, vi } = blinding.next();
    const blinded = (bytesToBigInt(input) * vf) % n;
    const m1 = moduli.p.powSecret(blinded % p, dp);
    const m2 = moduli.q.powSecret(blinded % q, dq);
    return bigIntToBytes((crtCombine(key, m1, m2) * vi) % n, input.length);
  };
}
