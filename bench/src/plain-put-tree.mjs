// The baseline of the batch-copy bench: every file below a directory put with plain ali-oss (no encryption), with
// `jobs` requests in flight, as `cp -r` does. Usage: node plain-put-tree.mjs <dir> <prefix> <jobs>.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { plainOss } from './transfer-fixture.mjs';

const [dir, prefix, jobs] = process.argv.slice(2);
const oss = plainOss({
  ossEndpoint: process.env.OSS_ENDPOINT,
  bucket: process.env.OSS_BUCKET,
  region: process.env.OSS_REGION,
  accessKeyId: process.env.OSS_ACCESS_KEY_ID,
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET,
});
const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name));
let next = 0;
await Promise.all(
  Array.from({ length: Number(jobs) }, async () => {
    while (next < files.length) {
      const path = files[next++];
      await oss.put(`${prefix}/${relative(dir, path).split(sep).join('/')}`, await readFile(path));
    }
  }),
);
