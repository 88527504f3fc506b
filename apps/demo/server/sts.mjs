// STS AssumeRole for the demo backend: a token scoped to one user's prefix (and bucket), through ali-oss's STS
// client signed with the backend's long-term AccessKey. Works against real STS and the emulator alike.
import OSS from 'ali-oss';
import { kmsPolicyStatement } from './kms.mjs';

/**
 * The RAM policy of a user's token: read/write/abort/list-parts under `users/<user>/`, list the bucket, and with a
 * KMS key, GenerateDataKey/Encrypt/Decrypt on that one key.
 * @param {string} bucket
 * @param {string} prefix e.g. `users/alice/`
 * @param {string | null} [kmsKeyArn]
 */
export function userPolicy(bucket, prefix, kmsKeyArn = null) {
  return {
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:ListParts', 'oss:AbortMultipartUpload'],
        Resource: [`acs:oss:*:*:${bucket}/${prefix}*`],
      },
      { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: [`acs:oss:*:*:${bucket}`] },
      ...(kmsKeyArn ? [kmsPolicyStatement(kmsKeyArn)] : []),
    ],
  };
}

/**
 * @param {{ accessKeyId: string, accessKeySecret: string, stsEndpoint?: string, roleArn: string, kms?: { keyArn: string } | null }} config
 * @returns {(args: { bucket: string, prefix: string, session: string, durationSeconds: number }) => Promise<{ accessKeyId: string, accessKeySecret: string, securityToken: string, expiration: string }>}
 */
export function stsVendor(config) {
  const sts = new OSS.STS({
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    ...(config.stsEndpoint ? { endpoint: config.stsEndpoint } : {}),
  });
  return async ({ bucket, prefix, session, durationSeconds }) => {
    const { credentials } = await sts.assumeRole(config.roleArn, userPolicy(bucket, prefix, config.kms?.keyArn ?? null), durationSeconds, session);
    return {
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      securityToken: credentials.SecurityToken,
      expiration: credentials.Expiration,
    };
  };
}
