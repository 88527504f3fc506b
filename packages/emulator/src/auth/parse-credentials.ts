import { OssErrors } from '../errors/catalog.js';
import type { SignedRequest } from './signed-request.js';
import { V4_ALGORITHM } from './v4.js';

/** How a request claims to be signed. */
export type SignatureClaim =
  | { scheme: 'anonymous' }
  | { scheme: 'v1-header'; accessKeyId: string; signature: string; securityToken?: string }
  | { scheme: 'v1-query'; accessKeyId: string; signature: string; expires: string; securityToken?: string }
  | {
      scheme: 'v4-header' | 'v4-query';
      accessKeyId: string;
      signature: string;
      day: string;
      region: string;
      product: string;
      additionalHeaders: string[];
      securityToken?: string;
    };

const withToken = <T extends object>(claim: T, token: string | undefined): T & { securityToken?: string } =>
  token === undefined ? claim : { ...claim, securityToken: token };

function parseCredential(credential: string): { accessKeyId: string; day: string; region: string; product: string } {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aliyun_v4_request' || !parts[0]) {
    throw OssErrors.invalidAuthorization('Invalid credential in Authorization header.');
  }
  const [accessKeyId, day, region, product] = parts as [string, string, string, string];
  return { accessKeyId, day, region, product };
}

/** Reads the Authorization header or the presigned-URL query parameters. */
export function parseSignatureClaim(req: SignedRequest): SignatureClaim {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const token = req.headers['x-oss-security-token'];
    if (auth.startsWith(`${V4_ALGORITHM} `)) {
      const fields = new Map<string, string>();
      for (const item of auth.slice(V4_ALGORITHM.length + 1).split(',')) {
        const eq = item.indexOf('=');
        if (eq > 0) fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
      }
      const credential = fields.get('Credential');
      const signature = fields.get('Signature');
      if (!credential || !signature) throw OssErrors.invalidAuthorization('Authorization header is invalid.');
      const additional = (fields.get('AdditionalHeaders') ?? '').split(';').filter((h) => h !== '');
      return withToken(
        { scheme: 'v4-header', ...parseCredential(credential), signature, additionalHeaders: additional },
        token,
      );
    }
    const v1 = /^OSS ([^:\s]+):(\S+)$/.exec(auth.trim());
    if (v1) return withToken({ scheme: 'v1-header', accessKeyId: v1[1] as string, signature: v1[2] as string }, token);
    throw OssErrors.invalidAuthorization('Authorization header is invalid.');
  }
  const q = req.query;
  if (q.get('x-oss-signature-version') !== undefined) {
    if (q.get('x-oss-signature-version') !== V4_ALGORITHM)
      throw OssErrors.invalidAuthorization('Unsupported x-oss-signature-version.');
    const credential = q.get('x-oss-credential');
    const signature = q.get('x-oss-signature');
    if (!credential || !signature || !q.get('x-oss-date') || !q.get('x-oss-expires')) {
      throw OssErrors.invalidAuthorization(
        'Presigned URL is missing x-oss-credential, x-oss-date, x-oss-expires or x-oss-signature.',
      );
    }
    const additional = (q.get('x-oss-additional-headers') ?? '').split(';').filter((h) => h !== '');
    return withToken(
      { scheme: 'v4-query', ...parseCredential(credential), signature, additionalHeaders: additional },
      q.get('x-oss-security-token'),
    );
  }
  if (q.has('OSSAccessKeyId') || q.has('Signature')) {
    const accessKeyId = q.get('OSSAccessKeyId');
    const signature = q.get('Signature');
    const expires = q.get('Expires');
    if (!accessKeyId || !signature || !expires)
      throw OssErrors.invalidAuthorization('Presigned URL is missing OSSAccessKeyId, Expires or Signature.');
    return withToken({ scheme: 'v1-query', accessKeyId, signature, expires }, q.get('security-token'));
  }
  return { scheme: 'anonymous' };
}
