import { gcmOpen, gcmSeal } from '../rpc/aes-gcm.js';
import type { StsPolicyStatement } from '../shared/contracts.js';

/** What a security token carries (self-contained: the server keeps no per-token state). */
export interface TokenPayload {
  accessKeyId: string;
  accessKeySecret: string;
  /** Epoch ms. */
  expiration: number;
  issuedAt: number;
  /** The revocation generation the token was issued in (`expireAllNow` bumps it). */
  generation: number;
  roleArn: string;
  sessionName: string;
  policy?: StsPolicyStatement[];
}

const PREFIX = 'CAIS';
const VERSION = 1;
const AAD = Buffer.from('oss-cse-emulator sts token v1');

/**
 * Seals token payloads with AES-256-GCM under the emulator's persisted token key, so tokens are opaque,
 * survive a restart and any change to one fails authentication.
 * Format: `CAIS` + base64(version(1) || iv(12) || ciphertext || tag(16)).
 */
export class TokenSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the STS token key must be 32 bytes');
  }

  seal(payload: TokenPayload): string {
    const sealed = gcmSeal(this.key, Buffer.from(JSON.stringify(payload), 'utf8'), AAD);
    return PREFIX + Buffer.concat([Buffer.of(VERSION), sealed]).toString('base64');
  }

  /** The payload, or undefined when the token is malformed or was not sealed by this key. */
  open(token: string): TokenPayload | undefined {
    if (!token.startsWith(PREFIX)) return undefined;
    const encoded = token.slice(PREFIX.length);
    const raw = Buffer.from(encoded, 'base64');
    if (raw[0] !== VERSION || raw.toString('base64') !== encoded) return undefined;
    const plain = gcmOpen(this.key, raw.subarray(1), AAD);
    return plain === undefined ? undefined : (JSON.parse(plain.toString('utf8')) as TokenPayload);
  }
}
