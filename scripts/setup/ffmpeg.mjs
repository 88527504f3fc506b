// Makes sure ffmpeg exists: the Service Worker e2e spec encodes its test video with it. Debian's package, installed
// when missing (root only).
import { aptInstall } from './apt.mjs';
import { capture } from './exec.mjs';

const found = () => capture('sh', ['-c', 'command -v ffmpeg']);

export async function ensureFfmpeg() {
  if (found()) return;
  if ((await aptInstall('ffmpeg', 'the e2e video')) && found()) return;
  throw new Error('no ffmpeg found: install Debian\'s "ffmpeg" package (apt-get install -y ffmpeg)');
}
