// KMS errors never carry what a request sent. With a wrong AccessKeySecret the gateway (the emulator, like the
// real one) answers SignatureDoesNotMatch and echoes its string to sign, which holds every V1 parameter:
// Plaintext (the data key), EncryptionContext (the passphrase), SecurityToken. None of it may reach the KmsError.
import { inspect } from 'node:util';
import { encryptObject, toBase64, toHex } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsError } from '../errors.js';
import { KmsMasterKey } from '../master-key/kms-master-key.js';
import { percentEncode } from './percent-encode.js';
import type { FetchLike } from './rpc-client.js';

const WRONG_SECRET = 'Wr0ngSecretForRedactionCheck';
const PASSPHRASE = 'RedactionPassphrase7q';
const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 11) & 0xff);

let emu: Emulator;
let keyId: string;
let sts: { accessKeyId: string; accessKeySecret: string; securityToken: string };

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  ({ keyId } = await emu.kms.createKey());
  const { Credentials } = await emu.sts.assumeRole({
    roleArn: 'acs:ram::1:role/redaction',
    roleSessionName: 'redaction',
  });
  sts = {
    accessKeyId: Credentials.AccessKeyId,
    accessKeySecret: Credentials.AccessKeySecret,
    securityToken: Credentials.SecurityToken,
  };
});
afterAll(() => emu?.close());

/**
 * Each secret as sent (raw, percent-encoded once or twice, as a string to sign holds it) and its long base64/hex runs.
 */
function needles(): string[] {
  const context = JSON.stringify({ 'x-passphrase': PASSPHRASE });
  const secrets = [
    toBase64(DATA_KEY),
    toHex(DATA_KEY),
    PASSPHRASE,
    context,
    sts.securityToken,
    sts.accessKeySecret,
    WRONG_SECRET,
  ];
  const out = new Set<string>();
  for (const s of secrets) {
    for (const form of [s, percentEncode(s), percentEncode(percentEncode(s))]) out.add(form);
    for (const run of s.match(/[A-Za-z0-9]{12,}/g) ?? []) out.add(run);
  }
  return [...out];
}

/**
 * Everything a caller, a logger or `console.error` can read from an error: message, stack, fields, JSON, the cause
 * chain.
 */
function exposed(error: unknown): string {
  const parts: string[] = [inspect(error, { depth: 20, showHidden: true })];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    parts.push(String(e), JSON.stringify(e) ?? '');
    if (e instanceof Error) parts.push(e.message, e.stack ?? '');
    if (typeof e === 'object') {
      for (const [name, value] of Object.entries(e))
        parts.push(name, typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
    }
  }
  return parts.join('\n');
}

/** A fetch that keeps the raw answers, to show the gateway did echo the secrets the error must not carry. */
function recordingFetch(): { fetch: FetchLike; bodies: string[] } {
  const bodies: string[] = [];
  return {
    bodies,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      bodies.push(await response.clone().text());
      return response;
    },
  };
}

describe('KMS errors carry no request parameter value', () => {
  for (const layout of ['oss2', 'sdk'] as const) {
    for (const signatureVersion of ['v1', 'acs3'] as const) {
      it(`wrong AccessKeySecret, layout ${layout}, signature ${signatureVersion}`, async () => {
        const recorder = recordingFetch();
        const key = new KmsMasterKey({
          endpoint: emu.kmsEndpoint,
          credentials: {
            accessKeyId: sts.accessKeyId,
            accessKeySecret: WRONG_SECRET,
            securityToken: sts.securityToken,
          },
          keyId,
          layout,
          passphrase: PASSPHRASE,
          signatureVersion,
          retry: { retries: 0 },
          fetch: recorder.fetch,
        });
        const failures = [
          await key.wrap(DATA_KEY, { part: 'key' }).catch((e: unknown) => e),
          await encryptObject({ keyring: key, plaintext: 'redaction check' }).catch((e: unknown) => e),
        ];
        if (signatureVersion === 'v1') {
          // The V1 gateway echoes every parameter: the token always, the data key or the passphrase per layout.
          expect(recorder.bodies.join('\n')).toContain('server string to sign is:');
          expect(needles().some((n) => recorder.bodies.join('\n').includes(n))).toBe(true);
        }
        for (const error of failures) {
          expect(error).toBeInstanceOf(KmsError);
          expect(error).toMatchObject({
            code: 'ERR_KMS',
            reason: 'rejected',
            kmsCode: 'SignatureDoesNotMatch',
            httpStatus: 400,
          });
          expect((error as KmsError).requestId).toMatch(/^[0-9A-F-]{36}$/);
          const text = exposed(error);
          for (const needle of needles()) expect(text, `leaks ${needle.slice(0, 6)}…`).not.toContain(needle);
          expect(text).not.toContain('string to sign');
        }
      });
    }
  }
});
