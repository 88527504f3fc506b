// Property tests (Node + Chromium): chunked == one-shot, any 16-aligned split, ranges == slices of the whole.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContentCipher } from './content-cipher.js';
import { generateIv } from './aes-ctr.js';
import { planRangedRead, planRangeResponse } from '../plan/ranged-read.js';
import { readAll } from '../streams/slice-stream.js';
import { cipherTransform } from './cipher-transform.js';
import { patternBytes, sameBytes } from '../../test/support/vectors.js';

const MiB = 1024 * 1024;
const pattern = patternBytes;
const cipherPair = async () => {
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = generateIv();
  return {
    enc: () => ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: true }),
    dec: () => ContentCipher.fromDataKey(cek.slice(), iv),
  };
};
const streamOf = (data: Uint8Array, cuts: number[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      let prev = 0;
      for (const cut of [...cuts.filter((x) => x > 0 && x < data.length)].sort((a, b) => a - b).concat(data.length)) {
        c.enqueue(data.slice(prev, cut));
        prev = cut;
      }
      c.close();
    },
  });

describe('AES-CTR properties', () => {
  it('16-aligned segments encrypted on their own equal one-shot encryption', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * MiB }),
        fc.array(fc.integer({ min: 0, max: (3 * MiB) / 16 }), { maxLength: 6 }),
        fc.integer(),
        async (size, splits, seed) => {
          const keys = await cipherPair();
          const data = pattern(size, seed);
          const oneShot = await (await keys.enc()).encryptAt(0, data);
          const cuts = [...new Set(splits.map((s) => s * 16).filter((c) => c < size))].sort((a, b) => a - b);
          const enc = await keys.enc();
          const pieces: Uint8Array[] = [];
          let prev = 0;
          for (const cut of cuts.concat(size)) {
            pieces.push(await enc.encryptAt(prev, data.subarray(prev, cut)));
            prev = cut;
          }
          const joined = new Uint8Array(size);
          let o = 0;
          for (const p of pieces) {
            joined.set(p, o);
            o += p.length;
          }
          expect(sameBytes(joined, oneShot)).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('streaming transform (any input chunking, small cipher calls) equals one-shot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * MiB }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 4096 }),
        async (size, cutSeeds, chunkBlocks) => {
          const keys = await cipherPair();
          const data = pattern(size, size + 7);
          const oneShot = await (await keys.enc()).encryptAt(0, data);
          const cuts = cutSeeds.map((s) => (size ? s % size : 0));
          const streamed = await readAll(
            streamOf(data, cuts).pipeThrough(
              cipherTransform(await keys.enc(), { mode: 'encrypt', chunkSize: chunkBlocks * 16 }),
            ),
          );
          expect(sameBytes(streamed, oneShot)).toBe(true);
          const back = await readAll(
            streamOf(streamed, cuts).pipeThrough(cipherTransform(await keys.dec(), { mode: 'decrypt' })),
          );
          expect(sameBytes(back, data)).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a ranged decrypt equals the slice of the full decrypt', async () => {
    const keys = await cipherPair();
    const size = 3 * MiB + 5;
    const data = pattern(size, 99);
    const ciphertext = await (await keys.enc()).encryptAt(0, data);
    const dec = await keys.dec();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size - 1 }), async (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const plan = planRangedRead({ start, end }, size);
        const served = ciphertext.subarray(plan.alignedStart, end + 1);
        const r = planRangeResponse(plan, `bytes ${plan.alignedStart}-${end}/${size}`);
        const plain = (await dec.decryptAt(r.counterOffset, served)).subarray(r.discard, r.discard + r.length!);
        expect(sameBytes(plain, data.subarray(start, end + 1))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('encrypts and decrypts empty and 1-byte inputs', async () => {
    const keys = await cipherPair();
    const enc = await keys.enc();
    expect(await enc.encryptAt(0, new Uint8Array(0))).toHaveLength(0);
    const one = await enc.encryptAt(0, new Uint8Array([42]));
    expect(await (await keys.dec()).decryptAt(0, one)).toEqual(new Uint8Array([42]));
  });
});
