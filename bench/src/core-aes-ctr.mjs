// Core streaming AES-CTR encrypt/decrypt vs raw crypto.subtle.encrypt on the same 1 MiB chunks (goal >= 0.9).
import { ContentCipher, counterBlockAt } from '@oss-cse/core';
import { compare } from './stats.mjs';

const MiB = 1024 * 1024;

export async function benchCoreAesCtr({ sizeMiB = 256, inputChunk = 64 * 1024, cipherChunk = MiB, runs = 5 } = {}) {
  const data = new Uint8Array(sizeMiB * MiB);
  for (let i = 0; i < data.length; i += 4096) data[i] = i & 255;
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(16)).fill(0, 8, 12);
  const rawKey = await crypto.subtle.importKey('raw', cek, 'AES-CTR', false, ['encrypt']);

  const baseline = async () => {
    for (let off = 0; off < data.length; off += cipherChunk) {
      await crypto.subtle.encrypt({ name: 'AES-CTR', counter: counterBlockAt(iv, off), length: 128 }, rawKey, data.subarray(off, off + cipherChunk));
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
      await drain(source().pipeThrough(cipher.transform({ mode, chunkSize: cipherChunk })));
    };
    const r = await compare({ runs, baseline, candidate });
    results[mode] = { ...r, mibPerSec: sizeMiB / r.candidate, baselineMibPerSec: sizeMiB / r.baseline };
  }
  return { sizeMiB, inputChunk, cipherChunk, results };
}
