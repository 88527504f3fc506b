#!/usr/bin/env node
// `npm start`: the emulator (data in <repo>/.oss-cse, a bucket with a CORS rule for the demo origin, a KMS key),
// the demo backend (STS vending, KMS relay to the emulator's KMS), and the Vite app. Prints the URL and runs
// until Ctrl-C.
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@oss-cse/emulator';
import { createServer } from 'vite';
import { startDemoServer } from '../server/server.mjs';
import { ensureDemoKmsKey } from './demo-kms-key.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(appDir, '..', '..');
const BUCKET = process.env.OSS_CSE_DEMO_BUCKET ?? 'oss-cse-demo';

/** @param {number} preferred */
async function freePort(preferred) {
  /** @param {number} port @returns {Promise<number | null>} */
  const tryPort = (port) =>
    new Promise((resolve) => {
      const s = createNetServer();
      s.once('error', () => resolve(null));
      s.listen(port, '127.0.0.1', () => {
        const p = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
        s.close(() => resolve(p));
      });
    });
  return (await tryPort(preferred)) ?? /** @type {number} */ (await tryPort(0));
}

const port = await freePort(Number(process.env.PORT ?? 5173));
const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
const emulator = await startEmulator({
  port: Number(process.env.OSS_CSE_EMULATOR_PORT ?? 0),
  dataDir: join(repoRoot, '.oss-cse'),
  buckets: [BUCKET],
  corsOrigins: origins,
});
const kmsKey = await ensureDemoKmsKey(emulator);
const backend = await startDemoServer({
  bucket: BUCKET,
  ossEndpoint: emulator.ossEndpoint,
  region: emulator.region,
  pathStyle: true,
  accessKeyId: emulator.accessKeyId,
  accessKeySecret: emulator.accessKeySecret,
  stsEndpoint: emulator.stsEndpoint,
  roleArn: 'acs:ram::1234567890123456:role/oss-cse-demo-uploader',
  tokenSeconds: 900,
  allowedOrigins: origins,
  kms: { keyId: kmsKey.keyId, keyArn: kmsKey.keyArn, target: emulator.kmsEndpoint },
});
process.env.OSS_CSE_DEMO_API = backend.url;
const vite = await createServer({
  root: appDir,
  configFile: join(appDir, 'vite.config.ts'),
  server: { port, strictPort: true, host: '127.0.0.1', proxy: { '/api': backend.url } },
  logLevel: 'warn',
});
await vite.listen();

console.log('');
console.log(`  oss-cse demo:     http://localhost:${port}/`);
console.log(`  emulator (OSS):   ${emulator.ossEndpoint}  bucket ${BUCKET}, data in ${join(repoRoot, '.oss-cse')}`);
console.log(
  `  demo backend:     ${backend.url}  (sign in with a name; STS tokens scoped to users/<name>/ and the KMS key)`,
);
console.log(`  KMS relay:        ${backend.url}/kms-relay/ -> ${emulator.kmsEndpoint}`);
console.log(
  `  KMS key:          ${kmsKey.keyId} (${kmsKey.created ? 'created' : 'kept'} in .oss-cse/, ${emulator.kmsEndpoint})`,
);
console.log('  Ctrl-C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await vite.close();
  await backend.close();
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
