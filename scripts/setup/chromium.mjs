// Makes sure a Chromium exists for vitest browser mode and Playwright: Debian's package, installed when missing (root
// only).
import { aptInstall } from './apt.mjs';
import { CHROMIUM_ENV, CHROMIUM_CANDIDATES, findChromium } from '../chromium-launch.mjs';

export { CHROMIUM_ENV };

export async function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (await aptInstall('chromium')) {
    const now = findChromium();
    if (now) return now;
  }
  throw new Error(
    `no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}). Install Debian's "chromium" package ` +
      `(apt-get install -y chromium) or set ${CHROMIUM_ENV} to a Chromium executable.`,
  );
}
