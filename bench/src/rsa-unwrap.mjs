// RSA-2048 PKCS#1 v1.5 unwrap ops/s. Node: core's previous BigInt path, the portable path (wasm SIMD, and its
// JavaScript fallback), @oss-cse/node's OpenSSL seam, and raw node:crypto (privateDecrypt RSA_NO_PADDING plus a
// padding parse). Chromium: the BigInt and portable paths in a page. Ratios: Node seam vs raw node:crypto,
// Chromium portable vs BigInt.
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../../scripts/chromium-launch.mjs';
import { portableContenders, rsaUnwrapCase, viaMasterKey } from './rsa-unwrap-case.mjs';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** PKCS#1 v1.5 type 2 parse of a raw RSA output, as a raw-RSA user would write it (constant-time style). */
function parsePkcs1Type2(em, expectedLength) {
  let bad = em[0] | (em[1] ^ 2);
  let sep = 0;
  for (let i = 2; i < em.length; i++) {
    const isZero = em[i] === 0 ? 1 : 0;
    if (sep === 0 && isZero) sep = i;
  }
  bad |= sep < 10 ? 1 : 0;
  bad |= em.length - sep - 1 !== expectedLength ? 1 : 0;
  if (bad) throw new Error('unwrap failed');
  return em.subarray(sep + 1);
}

const PORTABLE = 'portable (default: wasm SIMD)';
const BIGINT = 'BigInt (previous core path)';
const SEAM = '@oss-cse/node OpenSSL seam';
const RAW = 'raw node:crypto';

export async function benchRsaUnwrapNode({ seconds = 2, runs = 3 } = {}) {
  const core = await load('@oss-cse/core');
  const { nodeRsaPrivateOperation } = await load('@oss-cse/node');
  const results = await rsaUnwrapCase(
    core,
    {
      ...portableContenders(core),
      [SEAM]: viaMasterKey(nodeRsaPrivateOperation),
      [RAW]: async ({ privateKey, wrapped }) => {
        const key = createPrivateKey({ key: core.exportRsaJwk(privateKey), format: 'jwk' });
        return async () => parsePkcs1Type2(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, wrapped), 32);
      },
    },
    { seconds, runs },
  );
  return {
    bits: 2048,
    results,
    seamVsRaw: results[SEAM].opsPerSec / results[RAW].opsPerSec,
    portableVsBigInt: results[PORTABLE].opsPerSec / results[BIGINT].opsPerSec,
  };
}

export async function benchRsaUnwrapChromium({ seconds = 2, runs = 3 } = {}) {
  const vite = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../rsa-page/', import.meta.url)),
    logLevel: 'error',
    resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await vite.listen();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${vite.httpServer.address().port}/`);
    await page.waitForFunction(() => typeof window.benchRsaUnwrap === 'function', undefined, { timeout: 120_000 });
    const results = await page.evaluate((o) => window.benchRsaUnwrap(o), { seconds, runs });
    return { bits: 2048, results, portableVsBigInt: results[PORTABLE].opsPerSec / results[BIGINT].opsPerSec };
  } finally {
    await browser.close();
    await vite.close();
  }
}

/** `node bench/src/rsa-unwrap.mjs [seconds] [runs]`: both, printed. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [seconds, runs] = [Number(process.argv[2] ?? 2), Number(process.argv[3] ?? 3)];
  const show = (label, r) => {
    for (const [name, x] of Object.entries(r.results))
      console.log(`${label} ${name}: ${x.opsPerSec.toFixed(0)} ops/s (${x.min.toFixed(0)}..${x.max.toFixed(0)})`);
  };
  const node = await benchRsaUnwrapNode({ seconds, runs });
  show('node', node);
  console.log(
    `node: seam / raw node:crypto ${node.seamVsRaw.toFixed(2)}, portable / BigInt ${node.portableVsBigInt.toFixed(2)}`,
  );
  const chrome = await benchRsaUnwrapChromium({ seconds, runs });
  show('chromium', chrome);
  console.log(`chromium: portable / BigInt ${chrome.portableVsBigInt.toFixed(2)}`);
}
