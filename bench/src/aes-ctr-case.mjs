// The core-vs-raw-subtle AES-CTR comparison, free of Node APIs so the same code runs in Node and in Chromium.
// Core: ContentCipher.transform (its defaults) over a stream of `inputChunk`-sized pieces (what file streams /
// Blob slices deliver). Baseline (scored): raw crypto.subtle.encrypt on `cipherChunk` slices, pipelined like
// core (raw-ctr.mjs). When the input chunks differ from that, raw subtle on the same input chunks (pipelined
// the same way) is measured too, as information. `variants` names other transform options measured in the same
// alternation (e.g. `{ '1 MiB gathered calls': { chunkSize: 1048576 } }`).
import { cipherTransform, ContentCipher, DEFAULT_CHUNK_SIZE } from '@oss-cse/core';
import { median } from './median.mjs';
import { RAW_IN_FLIGHT_BYTES, rawCtrPipeline, subtleCtr } from './raw-ctr.mjs';

const MiB = 1024 * 1024;

/** `now()` in milliseconds (performance.now in both runtimes); `subtle` is the WebCrypto of the raw baselines. */
export async function aesCtrCase({
  sizeMiB = 256,
  inputChunk = 64 * 1024,
  cipherChunk = MiB,
  runs = 5,
  now = () => performance.now(),
  variants = {},
  subtle = crypto.subtle,
} = {}) {
  const data = new Uint8Array(sizeMiB * MiB);
  for (let i = 0; i < data.length; i += 4096) data[i] = i & 255;
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(16)).fill(0, 8, 12);
  const rawKey = await crypto.subtle.importKey('raw', cek, 'AES-CTR', false, ['encrypt']);
  const time = async (fn) => {
    const t0 = now();
    await fn();
    return (now() - t0) / 1000;
  };
  const raw = (callBytes) => () =>
    rawCtrPipeline({
      data,
      callBytes,
      maxInFlightBytes: RAW_IN_FLIGHT_BYTES,
      encryptAt: subtleCtr(rawKey, iv, subtle),
    });
  const baseline = raw(cipherChunk);
  const sameChunks = inputChunk !== cipherChunk ? raw(inputChunk) : null;
  const source = () =>
    new ReadableStream({
      start(c) {
        for (let off = 0; off < data.length; off += inputChunk) c.enqueue(data.subarray(off, off + inputChunk));
        c.close();
      },
    });
  const drain = async (stream) => {
    const reader = stream.getReader();
    for (;;) if ((await reader.read()).done) return;
  };
  const results = {};
  for (const mode of ['encrypt', 'decrypt']) {
    const transformed = (options) => async () => {
      const cipher = await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: mode === 'encrypt' });
      await drain(source().pipeThrough(cipherTransform(cipher, { mode, ...options })));
    };
    const candidate = transformed({});
    const others = Object.entries(variants).map(([name, options]) => [name, transformed(options)]);
    // Alternate baseline and candidates after one warm-up each, so drifts hit all of them.
    await baseline();
    await candidate();
    const b = [];
    const c = [];
    const s = [];
    const v = Object.fromEntries(others.map(([name]) => [name, []]));
    for (let i = 0; i < runs; i++) {
      b.push(await time(baseline));
      c.push(await time(candidate));
      if (sameChunks) s.push(await time(sameChunks));
      for (const [name, fn] of others) v[name].push(await time(fn));
    }
    const r = { baseline: median(b), candidate: median(c) };
    results[mode] = {
      ...r,
      ratio: r.baseline / r.candidate,
      mibPerSec: sizeMiB / r.candidate,
      baselineMibPerSec: sizeMiB / r.baseline,
    };
    if (sameChunks) {
      const same = median(s);
      Object.assign(results[mode], { sameChunkMibPerSec: sizeMiB / same, sameChunkRatio: same / r.candidate });
    }
    if (others.length) {
      results[mode].variants = Object.fromEntries(
        Object.entries(v).map(([name, t]) => [
          name,
          { options: variants[name], mibPerSec: sizeMiB / median(t), ratio: r.baseline / median(t) },
        ]),
      );
    }
  }
  return {
    sizeMiB,
    inputChunk,
    cipherChunk,
    inFlightBytes: RAW_IN_FLIGHT_BYTES,
    coreChunkSize: DEFAULT_CHUNK_SIZE,
    runs,
    results,
  };
}
