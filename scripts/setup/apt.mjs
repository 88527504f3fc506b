// Installs a Debian package with apt-get when the set-up runs as root on a Debian-like system (one time).
import { capture, mustRun, isRoot } from './exec.mjs';

/** @returns {Promise<boolean>} whether apt-get ran (false: not root, or no apt-get). */
export async function aptInstall(name, why) {
  if (!isRoot() || capture('sh', ['-c', 'command -v apt-get']) === null) return false;
  console.log(`setup: installing Debian ${name} with apt-get (one time${why ? `: ${why}` : ''})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await mustRun('apt-get', ['update', '-qq'], { env });
  await mustRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], { env });
  return true;
}
