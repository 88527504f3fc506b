// The baseline of the batch-copy bench: every file below a directory put with plain ali-oss (no encryption), with
// `jobs` requests in flight, as `cp -r` does. Usage: node plain-put-tree.mjs <dir> <prefix> <jobs>.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const { default: OSS } = await import(pathToFileURL(require.resolve('ali-oss')).href);
const [dir, prefix, jobs] = process.argv.slice(2);
const oss = new OSS({
  endpoint: process.env.OSS_ENDPOINT,
  bucket: process.env.OSS_BUCKET,
  region: `oss-${process.env.OSS_REGION}`,
  accessKeyId: process.env.OSS_ACCESS_KEY_ID,
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET,
  sldEnable: true,
  authorizationV4: true,
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
