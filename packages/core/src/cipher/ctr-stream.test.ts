// The streaming CTR transform (Node + Chromium): in-place and gathered calls, unaligned chunk boundaries,
// the in-flight budget, output order, and the WebCrypto input-copy guarantee the gather buffer relies on.
import { describe, expect, it } from 'vitest';
import { ContentCipher } from './content-cipher.js';
import { createCtrTransform } from './ctr-stream.js';
import { generateIv } from './aes-ctr.js';
import { readAll } from '../streams/slice-stream.js';
import { cipherTransform } from './cipher-transform.js';
import { patternBytes, sameBytes } from '../../test/support/vectors.js';
import { OssCseError } from '../errors.js';
import { asBufferSource } from '../util/bytes.js';

const KiB = 1024;

const streamOfSizes = (data: Uint8Array, sizes: number[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      let off = 0;
      for (let i = 0; off < data.length; i++) {
        const n = sizes[i % sizes.length]!;
        // Fresh copies: the transform may keep views of chunks, never of a buffer the source reuses.
        c.enqueue(data.slice(off, off + n));
        off += n;
      }
      c.close();
    },
  });

/** A process() that records calls and answers out of order (later calls may settle first). */
function recordingProcess(options: { copy: boolean }) {
  const calls: Array<{ offset: number; length: number }> = [];
  let inFlight = 0;
  let peak = 0;
  const process = async (offset: number, data: Uint8Array) => {
    calls.push({ offset, length: data.length });
    const out = options.copy ? data.map((b, i) => b ^ ((offset + i) & 255)) : data.slice();
    inFlight += data.length;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, (calls.length * 7) % 5));
    inFlight -= data.length;
    return options.copy ? out : out.map((b, i) => b ^ ((offset + i) & 255));
  };
  return { calls, process, peak: () => peak };
}

describe('createCtrTransform', () => {
  it('keeps the output in order and every call 16-aligned, whatever the chunking', async () => {
    const data = patternBytes(700 * KiB + 5, 3);
    const expected = data.map((b, i) => b ^ (i & 255));
    for (const sizes of [
      [64 * KiB],
      [1000],
      [5, 70_000, 3, 200_000, 17, 16],
      [300 * KiB + 1],
      [16 * KiB, 16 * KiB + 3],
    ]) {
      for (const copy of [false, true]) {
        const rec = recordingProcess({ copy });
        const out = await readAll(
          streamOfSizes(data, sizes).pipeThrough(
            createCtrTransform({ chunkSize: 32 * KiB, process: rec.process, copiesInput: copy }),
          ),
        );
        expect(sameBytes(out, expected), `sizes ${sizes} copy ${copy}`).toBe(true);
        let next = 0;
        for (const c of rec.calls) {
          expect(c.offset).toBe(next);
          expect(c.offset % 16).toBe(0);
          next += c.length;
        }
        expect(next).toBe(data.length);
      }
    }
  });

  it('gathers small chunks to chunkSize and passes large ones through whole', async () => {
    const data = patternBytes(256 * KiB, 5);
    const small = recordingProcess({ copy: false });
    await readAll(
      streamOfSizes(data, [4 * KiB]).pipeThrough(createCtrTransform({ chunkSize: 64 * KiB, process: small.process })),
    );
    expect(small.calls.map((c) => c.length)).toEqual([64 * KiB, 64 * KiB, 64 * KiB, 64 * KiB]);
    const large = recordingProcess({ copy: false });
    await readAll(
      streamOfSizes(data, [128 * KiB]).pipeThrough(createCtrTransform({ chunkSize: 64 * KiB, process: large.process })),
    );
    expect(large.calls.map((c) => c.length)).toEqual([128 * KiB, 128 * KiB]);
  });

  it('completes an unaligned tail from the next chunk with one block, then goes on in place', async () => {
    const aligned = recordingProcess({ copy: false });
    await readAll(
      streamOfSizes(patternBytes(3 * 100_000, 9), [100_000]).pipeThrough(
        createCtrTransform({ chunkSize: 64 * KiB, process: aligned.process }),
      ),
    );
    expect(aligned.calls.map((c) => c.length)).toEqual([100_000, 100_000, 100_000]);
    // 100_004 = 6250 blocks + 4 bytes: each tail is completed by a 16-byte call, the rest stays in place.
    const unaligned = recordingProcess({ copy: false });
    await readAll(
      streamOfSizes(patternBytes(3 * 100_004, 9), [100_004]).pipeThrough(
        createCtrTransform({ chunkSize: 64 * KiB, process: unaligned.process }),
      ),
    );
    expect(unaligned.calls.map((c) => c.length)).toEqual([100_000, 16, 99_984, 16, 99_984, 12]);
  });

  it('keeps the bytes in cipher calls within maxInFlightBytes', async () => {
    const data = patternBytes(2 * 1024 * KiB, 1);
    const rec = recordingProcess({ copy: false });
    await readAll(
      streamOfSizes(data, [64 * KiB]).pipeThrough(
        createCtrTransform({ chunkSize: 64 * KiB, maxInFlightBytes: 256 * KiB, process: rec.process }),
      ),
    );
    expect(rec.peak()).toBeLessThanOrEqual(256 * KiB);
    expect(rec.peak()).toBeGreaterThan(64 * KiB); // calls do overlap
  });

  it('refuses chunks that are not bytes with a typed error', async () => {
    const source = new ReadableStream<unknown>({
      start: (c) => {
        c.enqueue('text');
        c.close();
      },
    });
    const rec = recordingProcess({ copy: false });
    await expect(
      readAll(
        source.pipeThrough(
          createCtrTransform({ process: rec.process }) as unknown as TransformStream<unknown, Uint8Array>,
        ),
      ),
    ).rejects.toSatisfy((e: unknown) => e instanceof OssCseError && e.code === 'ERR_INVALID_ARGUMENT');
  });

  it('relies on WebCrypto copying its input before encrypt() returns (the reused gather buffer)', async () => {
    const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-CTR', false, [
      'encrypt',
    ]);
    const counter = asBufferSource(generateIv());
    const data = asBufferSource(patternBytes(256 * KiB, 4));
    const expected = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 128 }, key, data));
    const scratch = data.slice();
    const pending = crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 128 }, key, scratch);
    scratch.fill(0xee); // what the transform does when it gathers the next call into the same buffer
    expect(sameBytes(new Uint8Array(await pending), expected)).toBe(true);
  });

  it('ContentCipher streams 64 KiB file-style chunks through its reused gather buffer correctly', async () => {
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const iv = generateIv();
    const data = patternBytes(3 * 1024 * KiB + 11, 8);
    const oneShot = await (await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: true })).encryptAt(0, data);
    const enc = await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: true });
    const streamed = await readAll(
      streamOfSizes(data, [64 * KiB, 1000, 600 * KiB + 5]).pipeThrough(cipherTransform(enc, { mode: 'encrypt' })),
    );
    expect(sameBytes(streamed, oneShot)).toBe(true);
    const dec = await ContentCipher.fromDataKey(cek.slice(), iv);
    expect(
      sameBytes(
        await readAll(streamOfSizes(streamed, [64 * KiB]).pipeThrough(cipherTransform(dec, { mode: 'decrypt' }))),
        data,
      ),
    ).toBe(true);
  });
});
