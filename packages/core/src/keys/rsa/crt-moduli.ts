// The Montgomery moduli p and q of a private key, created once per key and shared by the fault check and the
// portable private operation. Internal module.
import {
  createMontgomeryModulus,
  type MontgomeryImplementation,
  type MontgomeryModulus,
} from './montgomery/modulus.js';
import type { RsaPrivateKeyComponents } from './rsa-key.js';

export interface CrtModuli {
  readonly p: MontgomeryModulus;
  readonly q: MontgomeryModulus;
}

const cache = new WeakMap<RsaPrivateKeyComponents, Map<MontgomeryImplementation, Promise<CrtModuli>>>();

/** The moduli of `key` (cached per key object and implementation). */
export function crtModuli(
  key: RsaPrivateKeyComponents,
  implementation: MontgomeryImplementation = 'auto',
): Promise<CrtModuli> {
  let byImplementation = cache.get(key);
  if (byImplementation === undefined) cache.set(key, (byImplementation = new Map()));
  let moduli = byImplementation.get(implementation);
  if (moduli === undefined) {
    moduli = Promise.all([
      createMontgomeryModulus(key.p, implementation),
      createMontgomeryModulus(key.q, implementation),
    ]).then(([p, q]) => ({ p, q }));
    byImplementation.set(implementation, moduli);
  }
  return moduli;
}
