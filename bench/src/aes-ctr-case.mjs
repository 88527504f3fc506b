// The core-vs-raw-subtle AES-CTR comparison, free of Node APIs so the same code runs in Node and in Chromium.
// Core: ContentCipher.transform (its defaults) over a stream of `inputChunk`-sized pieces (what file streams /
// Blob slices deliver). Baseline: crypto.subtle.encrypt on `cipherChunk` slices, one call at a time; and, when
// the input chunks differ from that, raw subtle on the same input chunks as a second, looser baseline.
import { ContentCipher, counterBlockAt } from '@oss-cse/core';
import { median } from './median.mjs';

const MiB = 1024 * 1024;


/** `now()` in milliseconds (performance.now in both runtimes). */
export async function aesCtrCase({ sizeMiB = 256, inputChunk = 64 * 1024, cipherChunk = MiB, runs = 5, now = () => performance.now(), transformOptions = {} } = {}) {
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

  const baseline = async () => {
    for (let off = 0; off < data.length; off += cipherChunk) {
      await crypto.subtle.encrypt({ name: 'AES-CTR', counter: counterBlockAt(iv, off), length: 128 }, rawKey, data.subarray(off, off + cipherChunk));
    }
  };
  const sameChunks = async () => {
    for (let off = 0; off < data.length; off += inputChunk) {
      await crypto.subtle.encrypt({ name: 'AES-CTR', counter: counterBlockAt(iv, off), length: 128 }, rawKey, data.subarray(off, off + inputChunk));
    }
  };
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
    const candidate = async () => {
      const cipher = await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: mode === 'encrypt' });
      await drain(source().pipeThrough(cipher.transform({ mode, ...transformOptions })));
    };
    // Alternate baseline and candidate after one warm-up each, so drifts hit both.
    await baseline();
    await candidate();
    const b = [];
    const c = [];
    const s = [];
    for (let i = 0; i < runs; i++) {
      b.push(await time(baseline));
      c.push(await time(candidate));
      if (inputChunk !== cipherChunk) s.push(await time(sameChunks));
    }
    const r = { baseline: median(b), candidate: median(c) };
    results[mode] = { ...r, ratio: r.baseline / r.candidate, mibPerSec: sizeMiB / r.candidate, baselineMibPerSec: sizeMiB / r.baseline };
    if (s.length) {
      const same = median(s);
      Object.assign(results[mode], { sameChunkMibPerSec: sizeMiB / same, sameChunkRatio: same / r.candidate });
    }
  }
  return { sizeMiB, inputChunk, cipherChunk, runs, results };
}
