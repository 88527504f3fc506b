// Packs every public package once (pnpm pack: workspace:* becomes the version) and installs the tarballs with npm
// into one fresh project in a temporary directory outside the workspace (no workspace links; third-party
// dependencies from the npm registry through the local npm cache, offline first), with the fixtures copied in.
import { cp, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSUMER_TOOLS, PUBLIC_PACKAGES, type PublicPackage } from './packages.js';
import { mustRun } from '../../scripts/test-support/processes.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'consumer/fixtures/app');

/** Builds the packages unless `npm test` already did (it sets OSS_CSE_BUILT=1). */
export async function buildOnce(): Promise<void> {
  if (process.env['OSS_CSE_BUILT'] === '1') return;
  await mustRun('pnpm', ['run', 'build'], { cwd: ROOT, timeoutMs: 600_000 });
}

/** Packs the public packages into `<dir>/tarballs`. */
export async function packAll(dir: string): Promise<Record<PublicPackage, string>> {
  const out = join(dir, 'tarballs');
  await mkdir(out, { recursive: true });
  const tarballs = {} as Record<PublicPackage, string>;
  for (const name of PUBLIC_PACKAGES) {
    const before = new Set(await readdir(out));
    await mustRun('pnpm', ['pack', '--pack-destination', out], { cwd: join(ROOT, 'packages', name) });
    const made = (await readdir(out)).filter((f) => !before.has(f) && f.endsWith('.tgz'));
    if (made.length !== 1) throw new Error(`pnpm pack of ${name} made ${made.length} tarballs`);
    tarballs[name] = join(out, made[0]!);
  }
  return tarballs;
}

/** A fresh npm project with the fixtures and every tarball installed; returns its directory. */
export async function installApp(dir: string, tarballs: Record<PublicPackage, string>): Promise<string> {
  const app = join(dir, 'app');
  await cp(FIXTURES, app, { recursive: true });
  const dependencies: Record<string, string> = { ...CONSUMER_TOOLS };
  for (const name of PUBLIC_PACKAGES) dependencies[`@oss-cse/${name}`] = `file:${tarballs[name]}`;
  await writeFile(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'oss-cse-consumer', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: app,
    timeoutMs: 600_000,
  });
  return app;
}

/** A temporary directory outside the workspace. */
export const consumerDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'oss-cse-consumer-'));
