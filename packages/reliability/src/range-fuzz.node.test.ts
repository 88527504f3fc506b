// fast-check over `client.get(key, { range })` of the Node client against the emulator: random range strings
// and objects either return exactly the requested plaintext bytes or fail with a typed OssCseError.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Keyring, RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type OssCseClient } from '@oss-cse/node';
import { isTypedError, patternBytes } from './support/checks.js';
import { recordFuzz } from './support/summary.js';

const SIZE = 3000;
const data = patternBytes(SIZE, 21);
let emu: Emulator;
let client: OssCseClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  client = createClient({
    keyring: new Keyring(await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey })),
    bucket: emu.buckets[0]!, region: emu.region, endpoint: emu.ossEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret }, retry: { retries: 0 },
  });
  await client.put('r.bin', Buffer.from(data));
});
afterAll(async () => {
  client.close();
  await emu.close();
});
beforeEach((ctx) => ctx.onTestFailed(() => recordFuzz({ name: ctx.task.name, runs: 0, result: 'failed' })));

/** What a byte range "a-b", "a-" or "-n" (optionally "bytes=…") selects, or null when it is not one. */
function expected(range: string): Uint8Array | null {
  const m = /^(?:bytes=)?(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') return Number(m[2]) === 0 ? null : data.subarray(Math.max(0, SIZE - Number(m[2])));
  const first = Number(m[1]);
  const last = m[2] === '' ? SIZE - 1 : Math.min(Number(m[2]), SIZE - 1);
  if (first > last || first >= SIZE) return null;
  return data.subarray(first, last + 1);
}

describe('Node client bad ranges (fast-check)', () => {
  it('random range strings: the exact bytes or a typed error', async () => {
    const range = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.tuple(fc.integer({ min: 0, max: SIZE + 50 }), fc.integer({ min: 0, max: SIZE + 50 })).map(([a, b]) => `${a}-${b}`),
      fc.nat({ max: SIZE + 50 }).map((n) => `-${n}`),
      fc.nat({ max: SIZE + 50 }).map((n) => `${n}-`),
      fc.constantFrom('bytes=0-1', '0-1,3-4', ' 0-1', '0x10-0x20', '1e3-2e3', '-', '--1', '18446744073709551616-'),
    );
    let runs = 0;
    await fc.assert(fc.asyncProperty(range, async (r) => {
      runs++;
      const want = expected(r);
      const got = await client.get('r.bin', { range: r }).then((x) => x.body, (e: unknown) => e);
      if (got instanceof Uint8Array) {
        // Anything accepted must be exactly a valid range's bytes.
        expect(want).not.toBeNull();
        expect(Buffer.from(got).equals(Buffer.from(want!))).toBe(true);
      } else {
        expect(isTypedError(got)).toBe(true);
      }
    }), { numRuns: 150, seed: 5 });
    await recordFuzz({ name: 'random `range` strings for the Node client `get` (against the emulator)', runs, result: 'exact plaintext bytes or a typed OssCseError' });
  });
});
