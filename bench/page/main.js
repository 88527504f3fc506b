// The Chromium side of the benchmarks: functions on `window` that bench/src/chromium.mjs calls with page.evaluate.
import OSS from 'ali-oss';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { createClient } from '@oss-cse/browser';
import { aesCtrCase } from '../src/aes-ctr-case.mjs';

const MiB = 1024 * 1024;
let file;
let encrypted;
let plain;

window.benchAes = (options) => aesCtrCase(options);

/** Builds the source File once (random 16 MiB block repeated; the Blob holds its own copy, outside the JS heap). */
window.makeFile = async (sizeMiB) => {
  file = undefined;
  const block = new Uint8Array(16 * MiB);
  for (let off = 0; off < block.length; off += 65536) crypto.getRandomValues(block.subarray(off, off + 65536));
  const parts = [];
  for (let off = 0; off < sizeMiB * MiB; off += block.length) parts.push(block.subarray(0, Math.min(block.length, sizeMiB * MiB - off)));
  file = new File(parts, `bench-${sizeMiB}.bin`, { lastModified: Date.now() });
  return file.size;
};

window.setupClients = async ({ endpoint, region, bucket, sts }) => {
  encrypted?.close();
  const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey });
  encrypted = createClient({
    keyring: masterKey, bucket, endpoint, region: `oss-${region}`, database: `bench-${crypto.randomUUID()}`,
    credentials: async () => sts,
  });
  plain = new OSS({
    endpoint, region: `oss-${region}`, bucket, sldEnable: true, secure: false,
    accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret, stsToken: sts.securityToken, timeout: 600_000,
  });
  return true;
};

const seconds = async (fn) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

window.uploadEncrypted = ({ key, partSize, concurrency }) =>
  seconds(() => encrypted.upload(file, key, { partSize, concurrency, resume: false }));

window.uploadPlain = ({ key, partSize, concurrency }) =>
  seconds(() => plain.multipartUpload(key, file, { partSize, parallel: concurrency }));

/**
 * The page's floor: the same part-sized Blob slices sent as presigned `fetch` PUTs (no SDK, no encryption),
 * `concurrency` at a time, to separate objects.
 */
let floorRetries = 0;
/** PUTs the last uploadPresigned() call retried. */
window.floorRetries = () => floorRetries;
window.uploadPresigned = ({ key, partSize, concurrency }) =>
  seconds(async () => {
    floorRetries = 0;
    let next = 0;
    const names = [];
    const worker = async () => {
      for (let i = next++; i * partSize < file.size; i = next++) {
        const name = `${key}-${i}`;
        names.push(name);
        // A network error (not an HTTP error) is retried twice: the floor is a reference figure, not a test.
        for (let attempt = 1; ; attempt++) {
          try {
            const r = await fetch(plain.signatureUrl(name, { method: 'PUT', expires: 3600 }), { method: 'PUT', body: file.slice(i * partSize, (i + 1) * partSize) });
            if (!r.ok) throw new Error(`presigned PUT ${r.status}`);
            break;
          } catch (e) {
            if (!(e instanceof TypeError) || attempt === 3) throw e;
            floorRetries++;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    for (let i = 0; i < names.length; i += 500) await plain.deleteMulti(names.slice(i, i + 500), { quiet: true });
  });

window.deleteObject = async (key) => {
  await plain.delete(key);
  return true;
};

window.heapUsed = () => performance.memory?.usedJSHeapSize ?? null;
