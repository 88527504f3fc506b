// Shared test set-up: an in-memory emulator per test file, RSA keys from the vectors, clients and data.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVector } from '@oss-cse/test-vectors';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { Keyring, RsaMasterKey } from '@oss-cse/core';
import { createClient, type NodeClient, type NodeClientOptions } from '../src/index.js';

export interface KeyForms {
  private_key_pkcs1_pem: string;
  private_key_pkcs8_pem: string;
  public_key_pkcs1_pem: string;
  public_key_spki_pem: string;
}

/** The RSA-1024 pair every SDK test uses, and the RSA-2048 pair of the oss2-generated vectors. */
export async function testKeys(): Promise<{ main: KeyForms; other: KeyForms }> {
  const main = await loadVector<KeyForms>('fixed-from-sdk-tests', 'rsa-1024-test-keypair');
  const other = (await loadVector<{ keys: KeyForms }>('oss2-generated', 'put-rsa-pkcs1v15-1-byte')).keys;
  return { main, other };
}

export async function keyringOf(pem: string, description?: Record<string, string>): Promise<Keyring> {
  return new Keyring(await RsaMasterKey.import({ privateKey: pem, ...(description ? { description } : {}) }));
}

export interface TestEnv {
  emulator: Emulator;
  dir: string;
  client(overrides?: Partial<NodeClientOptions>): NodeClient;
  close(): Promise<void>;
}

/**
 * Starts an emulator (in memory, or on disk in the temp directory with `onDisk`) and a temp directory;
 * `client()` makes V4 clients against it.
 */
export async function startTestEnv(keyring: Keyring, options: { onDisk?: boolean } = {}): Promise<TestEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-node-test-'));
  const emulator = await startEmulator({ port: 0, ...(options.onDisk ? { dataDir: join(dir, 'emulator') } : {}) });
  const clients: NodeClient[] = [];
  return {
    emulator,
    dir,
    client(overrides = {}) {
      const c = createClient({
        keyring,
        bucket: emulator.buckets[0]!,
        region: emulator.region,
        endpoint: emulator.ossEndpoint,
        credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        ...overrides,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift). */
export function patternBytes(n: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Byte equality of a result body (a Uint8Array) with the expected bytes. */
export const same = (actual: Uint8Array, expected: Uint8Array): boolean =>
  Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected);

/** A result body as text. */
export const text = (body: Uint8Array): string =>
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
