// JSON Web Keys (RFC 7517/7518 §6.3): RSA public and private keys as objects or JSON text.
import { fromBase64, toBase64 } from '../../util/bytes.js';
import { bigIntToBytes, bytesToBigInt } from '../rsa/bigint-math.js';
import {
  checkPrivateKey,
  checkPublicKey,
  completePrivateKey,
  isRsaPrivateKey,
  type RsaKeyComponents,
  type RsaPrivateKeyComponents,
} from '../rsa/rsa-key.js';
import { keyImportError } from './der.js';

const PRIVATE_FIELDS = ['p', 'q', 'dp', 'dq', 'qi'] as const;

function fromBase64Url(text: unknown, field: string): bigint {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]+$/.test(text))
    throw keyImportError(`JWK "${field}" is not a base64url string`);
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    return bytesToBigInt(fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    throw keyImportError(`JWK "${field}" is not a base64url string`);
  }
}

const toBase64Url = (value: bigint): string =>
  toBase64(bigIntToBytes(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Parses JWK text into an object; ERR_KEY_IMPORT when it is not a JSON object. */
export function parseJwkText(text: string): JsonWebKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw keyImportError('The key looks like JSON but is not valid JSON', e);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw keyImportError('A JWK must be a JSON object');
  return value as JsonWebKey;
}

/**
 * Components of an RSA JWK: public when it has no `d`; private with `d` (the primes are recovered when
 * the JWK omits them).
 */
export function parseJwk(jwk: JsonWebKey): RsaKeyComponents {
  if (jwk.kty !== 'RSA') {
    const what = typeof jwk.kty === 'string' ? `a ${jwk.kty}${jwk.crv ? ` (${jwk.crv})` : ''} key` : 'missing "kty"';
    throw keyImportError(`JWK is ${what}, not an RSA key; only RSA keys are supported`);
  }
  if ((jwk as { oth?: unknown }).oth !== undefined)
    throw keyImportError('JWK is a multi-prime RSA key, which is not supported');
  const n = fromBase64Url(jwk.n, 'n');
  const e = fromBase64Url(jwk.e, 'e');
  if (jwk.d === undefined) return checkPublicKey({ n, e });
  const d = fromBase64Url(jwk.d, 'd');
  const present = PRIVATE_FIELDS.filter((f) => jwk[f] !== undefined);
  if (present.length === 0) return completePrivateKey(n, e, d);
  if (present.length !== PRIVATE_FIELDS.length) {
    throw keyImportError(
      `JWK private key has only some of p, q, dp, dq, qi (missing ${PRIVATE_FIELDS.filter((f) => jwk[f] === undefined).join(', ')})`,
    );
  }
  const [p, q, dp, dq, qi] = PRIVATE_FIELDS.map((f) => fromBase64Url(jwk[f], f)) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  return checkPrivateKey({ n, e, d, p, q, dp, dq, qi });
}

/**
 * The JWK of a key (`kty: "RSA"` with base64url integers); private fields only for a private key.
 *
 * @example
 * ```ts
 * import { exportRsaJwk, importRsaKey } from '@oss-cse/core';
 * declare const pem: string;
 * const jwk = exportRsaJwk(await importRsaKey(pem));
 * localStorage.setItem('key', JSON.stringify(jwk)); // a private key: store it as carefully as the PEM
 * ```
 */
export function exportRsaJwk(key: RsaKeyComponents): JsonWebKey {
  const jwk: JsonWebKey = { kty: 'RSA', n: toBase64Url(key.n), e: toBase64Url(key.e) };
  if (!isRsaPrivateKey(key)) return jwk;
  const k: RsaPrivateKeyComponents = key;
  return {
    ...jwk,
    d: toBase64Url(k.d),
    p: toBase64Url(k.p),
    q: toBase64Url(k.q),
    dp: toBase64Url(k.dp),
    dq: toBase64Url(k.dq),
    qi: toBase64Url(k.qi),
  };
}
