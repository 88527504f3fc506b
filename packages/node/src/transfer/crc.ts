// CRC-64 checks against the server's x-oss-hash-crc64ecma (always over ciphertext).
import { OssCseError } from '@oss-cse/core';

/**
 * Throws ERR_CRC_MISMATCH when the server reported a CRC that differs from ours. A server that sends none (not
 * OSS) is accepted.
 */
export function checkServerCrc(ours: bigint, server: string | undefined, what: string): void {
  if (server === undefined || server === '') return;
  if (BigInt(server) !== ours) {
    throw new OssCseError('ERR_CRC_MISMATCH', `${what}: the server's CRC-64 ${server} does not match ours ${ours.toString(10)}`, {
      details: { server, client: ours.toString(10) },
    });
  }
}
