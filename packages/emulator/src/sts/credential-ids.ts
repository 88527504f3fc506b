import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (const byte of bytes) {
    if (byte >= 248) continue; // 248 = 4 * 62: keep the distribution uniform
    out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    if (out.length === length) return out;
  }
  return out + randomAlphanumeric(length - out.length);
}

/** `STS.` followed by 25 alphanumerics, as STS AccessKeyIds look. */
export function newStsAccessKeyId(): string {
  return `STS.${randomAlphanumeric(25)}`;
}

export function newStsAccessKeySecret(): string {
  return randomAlphanumeric(44);
}
