// OpenSSL's SHA-256 for the per-part digests of resumable uploads: synchronous, over the part's bytes where they are.
// WebCrypto's `digest` first copies its whole input (one part: 8 MiB of native memory for each part in flight).
import { createHash } from 'node:crypto';
import type { Sha256Operation } from '@oss-cse/transfer';

/**
 * Lower-case hex SHA-256 of `bytes` on OpenSSL (no copy of them).
 *
 * @example
 * ```ts
 * import { inlineCipherRunner } from '@oss-cse/transfer';
 * import { nodeSha256 } from '@oss-cse/node';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const runner = inlineCipherRunner(keyring, { sha256: nodeSha256 }); // what NodeClient uses
 * ```
 */
export const nodeSha256: Sha256Operation = (bytes) => createHash('sha256').update(bytes).digest('hex');
