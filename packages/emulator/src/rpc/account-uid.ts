import { createHash } from 'node:crypto';
import type { Account } from '../shared/contracts.js';

/** A stable 16-digit account UID for ARNs, derived from the account's AccessKeyId. */
export function accountUid(account: Account): string {
  const digest = createHash('sha256').update(`uid:${account.accessKeyId}`).digest();
  return ((digest.readBigUInt64BE(0) % 9_000_000_000_000_000n) + 1_000_000_000_000_000n).toString();
}
