// Plain ali-oss, the baseline of the Node transfer benchmarks: its client for an emulator, and ranged GETs written
// at their offsets (the plain download). Only ali-oss and node:fs: a process measuring the baseline's memory loads
// nothing of ours.
import { open } from 'node:fs/promises';
import OSS from 'ali-oss';

/** Plain ali-oss (V4) with the emulator `info`'s account: the baseline's client, and the checks' reader. */
export const plainOss = (info) =>
  new OSS({
    endpoint: info.ossEndpoint,
    bucket: info.bucket,
    region: `oss-${info.region}`,
    accessKeyId: info.accessKeyId,
    accessKeySecret: info.accessKeySecret,
    sldEnable: true,
    authorizationV4: true,
    timeout: 600_000,
  });

/** The plain download baseline: ranged GETs of `partSize`, `concurrency` at a time, written at their offsets. */
export async function plainRangedDownload(oss, key, size, file, partSize, concurrency) {
  const handle = await open(file, 'w');
  try {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const offset = next;
        if (offset >= size) return;
        next += partSize;
        const end = Math.min(size, offset + partSize) - 1;
        const r = await oss.get(key, { headers: { Range: `bytes=${offset}-${end}` } });
        await handle.write(r.content, 0, r.content.length, offset);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await handle.close();
  }
}
