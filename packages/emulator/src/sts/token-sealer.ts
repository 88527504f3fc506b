import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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
const IV_BYTES = 12;
const TAG_BYTES = 16;
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
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64');
  }

  /** The payload, or undefined when the token is malformed or was not sealed by this key. */
  open(token: string): TokenPayload | undefined {
    if (!token.startsWith(PREFIX)) return undefined;
    const raw = Buffer.from(token.slice(PREFIX.length), 'base64');
    if (raw.length < 1 + IV_BYTES + TAG_BYTES || raw[0] !== VERSION) return undefined;
    if (raw.toString('base64') !== token.slice(PREFIX.length)) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(1, 1 + IV_BYTES)).setAAD(AAD);
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as TokenPayload;
    } catch {
      return undefined;
    }
  }
}
