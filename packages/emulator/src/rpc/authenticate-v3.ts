import type { RpcRequest } from '../shared/contracts.js';
import type { VerifiedSignature } from './authenticate-v1.js';
import type { CallerResolver } from './caller.js';
import { safeEqual, sha256Hex } from './crypto-util.js';
import { RpcError, incompleteSignature, missingParameter, signatureDoesNotMatch } from './errors.js';
import { requestParams } from './params.js';
import { parseRpcTimestamp } from './timestamp.js';
import { ACS3_ALGORITHM, signV3 } from './v3-signature.js';

interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const MUST_SIGN = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date'];
const SIGN_IF_PRESENT = [
  'content-type',
  'x-acs-version',
  'x-acs-signature-nonce',
  'x-acs-security-token',
  'x-acs-accesskey-id',
];

export function isAcs3Request(req: RpcRequest): boolean {
  return (req.headers['authorization'] ?? '').startsWith(`${ACS3_ALGORITHM} `);
}

function parseAuthorization(value: string): Acs3Authorization {
  const fields = new Map<string, string>();
  for (const part of value.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw incompleteSignature('Authorization needs Credential, SignedHeaders and Signature.');
  }
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

function checkSignedHeaders(req: RpcRequest, signed: readonly string[]): void {
  const set = new Set(signed);
  const missing = [
    ...MUST_SIGN.filter((name) => !set.has(name)),
    ...SIGN_IF_PRESENT.filter((name) => req.headers[name] !== undefined && !set.has(name)),
  ];
  if (missing.length > 0) throw incompleteSignature(`SignedHeaders must include ${missing.join(', ')}.`);
}

/** ACS3-HMAC-SHA256: canonical request rebuilt from the received method, path, query and signed headers. */
export function verifyV3(req: RpcRequest, resolveCaller: CallerResolver): VerifiedSignature {
  const auth = parseAuthorization(req.headers['authorization'] ?? '');
  const nonce = req.headers['x-acs-signature-nonce'];
  if (!nonce) throw missingParameter('SignatureNonce');
  checkSignedHeaders(req, auth.signedHeaders);
  const payloadHash = req.headers['x-acs-content-sha256'] ?? '';
  if (payloadHash !== sha256Hex(req.body)) {
    throw new RpcError(
      'SignatureDoesNotMatch',
      400,
      'The x-acs-content-sha256 header does not match the request body.',
    );
  }
  const signedAt = parseRpcTimestamp(req.headers['x-acs-date'] ?? '');
  if (signedAt === undefined) {
    throw new RpcError('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.');
  }
  const caller = resolveCaller(auth.accessKeyId, req.headers['x-acs-security-token']);
  const expected = signV3({
    method: req.method,
    pathname: req.path,
    query: [...req.query],
    headers: req.headers,
    payloadHash,
    accessKeyId: auth.accessKeyId,
    accessKeySecret: caller.accessKeySecret,
    signedHeaders: auth.signedHeaders,
  });
  if (!safeEqual(expected.signature, auth.signature)) throw signatureDoesNotMatch(expected.stringToSign);
  return {
    caller,
    signedAt,
    nonce,
    action: req.headers['x-acs-action'],
    version: req.headers['x-acs-version'],
    params: requestParams(req),
  };
}
