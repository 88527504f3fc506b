// The demo stack for Playwright: emulator (admin routes for faults) + demo backend (allowing the page origin only;
// Vite's proxy keeps the page's Host) + Vite dev server of apps/demo, plus Node-side helpers (the account's
// ali-oss client, a PEM key, test files).
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateRsaKeyPair,
  RsaMasterKey,
} from '../../packages/core/src/index.js';
import { startEmulator, type Emulator, type RequestLogEntry } from '../../packages/emulator/src/index.js';
import { ossClient, type LooseOss } from '../../packages/emulator/test/support/clients.js';
import { startDemoServer } from '../../apps/demo/server/server.mjs';
import { ensureDemoKmsKey } from '../../apps/demo/scripts/demo-kms-key.mjs';

export const BUCKET = 'e2e-demo';
/** The name the specs sign in with, and the prefix its token is scoped to. */
export const USER = 'demo';
export const PREFIX = `users/${USER}/`;

export interface DemoStack {
  emulator: Emulator;
  url: string;
  oss: LooseOss;
  /** Every request the emulator answered, in order (its request log). */
  requests: RequestLogEntry[];
  /** The demo KMS key the page's KMS option writes with (reached through the backend's relay). */
  kmsKeyId: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export async function startDemoStack(): Promise<DemoStack> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const requests: RequestLogEntry[] = [];
  const emulator = await startEmulator({
    port: 0,
    buckets: [BUCKET],
    corsOrigins: [origin],
    admin: true,
    onRequest: (entry) => requests.push(entry),
  });
  const admin = ossClient(emulator, { bucket: BUCKET });
  // KMS without CORS, as the real gateway: the page reaches it only through the backend's relay.
  const kms = await ensureDemoKmsKey(emulator);
  const backend = await startDemoServer({
    bucket: BUCKET,
    ossEndpoint: emulator.ossEndpoint,
    region: emulator.region,
    pathStyle: true,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    stsEndpoint: emulator.stsEndpoint,
    roleArn: 'acs:ram::1234567890123456:role/e2e-uploader',
    tokenSeconds: 900,
    allowedOrigins: [origin],
    kms: { keyId: kms.keyId, keyArn: kms.keyArn, target: emulator.kmsEndpoint },
  });
  const root = join(import.meta.dirname, '..', '..', 'apps', 'demo');
  const vite: ViteDevServer = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1', proxy: { '/api': backend.url } },
  });
  await vite.listen();
  return {
    emulator,
    url: `${origin}/`,
    oss: admin,
    requests,
    kmsKeyId: kms.keyId,
    async close() {
      await vite.close();
      await backend.close();
      await emulator.close();
    },
  };
}

/** A PEM private key made in Node (what a user would paste), its public key PEM, and its master key. */
export async function pemKey(): Promise<{ pem: string; publicPem: string; masterKey: RsaMasterKey }> {
  const { privateKey, publicKey } = await generateRsaKeyPair();
  return {
    pem: await exportPrivateKeyPem(privateKey),
    publicPem: exportPublicKeyPem(publicKey),
    masterKey: await RsaMasterKey.import({ privateKey }),
  };
}

export const tmp = mkdtempSync(join(tmpdir(), 'oss-cse-e2e-'));

export function writeFile(name: string, data: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
export const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** A 2x2 PNG. */
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ),
);
