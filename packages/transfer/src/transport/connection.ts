// The connection options every transport checks the same way: where the bucket is (addressing), how requests are
// signed (V4 by default, which needs the region) and the per-request timeout.
import { OssCseError } from '@oss-cse/core';
import type { ConnectionOptions } from '../client/client-options.js';
import { DEFAULT_TIMEOUT_MS } from '../config/defaults.js';
import { createAddressing, type Addressing } from './fetch/addressing.js';

/** Connection options, checked and resolved. */
export interface Connection {
  /** Where requests go. */
  readonly addressing: Addressing;
  /** The request signature version. */
  readonly version: 'v4' | 'v1';
  /** Milliseconds a request may wait for its response headers, and a body between two pieces. */
  readonly timeoutMs: number;
}

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket, region, endpoint, version or timeout, and for V4
 *   without a region.
 * @example
 * ```ts
 * import { resolveConnection } from '@oss-cse/transfer';
 * const { addressing, version, timeoutMs } = resolveConnection({ bucket: 'photos', region: 'cn-hangzhou' });
 * ```
 */
export function resolveConnection(options: ConnectionOptions): Connection {
  const version = options.signatureVersion ?? 'v4';
  if (version !== 'v4' && version !== 'v1')
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"signatureVersion" expected v4 or v1');
  const addressing = createAddressing(options);
  /* Precondition: V4 signs with the region. */
  if (version === 'v4' && addressing.region === undefined) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'signature V4 needs a region (e.g. cn-hangzhou); pass region, or signatureVersion: v1',
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 2 ** 31 - 1) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      '"timeoutMs" expected a whole number of milliseconds from 1 to 2147483647',
    );
  }
  return { addressing, version, timeoutMs };
}
