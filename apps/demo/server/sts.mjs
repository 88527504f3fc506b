// STS AssumeRole for the demo backend: a token for one user's prefix of the configured bucket, through ali-oss's
// STS client signed with the backend's long-term AccessKey. Works against real STS and the emulator alike.
// The policy is built as an object from validated names and serialised by the client, never by concatenating
// request text.
import OSS from 'ali-oss';
import { kmsPolicyStatement } from './kms.mjs';
import { isUserName } from './session.mjs';

/** Token lifetimes the backend hands out: STS's minimum, and one hour at most. */
export const MIN_TOKEN_SECONDS = 900;
export const MAX_TOKEN_SECONDS = 3600;

/**
 * The configured token lifetime within {@link MIN_TOKEN_SECONDS}..{@link MAX_TOKEN_SECONDS} (900 when not a number).
 * @param {number | undefined} seconds
 */
export function clampTokenSeconds(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return MIN_TOKEN_SECONDS;
  return Math.min(MAX_TOKEN_SECONDS, Math.max(MIN_TOKEN_SECONDS, Math.floor(seconds)));
}

/** OSS bucket names: 3 to 63 characters a-z, 0-9 and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * @param {unknown} bucket
 * @returns {asserts bucket is string}
 */
export function assertBucketName(bucket) {
  /* Precondition: a valid bucket name (no `*`, `/` or `?` that would widen the resource). */
  if (typeof bucket !== 'string' || !BUCKET_NAME.test(bucket))
    throw new RangeError('"bucket" expected an OSS bucket name (3-63 characters a-z, 0-9, -)');
}

/**
 * The prefix a user's objects live under.
 * @param {string} user
 */
export function userPrefix(user) {
  /* Precondition: a valid user name (no `*`, `/` or `.` that would widen the prefix). */
  if (!isUserName(user)) throw new RangeError('"user" expected 1 to 32 characters a-z, 0-9 or -');
  return `users/${user}/`;
}

/**
 * The RAM policy of a user's token: read/write/delete/list-parts/abort under `users/<user>/`, ListObjects only with
 * a prefix under `users/<user>/` (`oss:Prefix` condition; `*` also matches the empty rest, so `users/<user>/`
 * itself is covered), and with a KMS key, GenerateDataKey/Encrypt/Decrypt on that one key.
 * @param {{ bucket: string, user: string, kmsKeyArn?: string | null }} options
 * @example
 * const policy = userPolicy({ bucket: 'my-bucket', user: 'alice' });
 * await sts.assumeRole(roleArn, policy, 900, 'demo-alice'); // ali-oss serialises the object
 */
export function userPolicy({ bucket, user, kmsKeyArn = null }) {
  assertBucketName(bucket);
  const prefix = userPrefix(user);
  return {
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:ListParts', 'oss:AbortMultipartUpload'],
        Resource: [`acs:oss:*:*:${bucket}/${prefix}*`],
      },
      {
        Effect: 'Allow',
        Action: ['oss:ListObjects'],
        Resource: [`acs:oss:*:*:${bucket}`],
        Condition: { StringLike: { 'oss:Prefix': [`${prefix}*`] } },
      },
      ...(kmsKeyArn ? [kmsPolicyStatement(kmsKeyArn)] : []),
    ],
  };
}

/**
 * @typedef {object} StsVendorConfig
 * @property {string} bucket the one bucket tokens are for
 * @property {string} accessKeyId
 * @property {string} accessKeySecret
 * @property {string} [stsEndpoint]
 * @property {string} roleArn
 * @property {{ keyArn: string } | null} [kms]
 */

/**
 * @param {StsVendorConfig} config
 * @returns {(args: { user: string, durationSeconds: number }) => Promise<{ accessKeyId: string, accessKeySecret:
 *   string, securityToken: string, expiration: string }>}
 */
export function stsVendor(config) {
  assertBucketName(config.bucket);
  const sts = new OSS.STS({
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    ...(config.stsEndpoint ? { endpoint: config.stsEndpoint } : {}),
  });
  return async ({ user, durationSeconds }) => {
    const policy = userPolicy({ bucket: config.bucket, user, kmsKeyArn: config.kms?.keyArn ?? null });
    const { credentials } = await sts.assumeRole(
      config.roleArn,
      policy,
      clampTokenSeconds(durationSeconds),
      `demo-${user}`,
    );
    return {
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      securityToken: credentials.SecurityToken,
      expiration: credentials.Expiration,
    };
  };
}
