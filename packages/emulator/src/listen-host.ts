import { OssCseError } from '@oss-cse/core';
import { DEFAULT_ACCESS_KEY_SECRET } from './defaults.js';
import { isLoopback } from './server/loopback.js';

/** A listen address only this machine can reach: 127.0.0.0/8, ::1 or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopback(host);
}

/**
 * Refuses to listen beyond loopback while the account key is the built-in one (its secret is public, so anyone
 * who could reach the port could use every bucket, STS and KMS of this emulator).
 *
 * @throws OssCseError `ERR_INVALID_ARGUMENT`
 */
export function checkListenHost(options: { host: string; accessKeySecret: string }): void {
  /* Precondition: a non-loopback listen address needs a private AccessKeySecret. */
  if (isLoopbackHost(options.host) || options.accessKeySecret !== DEFAULT_ACCESS_KEY_SECRET) return;
  throw new OssCseError(
    'ERR_INVALID_ARGUMENT',
    `refusing to listen on ${options.host} with the built-in public credentials: listen on a loopback address ` +
      '(127.0.0.1, ::1, localhost), or give your own with --access-key-id and --access-key-secret ' +
      '(options accessKeyId and accessKeySecret)',
  );
}
