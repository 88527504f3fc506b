// Node only: reads an object's stored bytes and headers straight from the emulator (plain ali-oss, no oss-cse
// code) and decrypts them with node:crypto alone (packages/core/test/support/node-crypto-reader.ts), for the
// Node and CLI tests and, through a browser command, for what Chromium wrote.
import { createHash } from 'node:crypto';
import OSS from 'ali-oss';
import { independentDecrypt } from '../../core/test/support/node-crypto-reader.js';

export interface EmulatorAccess {
  readonly ossEndpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** What the independent reader found: the plaintext's SHA-256 and length, and the IV it used. */
export interface IndependentRead {
  readonly sha256: string;
  readonly length: number;
  readonly ivHex: string;
}

export function rawOss(emu: EmulatorAccess): OSS {
  return new OSS({
    endpoint: emu.ossEndpoint,
    bucket: emu.bucket,
    region: `oss-${emu.region}`,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    sldEnable: true,
    authorizationV4: true,
  } as OSS.Options);
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** GETs `key` without oss-cse and decrypts it with node:crypto and the RSA private key (PEM). */
export async function readIndependently(
  emu: EmulatorAccess,
  key: string,
  privateKeyPem: string,
): Promise<IndependentRead> {
  const got = await rawOss(emu).get(key);
  const { plaintext, iv } = independentDecrypt(
    { headers: got.res.headers as Record<string, string>, ciphertext: got.content as Buffer },
    privateKeyPem,
  );
  return { sha256: sha256Hex(plaintext), length: plaintext.length, ivHex: iv.toString('hex') };
}
