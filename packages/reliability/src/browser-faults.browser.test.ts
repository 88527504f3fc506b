// The browser client (Chromium, real ali-oss transport) against the emulator's fault injection: connection
// resets, 500/503 bursts, slow responses past the timeout, expired STS-style credentials, a skewed server clock,
// a page "reload" mid-upload that resumes from IndexedDB, and two clients writing the same key. Faults are
// injected and counted from Node (browser commands of test/browser-commands.ts): each scenario asserts what the
// emulator's counters say it injected, and reports that figure. Every object ends byte-identical (CRC-64, exact
// AES-CTR at every offset, decrypts in the page, and decrypts in Node with node:crypto alone); IndexedDB records
// never hold the data key.
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import fc from 'fast-check';
import { RsaMasterKey, toHex } from '@oss-cse/core';
import { createClient, type BrowserClient, type RetryEvent, type UploadRecord } from '@oss-cse/browser';
import {
  CounterLedger,
  assertNoKeyIn,
  describeFaults,
  faultDelta,
  inspectStored,
  isTypedError,
  patternBytes,
  type CaseRecord,
  type FaultCounters,
  type FuzzRecord,
} from './support/checks.js';
import { rangeCases, selected } from './support/range-model.js';

const emu = inject('reliabilityEmulator');
const masterKey = await RsaMasterKey.import({ privateKey: emu.privateKeyPem });
const PART = 102_400;
const ledger = new CounterLedger();
const records: CaseRecord[] = [];
const fuzzRecords: FuzzRecord[] = [];
const clients: BrowserClient[] = [];

/** One admin call from Node (a JSON POST without an Origin); anything but 200 fails the scenario. */
async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await commands.reliabilityAdmin({ method, path, body });
  if (res.status !== 200)
    throw new Error(`admin ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
const fault = (rule: Record<string, unknown>) => admin('POST', '/faults', rule);
const counters = async () => (await admin('GET', '/faults')) as FaultCounters & { rules: unknown[] };

function client(
  options: {
    database?: string;
    timeoutMs?: number;
    credentials?: () => Promise<{ accessKeyId: string; accessKeySecret: string }>;
  } = {},
): BrowserClient {
  const c = createClient({
    keyring: masterKey,
    bucket: emu.bucket,
    endpoint: emu.ossEndpoint,
    region: `oss-${emu.region}`,
    database: options.database ?? `reliability-${crypto.randomUUID()}`,
    timeoutMs: options.timeoutMs,
    credentials:
      options.credentials ?? (async () => ({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret })),
    retry: { retries: 6, baseDelayMs: 2, maxDelayMs: 20 },
  });
  clients.push(c);
  return c;
}

const sha256 = async (bytes: Uint8Array) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));

/** In the page: CRC-64, AES-CTR at every offset, decrypts, downloads identical. In Node: node:crypto decrypts it. */
async function verify(c: BrowserClient, key: string, source: Uint8Array) {
  const { bytes, headers } = await c.stored(key);
  const inspection = await inspectStored(
    { headers: headers as Record<string, string>, ciphertext: bytes },
    masterKey,
    source,
  );
  ledger.add(key, inspection);
  expect(new Uint8Array(await (await c.downloadBlob(key)).arrayBuffer())).toEqual(source);
  const independent = await commands.reliabilityReadStored(key);
  expect(independent).toEqual({ sha256: await sha256(source), length: source.length, ivHex: inspection.ivHex });
  return inspection;
}
const CHECKS = ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'node:crypto decrypts the stored bytes'];

/** Runs a scenario between two readings of the emulator's counters; returns what it injected. */
async function injected(scenario: () => Promise<void>): Promise<FaultCounters> {
  const before = await counters();
  await scenario();
  const after = await counters();
  expect(after.rules).toEqual([]);
  return faultDelta(after, before);
}
const none = { failed: 0, reset: 0, delayed: 0, stsExpirations: 0, clockShifts: 0 };

const file = (size: number, seed: number) =>
  new File([patternBytes(size, seed) as BlobPart], `f${seed}.bin`, { lastModified: seed });
const bytesOf = async (f: Blob) => new Uint8Array(await f.arrayBuffer());
const FUZZ = 'get ranges (strings) from the range model';
const FUZZ_RECORD = 'range strings for the browser client `get(key, { range })` from the range model (Chromium)';
const record = (name: string, faults: string, outcome: string, checks: string[]) =>
  records.push({ client: 'browser', name, faults, outcome, checks });

afterAll(async () => {
  for (const c of clients) c.close();
  await commands.reliabilityWriteResults({ cases: records, fuzz: fuzzRecords });
});

beforeEach((ctx) =>
  ctx.onTestFailed(() => {
    if (ctx.task.name.startsWith(FUZZ)) fuzzRecords.push({ name: FUZZ_RECORD, runs: 0, result: 'failed' });
    else record(ctx.task.name, '-', 'failed', []);
  }),
);

describe('browser client under faults (Chromium)', () => {
  it('connection resets mid-part and 500/503 bursts are retried with identical ciphertext', async () => {
    const big = file(5 * PART + 3, 1);
    const small = file(50_000, 10);
    const c = client();
    const retries: RetryEvent[] = [];
    const delta = await injected(async () => {
      await fault({ type: 'reset', operation: 'UploadPart', afterBytes: 30_000, count: 2 });
      await fault({ type: 'fail', operation: 'UploadPart', status: 503, code: 'ServiceUnavailable', count: 3 });
      await fault({ type: 'fail', operation: 'CompleteMultipartUpload', status: 500, count: 1 });
      await fault({ type: 'fail', operation: 'PutObject', status: 503, code: 'ServiceUnavailable', count: 1 });
      await fault({ type: 'fail', operation: 'GetObject', status: 500, count: 2 });
      await c.upload('b/reset.bin', big, { partSize: PART, concurrency: 3, onRetry: (e) => retries.push(e) });
      await c.upload('b/single.bin', small, { onRetry: (e) => retries.push(e) });
      await verify(c, 'b/reset.bin', await bytesOf(big));
      await verify(c, 'b/single.bin', await bytesOf(small));
    });
    expect(delta).toEqual({ ...none, failed: 7, reset: 2 });
    // Each failed answer of the upload was retried once by the client. A reset may be retried by Chromium itself
    // (a request on a reused keep-alive socket that fails before any answer), so those events number 0 to 2.
    const answered = retries.map(
      (r) => (r.error as { details?: { operation?: string; status?: number | null } }).details ?? {},
    );
    expect(
      answered
        .filter((d) => d.status !== null)
        .map((d) => `${d.operation?.split(' ', 1)[0]} ${d.status}`)
        .sort(),
    ).toEqual(['CompleteMultipartUpload 500', 'PutObject 503', 'UploadPart 503', 'UploadPart 503', 'UploadPart 503']);
    expect(answered.filter((d) => d.status === null).length).toBeLessThanOrEqual(2);
    record(
      'connection resets mid-part + 500/503 bursts (parts, complete, single PUT, GET)',
      describeFaults(delta),
      'byte-identical',
      CHECKS,
    );
  });

  it('a response slower than the timeout is abandoned and retried', async () => {
    const src = file(3 * PART, 2);
    const c = client({ timeoutMs: 800 });
    const retries: RetryEvent[] = [];
    let elapsed = 0;
    const delta = await injected(async () => {
      await fault({ type: 'delay', operation: 'UploadPart', delayMs: 5000, count: 1 });
      const t0 = performance.now();
      await c.upload('b/slow.bin', src, { partSize: PART, concurrency: 2, onRetry: (e) => retries.push(e) });
      elapsed = performance.now() - t0;
    });
    expect(delta).toEqual({ ...none, delayed: 1 });
    // The timeout fired (no answer, a retryable network failure naming the timeout), the part was resent, and nobody
    // waited for the delay.
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      partNumber: expect.any(Number),
      error: {
        code: 'ERR_TRANSPORT',
        message: expect.stringContaining('timeout'),
        details: { status: null, retryable: true },
      },
    });
    expect(elapsed).toBeLessThan(5000);
    await verify(c, 'b/slow.bin', await bytesOf(src));
    record(
      'slow response past the request timeout',
      `${describeFaults(delta)} (5 s; timeout 0.8 s)`,
      `the timeout fired and the part was resent (${(elapsed / 1000).toFixed(1)} s); byte-identical`,
      [...CHECKS, 'timeout retry event', 'finished before the delay'],
    );
  });

  it('credentials rejected mid-upload (SecurityTokenExpired) are refreshed once and the part resent', async () => {
    const src = file(4 * PART, 3);
    let vended = 0;
    const c = client({
      credentials: async () => {
        vended++;
        return { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret };
      },
    });
    const delta = await injected(async () => {
      await fault({ type: 'fail', operation: 'UploadPart', status: 403, code: 'SecurityTokenExpired', count: 1 });
      await c.upload('b/sts.bin', src, { partSize: PART, concurrency: 1 });
    });
    expect(delta).toEqual({ ...none, failed: 1 });
    expect(vended).toBe(2);
    await verify(c, 'b/sts.bin', await bytesOf(src));
    record(
      'STS token expiring mid-upload (SecurityTokenExpired)',
      describeFaults(delta),
      'refreshed once (2 tokens vended), byte-identical',
      [...CHECKS, 'one refresh'],
    );
  });

  it("a server clock skewed by 20 minutes: ali-oss corrects its clock from the server's time and the upload completes", async () => {
    const src = file(2 * PART, 4);
    const c = client();
    const retries: RetryEvent[] = [];
    const delta = await injected(async () => {
      await admin('POST', '/clock', { shiftMs: 20 * 60_000 });
      try {
        await c.upload('b/skew.bin', src, { partSize: PART, onRetry: (e) => retries.push(e) });
      } finally {
        await admin('POST', '/clock', { shiftMs: -20 * 60_000 });
      }
    });
    expect(delta).toEqual({ ...none, clockShifts: 2 });
    // ali-oss (browser build) retries RequestTimeTooSkewed itself with the corrected time: no retry of ours.
    expect(retries).toEqual([]);
    await verify(c, 'b/skew.bin', await bytesOf(src));
    record(
      'server clock skewed +20 min',
      describeFaults(delta),
      'transparent: ali-oss corrected its clock from the server time; byte-identical',
      [...CHECKS, 'no retry needed'],
    );
  });

  it('a page reload mid-upload resumes from IndexedDB; the records never hold the data key', async () => {
    const src = file(6 * PART, 5);
    const database = `reliability-reload-${crypto.randomUUID()}`;
    let e: unknown;
    let pending: UploadRecord[] = [];
    let resumed = 0;
    const delta = await injected(async () => {
      // The page goes away after 2 parts: the upload is paused (kept), as a closed tab leaves it.
      const leave = new AbortController();
      let parts = 0;
      const first = client({ database });
      e = await first
        .upload('b/reload.bin', src, {
          partSize: PART,
          concurrency: 1,
          signal: leave.signal,
          onAbort: 'keep',
          onPart: () => {
            if (++parts === 2) leave.abort();
          },
        })
        .catch((x: unknown) => x);
      expect(isTypedError(e) && e.code).toBe('ERR_ABORTED');
      const records = await first.pendingTransfers();
      pending = records.filter((x): x is UploadRecord => x.kind === 'upload');
      expect(pending).toHaveLength(records.length);
      expect(pending).toHaveLength(1);
      expect(pending[0]!.parts.length).toBeGreaterThanOrEqual(2);
      first.close();
      const second = client({ database });
      const r = await second.upload('b/reload.bin', src, { partSize: PART });
      expect(r.uploadId).toBe(pending[0]!.uploadId);
      resumed = r.resumedParts;
      expect(resumed).toBeGreaterThanOrEqual(2);
      const inspection = await verify(second, 'b/reload.bin', await bytesOf(src));
      assertNoKeyIn([JSON.stringify(pending)], inspection.keyForms, 'an IndexedDB record');
      expect(await second.pendingTransfers()).toEqual([]);
    });
    expect(delta).toEqual(none);
    record(
      'page left mid-upload (paused after 2 parts), reloaded, resumed from IndexedDB',
      'none (AbortSignal with onAbort keep after 2 parts)',
      `typed ERR_ABORTED, then resumed (${resumed} parts kept) to byte-identical`,
      [...CHECKS, 'AES-CTR at offsets (same key and IV)', 'IndexedDB record holds no data key', 'record removed'],
    );
  });

  it('an aborted upload leaves nothing pending and no object; two clients writing one key leave one whole object', async () => {
    const c = client();
    const a = file(4 * PART + 1, 7);
    const b = file(3 * PART + 5, 8);
    const delta = await injected(async () => {
      const ac = new AbortController();
      await fault({ type: 'delay', operation: 'UploadPart', delayMs: 200, count: 1 });
      const aborted = await c
        .upload('b/abort.bin', file(4 * PART, 6), {
          partSize: PART,
          concurrency: 1,
          signal: ac.signal,
          onPart: () => ac.abort(),
        })
        .catch((x: unknown) => x);
      expect(isTypedError(aborted) && aborted.code).toBe('ERR_ABORTED');
      expect(await c.pendingTransfers()).toEqual([]);
      await expect(c.head('b/abort.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
      const results = await Promise.allSettled([
        client().upload('b/race.bin', a, { partSize: PART }),
        client().upload('b/race.bin', b, { partSize: PART }),
      ]);
      for (const r of results) if (r.status === 'rejected') expect(isTypedError(r.reason)).toBe(true);
      expect(results.some((x) => x.status === 'fulfilled')).toBe(true);
    });
    expect(delta).toEqual({ ...none, delayed: 1 });
    const { bytes } = await c.stored('b/race.bin');
    const winner = bytes.length === a.size ? a : b;
    await verify(c, 'b/race.bin', await bytesOf(winner));
    record(
      'upload aborted; two clients uploading the same key at once',
      `${describeFaults(delta)}; AbortSignal after the first part; concurrent uploads`,
      'typed ERR_ABORTED, nothing pending, no object; the race leaves one byte-identical object',
      ['no pending record', 'no object after abort (HEAD 404)', ...CHECKS],
    );
  });

  it(`${FUZZ}: exactly the model's bytes, or its code`, async () => {
    const c = client();
    const plain = patternBytes(2000, 9);
    await c.upload('b/range.bin', new File([plain as BlobPart], 'r.bin'));
    const seen = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(rangeCases(plain.length), async ({ input, outcome }) => {
        const got = await c.get('b/range.bin', { range: input }).then(
          (x) => x.body,
          (e: unknown) => e,
        );
        const want = selected(plain, outcome);
        if (want) {
          seen.valid++;
          expect(got, `range ${JSON.stringify(input)}`).toEqual(want);
        } else {
          seen.invalid++;
          expect(isTypedError(got) && got.code, `range ${JSON.stringify(input)}`).toBe('ERR_INVALID_RANGE');
        }
      }),
      { numRuns: 60, seed: 3 },
    );
    expect(Math.min(seen.valid, seen.invalid)).toBeGreaterThan(10);
    fuzzRecords.push({
      name: FUZZ_RECORD,
      runs: seen.valid + seen.invalid,
      result: `${seen.valid} valid: exactly the model's bytes; ${seen.invalid} invalid: ERR_INVALID_RANGE`,
    });
  });

  it('no two uploads shared a data key and IV', () => {
    expect(ledger.size).toBeGreaterThanOrEqual(7);
  });
});
