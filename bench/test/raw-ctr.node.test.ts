// The AES-CTR baseline: raw crypto.subtle.encrypt calls kept in flight up to the same byte budget as core's
// transform, their results taken in order (issue 17, item 10).
import { describe, expect, it } from 'vitest';
import { cipherTransform, ContentCipher, readAll } from '@oss-cse/core';
import { DEFAULT_IN_FLIGHT_BYTES } from '../../packages/core/src/cipher/ctr-stream.js';
import { rawCtrPipeline, subtleCtr, RAW_IN_FLIGHT_BYTES } from '../src/raw-ctr.mjs';
import { aesCtrCase } from '../src/aes-ctr-case.mjs';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A fake cipher call that records how many bytes are in calls at once; later calls finish first. */
function countingCipher() {
  const state = { active: 0, maxActive: 0, calls: 0 };
  const encryptAt = async (offset: number, data: Uint8Array) => {
    state.calls++;
    state.active += data.length;
    state.maxActive = Math.max(state.maxActive, state.active);
    await new Promise((r) => setTimeout(r, Math.max(0, 8 - state.calls)));
    state.active -= data.length;
    return new Uint8Array([offset / (512 * KiB)]).buffer;
  };
  return { state, encryptAt };
}

describe('raw subtle AES-CTR baseline', () => {
  it('keeps calls in flight up to the byte budget and takes their results in call order', async () => {
    const { state, encryptAt } = countingCipher();
    const seen: number[] = [];
    await rawCtrPipeline({
      data: new Uint8Array(4 * MiB),
      callBytes: 512 * KiB,
      maxInFlightBytes: 2 * MiB,
      encryptAt,
      onOutput: (out: ArrayBuffer) => seen.push(new Uint8Array(out)[0]!),
    });
    expect(state.calls).toBe(8);
    expect(state.maxActive).toBe(2 * MiB);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("uses the in-flight budget of core's transform", () => {
    expect(RAW_IN_FLIGHT_BYTES).toBe(DEFAULT_IN_FLIGHT_BYTES);
  });

  it("produces the ciphertext core's transform produces", async () => {
    const big = new Uint8Array(3 * MiB + 100);
    for (let o = 0; o < big.length; o += 65536) crypto.getRandomValues(big.subarray(o, o + 65536));
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const iv = crypto.getRandomValues(new Uint8Array(16)).fill(0xff, 8, 16);
    const key = await crypto.subtle.importKey('raw', cek, 'AES-CTR', false, ['encrypt']);
    const parts: Uint8Array[] = [];
    await rawCtrPipeline({
      data: big,
      callBytes: MiB,
      maxInFlightBytes: RAW_IN_FLIGHT_BYTES,
      encryptAt: subtleCtr(key, iv),
      onOutput: (o: ArrayBuffer) => parts.push(new Uint8Array(o)),
    });
    const raw = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (raw.set(p, o), o + p.length), 0);
    const cipher = await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: true });
    const ours = await readAll(new Blob([big]).stream().pipeThrough(cipherTransform(cipher, { mode: 'encrypt' })));
    expect(Buffer.from(raw).equals(Buffer.from(ours))).toBe(true);
  });

  it('runs both raw baselines of the AES-CTR case pipelined (the 1 MiB calls and the same input chunks)', async () => {
    const calls: Array<{ length: number }> = [];
    let active = 0;
    let maxActive = 0;
    const subtle = {
      encrypt: async (algorithm: AesCtrParams, key: CryptoKey, data: Uint8Array) => {
        calls.push({ length: data.length });
        active += data.length;
        maxActive = Math.max(maxActive, active);
        try {
          return await crypto.subtle.encrypt(algorithm, key, data);
        } finally {
          active -= data.length;
        }
      },
    };
    const r = await aesCtrCase({ sizeMiB: 4, inputChunk: 64 * KiB, runs: 1, subtle });
    expect(maxActive).toBe(RAW_IN_FLIGHT_BYTES);
    const sameChunkCalls = calls.filter((c) => c.length === 64 * KiB).length;
    expect(sameChunkCalls).toBeGreaterThan(0);
    expect(r.results.encrypt.sameChunkMibPerSec).toBeGreaterThan(0);
    expect(r.inFlightBytes).toBe(RAW_IN_FLIGHT_BYTES);
  });
});
