// One transfer of the lean-memory benchmark (node-memory.mjs), alone in this process so that its peak RSS (written
// by max-rss-hook.mjs when it exits) is its own: what a user's process that makes only this transfer would hold. It
// loads only what that user would (the client, or plain ali-oss for the baseline), never the emulator.
//
//   node --import ./max-rss-hook.mjs node-memory-op.mjs <client-upload|client-download|plain-upload|plain-download>
//
// Two more ops transfer nothing and give the floor under those figures: `empty` (a Node process that loads nothing)
// and `client-idle` (@oss-cse/node loaded, the key imported, the client made).
//
// Settings come in $BENCH_OP (JSON: endpoint, region, bucket, key, file, partSize, concurrency, size, keyFile); the
// emulator's account in OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET. Prints `{"seconds": ...}` (the transfer alone).
import { readFile } from 'node:fs/promises';

const op = process.argv[2];
const o = JSON.parse(process.env.BENCH_OP ?? '{}');
const credentials = { accessKeyId: process.env.OSS_ACCESS_KEY_ID, accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET };

/** The transfer `op` as a function (what is timed), after its client is made. */
async function prepare() {
  if (op === 'empty') return { run: async () => undefined, close: () => undefined };
  if (op.startsWith('client-')) {
    const { createClient } = await import('@oss-cse/node');
    const { RsaMasterKey } = await import('@oss-cse/core');
    const keyring = await RsaMasterKey.import({ privateKey: await readFile(o.keyFile, 'utf8') });
    const client = createClient({
      keyring,
      bucket: o.bucket,
      region: o.region,
      endpoint: o.endpoint,
      credentials,
      partSize: o.partSize,
      concurrency: o.concurrency,
      timeoutMs: 600_000,
    });
    const transfers = {
      'client-upload': () => client.upload(o.key, o.file),
      'client-download': () => client.download(o.key, o.file),
      'client-idle': async () => undefined,
    };
    const run = transfers[op];
    return { run, close: () => client.close() };
  }
  const { plainOss, plainRangedDownload } = await import('./plain-oss.mjs');
  const oss = plainOss({ ossEndpoint: o.endpoint, bucket: o.bucket, region: o.region, ...credentials });
  const run =
    op === 'plain-upload'
      ? () => oss.multipartUpload(o.key, o.file, { partSize: o.partSize, parallel: o.concurrency })
      : () => plainRangedDownload(oss, o.key, o.size, o.file, o.partSize, o.concurrency);
  return { run, close: () => undefined };
}

const { run, close } = await prepare();
const t0 = process.hrtime.bigint();
await run();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
close();
process.stdout.write(`${JSON.stringify({ seconds })}\n`);
