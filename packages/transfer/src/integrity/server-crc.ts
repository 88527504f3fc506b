// The one CRC-64 rule: every write and every whole read is checked against the server's x-oss-hash-crc64ecma
// (always over ciphertext). OSS sends it on every such answer; a response without it cannot be verified and fails
// (in a browser the usual cause is a CORS rule whose ExposeHeader lacks it: the browser client explains that).
import { OssCseError } from '@oss-cse/core';

/**
 * @throws OssCseError ERR_CRC_MISMATCH when the server's CRC differs from ours (`details.server`, retryable) or
 *   is missing (`details.server` null, not retryable).
 *
 * @example
 * ```ts
 * import { crc64 } from '@oss-cse/core';
 * import { checkServerCrc } from '@oss-cse/transfer';
 * declare const sent: Uint8Array, headers: Record<string, string>;
 * checkServerCrc(crc64(sent), headers['x-oss-hash-crc64ecma'], 'PutObject a.jpg'); // or ERR_CRC_MISMATCH
 * ```
 */
export function checkServerCrc(ours: bigint | string, server: string | undefined, operation: string): void {
  const client = typeof ours === 'bigint' ? ours.toString(10) : ours;
  if (server === undefined || server === '') {
    throw new OssCseError(
      'ERR_CRC_MISMATCH',
      `${operation}: the response carries no x-oss-hash-crc64ecma, so the bytes cannot be verified (in a browser: add it to the bucket CORS rule's ExposeHeader)`,
      {
        details: { operation, server: null, client, missingExposeHeaders: ['x-oss-hash-crc64ecma'] },
      },
    );
  }
  if (!/^\d{1,20}$/.test(server) || BigInt(server) !== BigInt(client)) {
    throw new OssCseError(
      'ERR_CRC_MISMATCH',
      `${operation}: the server's CRC-64 ${server.slice(0, 24)} does not match ours ${client}`,
      {
        details: { operation, server, client },
      },
    );
  }
}
