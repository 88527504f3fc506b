// Where Debian's Chromium lives and how to launch it; shared by set-up, vitest browser mode, Playwright and benchmarks.
import { existsSync } from 'node:fs';

export const CHROMIUM_ENV = 'OSS_CSE_CHROMIUM';
export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium executable: $OSS_CSE_CHROMIUM, else Debian's paths; null when none exists. */
export function findChromium() {
  const fromEnv = process.env[CHROMIUM_ENV];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${CHROMIUM_ENV}=${fromEnv} does not exist`);
    return fromEnv;
  }
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function chromiumLaunchOptions() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(`No Chromium found: run \`npm run setup\` (installs Debian chromium) or set ${CHROMIUM_ENV}.`);
  }
  return { executablePath, args: CHROMIUM_ARGS };
}
