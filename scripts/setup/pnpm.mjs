// Makes sure pnpm at the version pinned in package.json's packageManager is available.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capture, mustRun, isRoot } from './exec.mjs';

export function pinnedPnpmVersion(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const m = /^pnpm@(.+)$/.exec(pkg.packageManager ?? '');
  if (!m) throw new Error('package.json has no "packageManager": "pnpm@x.y.z"');
  return m[1];
}

/** Returns the path (or name) of a pnpm binary of the pinned version, installing it when needed. */
export async function ensurePnpm(root) {
  const want = pinnedPnpmVersion(root);
  if (capture('pnpm', ['--version']) === want) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && capture(local, ['--version']) === want) return local;
  if (isRoot()) {
    console.log(`setup: installing pnpm@${want} globally with npm`);
    await mustRun('npm', ['install', '-g', `pnpm@${want}`, '--no-fund', '--no-audit']);
    if (capture('pnpm', ['--version']) === want) return 'pnpm';
  }
  console.log(`setup: installing pnpm@${want} into .tools/`);
  await mustRun('npm', [
    'install',
    '--prefix',
    join(root, '.tools'),
    '--no-save',
    '--no-fund',
    '--no-audit',
    `pnpm@${want}`,
  ]);
  if (capture(local, ['--version']) !== want) throw new Error(`could not install pnpm@${want}`);
  return local;
}
