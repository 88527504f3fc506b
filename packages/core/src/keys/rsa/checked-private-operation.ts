// Wraps a raw private operation with core's checks: the input is exactly k bytes and below n; the output is k
// bytes and passes the fault check `m^e ≡ c (mod n)`, computed as `(m mod p)^e ≡ c (mod p)` and the same mod q
// (equivalent by the CRT, and a quarter of the work). Every failure is the one ERR_UNWRAP_FAILED. Internal module.
import { unwrapFailed } from '../../errors.js';
import { bytesToBigInt } from './bigint-math.js';
import { crtModuli } from './crt-moduli.js';
import type { RsaPrivateOperation } from './private-operation.js';
import { modulusBytes, type RsaPrivateKeyComponents } from './rsa-key.js';

/** `c^d mod n` as k bytes, checked; the caller owns (and wipes) the result. */
export type CheckedRsaPrivateOperation = (ciphertext: Uint8Array) => Promise<Uint8Array>;

export async function checkedPrivateOperation(
  key: RsaPrivateKeyComponents,
  operation: RsaPrivateOperation,
): Promise<CheckedRsaPrivateOperation> {
  const { p, q } = await crtModuli(key);
  const k = modulusBytes(key);
  return async (ciphertext) => {
    if (ciphertext.length !== k) throw unwrapFailed();
    const c = bytesToBigInt(ciphertext);
    if (c >= key.n) throw unwrapFailed();
    let result: unknown;
    try {
      result = await operation(ciphertext.slice());
    } catch {
      throw unwrapFailed();
    }
    if (!(result instanceof Uint8Array) || result.length !== k) throw unwrapFailed();
    // A plain copy: a Node Buffer's slice() is a view, which wiping EM would zero under the decoded message.
    const em = new Uint8Array(result);
    result.fill(0);
    const m = bytesToBigInt(em);
    const faithful =
      m < key.n && p.powPublic(m % key.p, key.e) === c % key.p && q.powPublic(m % key.q, key.e) === c % key.q;
    if (!faithful) {
      em.fill(0);
      throw unwrapFailed();
    }
    return em;
  };
}
