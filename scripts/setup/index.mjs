// Set-up shared by every task: pnpm, dependencies (frozen lockfile), a Chromium and ffmpeg (the e2e test video).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePnpm } from './pnpm.mjs';
import { ensureChromium, CHROMIUM_ENV } from './chromium.mjs';
import { ensureFfmpeg } from './ffmpeg.mjs';
import { mustRun } from './exec.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @returns {Promise<{root: string, pnpm: string, chromium: string, env: NodeJS.ProcessEnv}>}
 */
export async function runSetup() {
  const root = repoRoot;
  const pnpm = await ensurePnpm(root);
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  await mustRun(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], { cwd: root, env });
  const chromium = await ensureChromium();
  env[CHROMIUM_ENV] = chromium;
  await ensureFfmpeg();
  return { root, pnpm, chromium, env };
}
