// fast-check over `client.get(key, { range })` of the Node client against the emulator, with inputs generated
// from the range model (support/range-model.ts): a valid range must return exactly the model's plaintext bytes,
// an invalid one must fail with the model's code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Keyring, RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type NodeClient } from '@oss-cse/node';
import { isTypedError, patternBytes } from './support/checks.js';
import { rangeCases, selected } from './support/range-model.js';
import { recordFuzz } from './support/summary.js';

const SIZE = 3000;
const data = patternBytes(SIZE, 21);
let emu: Emulator;
let client: NodeClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  client = createClient({
    keyring: new Keyring(
      await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey }),
    ),
    bucket: emu.buckets[0]!,
    region: emu.region,
    endpoint: emu.ossEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
    retry: { retries: 0 },
  });
  await client.put('r.bin', Buffer.from(data));
});
afterAll(async () => {
  client.close();
  await emu.close();
});
beforeEach((ctx) => ctx.onTestFailed(() => recordFuzz({ name: ctx.task.name, runs: 0, result: 'failed' })));

describe('Node client ranges (fast-check, from the range model)', () => {
  it("valid ranges return exactly the model's bytes, invalid ones fail with its code", async () => {
    const seen = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(rangeCases(SIZE), async ({ input, outcome }) => {
        const got = await client.get('r.bin', { range: input }).then(
          (x) => x.body,
          (e: unknown) => e,
        );
        const want = selected(data, outcome);
        if (want) {
          seen.valid++;
          expect(got, `range ${JSON.stringify(input)}`).toBeInstanceOf(Uint8Array);
          expect(Buffer.from(got as Uint8Array).equals(want), `range ${JSON.stringify(input)}`).toBe(true);
        } else {
          seen.invalid++;
          expect(isTypedError(got) && got.code, `range ${JSON.stringify(input)}`).toBe('ERR_INVALID_RANGE');
        }
      }),
      { numRuns: 150, seed: 5 },
    );
    expect(Math.min(seen.valid, seen.invalid)).toBeGreaterThan(30);
    await recordFuzz({
      name: 'range strings for the Node client `get` from the range model (against the emulator)',
      runs: seen.valid + seen.invalid,
      result: `${seen.valid} valid: exactly the model's bytes; ${seen.invalid} invalid: ERR_INVALID_RANGE`,
    });
  });
});
