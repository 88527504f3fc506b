// The e2e test video: 40 s of 640x360 WebM (VP8, a keyframe every second, constant 5 Mbit/s so that bytes are
// proportional to seconds: about 23 MiB), encoded with ffmpeg once and kept in the temp directory between runs.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VIDEO_SECONDS = 40;

export function testVideo(): string {
  const path = join(tmpdir(), 'oss-cse-e2e-video-v1.webm');
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.partial.webm`;
  const r = spawnSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25,noise=alls=50:allf=t+u'],
      ...['-t', String(VIDEO_SECONDS), '-an', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'],
      ...['-b:v', '5M', '-minrate', '5M', '-maxrate', '5M', '-g', '25', partial],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (r.error || r.status !== 0)
    throw new Error(`ffmpeg could not encode the test video (npm run setup installs ffmpeg): ${r.stderr ?? r.error}`);
  renameSync(partial, path);
  return path;
}
