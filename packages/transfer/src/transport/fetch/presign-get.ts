// A presigned GET URL of one object (V4 by default, or V1): anyone can GET it until it expires. The fetch transport's
// presignGetObject, and share links, which need only this (not a whole transport).
import { checkCredentials, OssCseError, type Credentials } from '@oss-cse/core';
import type { ConnectionOptions } from '../../client/client-options.js';
import { resolveConnection, type Connection } from '../connection.js';
import { presignV1 } from './sign-v1.js';
import { presignV4 } from './sign-v4.js';

/** Options of {@link presignGetUrl}. */
export interface PresignGetOptions {
  /** Seconds the URL stays valid (1 to 604800). */
  readonly expiresIn: number;
  /** The credentials to sign with. */
  readonly credentials: Credentials;
  /** The signing time (default now). */
  readonly now?: Date | undefined;
}

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad key, lifetime, credentials or connection.
 * @example
 * ```ts
 * import { presignGetUrl } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const url = await presignGetUrl({ bucket: 'photos', region: 'cn-hangzhou' }, 'a.jpg', {
 *   expiresIn: 600,
 *   credentials,
 * });
 * ```
 */
export async function presignGetUrl(
  connection: ConnectionOptions | Connection,
  key: string,
  presign: PresignGetOptions,
): Promise<string> {
  /* Precondition: an object key is a non-empty string (an empty one would address the bucket). */
  if (typeof key !== 'string' || key === '')
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"key" expected a non-empty object key');
  const { expiresIn } = presign;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604_800) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      '"expiresIn" expected a whole number of seconds from 1 to 604800 (7 days)',
    );
  }
  const { addressing, version } = 'addressing' in connection ? connection : resolveConnection(connection);
  const credentials = checkCredentials(presign.credentials);
  const now = presign.now ?? new Date();
  const request = { method: 'GET', bucket: addressing.bucket, key };
  const { query } =
    version === 'v4'
      ? await presignV4(request, { credentials, region: addressing.region!, now, expiresIn })
      : await presignV1(request, { credentials, expires: Math.floor(now.getTime() / 1000) + expiresIn });
  return addressing.url(key, query);
}
