// The browser client (Chromium, real ali-oss transport) against the emulator's fault injection: connection
// resets, 500/503 bursts, slow responses past the timeout, expired STS-style credentials, a skewed server clock,
// a page "reload" mid-upload that resumes from IndexedDB, and two clients writing the same key. Every object ends
// byte-identical (CRC-64, exact AES-CTR at every offset, decrypts); IndexedDB records never hold the data key.
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import fc from 'fast-check';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { createClient, type BrowserClient } from '@oss-cse/browser';
import { CounterLedger, assertNoKeyIn, inspectStored, isTypedError, patternBytes, type CaseRecord } from './support/checks.js';

const emu = inject('reliabilityEmulator');
const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey });
const PART = 102_400;
const ledger = new CounterLedger();
const records: CaseRecord[] = [];
const clients: BrowserClient[] = [];

/** Fault injection over the emulator's admin routes (a simple no-cors POST: the response is not needed). */
async function admin(path: string, body?: unknown): Promise<void> {
  await fetch(`${emu.ossEndpoint}/__emulator${path}`, { method: 'POST', mode: 'no-cors', body: body === undefined ? '' : JSON.stringify(body) });
}
const fault = (rule: Record<string, unknown>) => admin('/faults', rule);

function client(options: { database?: string; timeout?: number; credentials?: () => Promise<{ accessKeyId: string; accessKeySecret: string }> } = {}): BrowserClient {
  const c = createClient({
    keyring: masterKey, bucket: emu.bucket, endpoint: emu.ossEndpoint, region: `oss-${emu.region}`,
    database: options.database ?? `reliability-${crypto.randomUUID()}`, timeout: options.timeout,
    credentials: options.credentials ?? (async () => ({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret })),
    retry: { retries: 6, baseDelayMs: 2, maxDelayMs: 20 },
  });
  clients.push(c);
  return c;
}

async function verify(c: BrowserClient, key: string, source: Uint8Array) {
  const { bytes, headers } = await c.stored(key);
  const inspection = await inspectStored({ headers: headers as Record<string, string>, ciphertext: bytes }, masterKey, source);
  ledger.add(key, inspection);
  expect(new Uint8Array(await (await c.download(key)).arrayBuffer())).toEqual(source);
  return inspection;
}

const file = (size: number, seed: number) => new File([patternBytes(size, seed) as BlobPart], `f${seed}.bin`, { lastModified: seed });
const record = (name: string, faults: string, outcome: string, checks: string[]) => records.push({ client: 'browser', name, faults, outcome, checks });

afterAll(async () => {
  for (const c of clients) c.close();
  // Relative to the vitest root (the repository).
  await commands.writeFile('test-results/reliability-browser.json', JSON.stringify({ cases: records }, null, 2));
});

beforeEach((ctx) => ctx.onTestFailed(() => { record(ctx.task.name, '-', 'failed', []); }));

describe('browser client under faults (Chromium)', () => {
  it('connection resets mid-part and 500/503 bursts are retried with identical ciphertext', async () => {
    const src = file(5 * PART + 3, 1);
    await fault({ type: 'reset', operation: 'UploadPart', afterBytes: 30_000, count: 2 });
    await fault({ type: 'fail', operation: 'UploadPart', status: 503, code: 'ServiceUnavailable', count: 3 });
    await fault({ type: 'fail', operation: 'CompleteMultipartUpload', status: 500, count: 1 });
    await fault({ type: 'fail', operation: 'GetObject', status: 500, count: 2 });
    const c = client();
    await c.upload(src, 'b/reset.bin', { partSize: PART, concurrency: 3 });
    await verify(c, 'b/reset.bin', new Uint8Array(await src.arrayBuffer()));
    record('connection resets mid-part + 500/503 bursts (parts, complete, GET)', '2 resets, 4 failed responses, 2 failed GETs', 'byte-identical', ['CRC-64', 'AES-CTR at offsets', 'decrypts']);
  });

  it('a response slower than the timeout is abandoned and retried', async () => {
    const src = file(3 * PART, 2);
    await fault({ type: 'delay', operation: 'UploadPart', delayMs: 2500, count: 1 });
    const c = client({ timeout: 800 });
    await c.upload(src, 'b/slow.bin', { partSize: PART, concurrency: 2 });
    await verify(c, 'b/slow.bin', new Uint8Array(await src.arrayBuffer()));
    record('slow response past the request timeout', '1 part delayed 2.5 s (timeout 0.8 s)', 'byte-identical', ['CRC-64', 'AES-CTR at offsets', 'decrypts']);
  });

  it('credentials rejected mid-upload (SecurityTokenExpired) are refreshed once and the part resent', async () => {
    const src = file(4 * PART, 3);
    let vended = 0;
    await fault({ type: 'fail', operation: 'UploadPart', status: 403, code: 'SecurityTokenExpired', count: 1 });
    const c = client({ credentials: async () => { vended++; return { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret }; } });
    await c.upload(src, 'b/sts.bin', { partSize: PART, concurrency: 1 });
    expect(vended).toBe(2);
    await verify(c, 'b/sts.bin', new Uint8Array(await src.arrayBuffer()));
    record('STS token expiring mid-upload (SecurityTokenExpired)', '1 part answered 403 SecurityTokenExpired', 'refreshed once, byte-identical', ['CRC-64', 'AES-CTR at offsets', 'decrypts']);
  });

  it('a server clock skewed by 20 minutes: typed error or transparent', async () => {
    const src = file(2 * PART, 4);
    await admin('/clock', { shiftMs: 20 * 60_000 });
    const c = client();
    const r = await c.upload(src, 'b/skew.bin', { partSize: PART }).then(() => 'completed', (e: unknown) => e);
    await admin('/clock', { shiftMs: -20 * 60_000 });
    let outcome = 'byte-identical (ali-oss corrected its clock from ServerTime)';
    if (r !== 'completed') {
      expect(isTypedError(r)).toBe(true);
      outcome = `typed ${(r as { code: string }).code}; after the clock is back, the upload completes byte-identical`;
      await c.upload(src, 'b/skew.bin', { partSize: PART });
    }
    await verify(c, 'b/skew.bin', new Uint8Array(await src.arrayBuffer()));
    record('server clock skewed +20 min', '1 clock shift (+20 min, then back)', outcome, ['CRC-64', 'AES-CTR at offsets', 'decrypts']);
  });

  it('a page reload mid-upload resumes from IndexedDB; the records never hold the data key', async () => {
    const src = file(6 * PART, 5);
    const database = `reliability-reload-${crypto.randomUUID()}`;
    // The page goes away after 2 parts: the upload is paused (kept), as a closed tab leaves it.
    const leave = new AbortController();
    let parts = 0;
    const first = client({ database });
    const e = await first.upload(src, 'b/reload.bin', { partSize: PART, concurrency: 1, signal: leave.signal, onAbort: 'keep', onPart: () => { if (++parts === 2) leave.abort(); } }).catch((x: unknown) => x);
    expect(isTypedError(e)).toBe(true);
    const pending = await first.pendingUploads();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.parts.length).toBeGreaterThanOrEqual(2);
    first.close();
    const second = client({ database });
    const r = await second.upload(src, 'b/reload.bin', { partSize: PART });
    expect(r.uploadId).toBe(pending[0]!.uploadId);
    expect(r.resumedParts).toBeGreaterThanOrEqual(2);
    const inspection = await verify(second, 'b/reload.bin', new Uint8Array(await src.arrayBuffer()));
    assertNoKeyIn([JSON.stringify(pending)], inspection.keyForms, 'an IndexedDB record');
    expect(await second.pendingUploads()).toEqual([]);
    record('page left mid-upload (paused after 2 parts), reloaded, resumed from IndexedDB', 'AbortSignal with onAbort keep after 2 parts', `typed ${(e as { code: string }).code}, then resumed (${r.resumedParts} parts kept) to byte-identical`, ['CRC-64', 'AES-CTR at offsets (same key and IV)', 'decrypts', 'IndexedDB record holds no data key', 'record removed']);
  });

  it('an aborted upload leaves nothing pending; two clients writing one key leave one whole object', async () => {
    const ac = new AbortController();
    const c = client();
    await fault({ type: 'delay', operation: 'UploadPart', delayMs: 200, count: 2 });
    const aborted = c.upload(file(4 * PART, 6), 'b/abort.bin', { partSize: PART, concurrency: 1, signal: ac.signal, onPart: () => ac.abort() }).catch((x: unknown) => x);
    expect(isTypedError(await aborted) && (await aborted as { code: string }).code).toBe('ERR_ABORTED');
    expect(await c.pendingUploads()).toEqual([]);
    await expect(c.head('b/abort.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });

    const a = file(4 * PART + 1, 7);
    const b = file(3 * PART + 5, 8);
    const results = await Promise.allSettled([client().upload(a, 'b/race.bin', { partSize: PART }), client().upload(b, 'b/race.bin', { partSize: PART })]);
    expect(results.some((x) => x.status === 'fulfilled')).toBe(true);
    const { bytes } = await c.stored('b/race.bin');
    const winner = bytes.length === a.size ? a : b;
    await verify(c, 'b/race.bin', new Uint8Array(await winner.arrayBuffer()));
    record('upload aborted; two clients uploading the same key at once', 'AbortSignal after the first part; concurrent uploads', 'typed ERR_ABORTED, nothing pending; the race leaves one byte-identical object', ['no pending record', 'no object after abort', 'CRC-64', 'AES-CTR at offsets', 'decrypts']);
  });

  it('random getRange strings: exactly the requested bytes or a typed error (fast-check)', async () => {
    const c = client();
    const plain = patternBytes(2000, 9);
    await c.upload(new File([plain as BlobPart], 'r.bin'), 'b/range.bin');
    const range = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.tuple(fc.integer({ min: 0, max: 2050 }), fc.integer({ min: 0, max: 2050 })).map(([a, b]) => `${a}-${b}`),
      fc.nat({ max: 2050 }).map((n) => `-${n}`),
    );
    let runs = 0;
    await fc.assert(fc.asyncProperty(range, async (r) => {
      runs++;
      const got = await c.getRange('b/range.bin', r).then((x) => x, (e: unknown) => e);
      if (got instanceof Uint8Array) {
        const m = /^(\d*)-(\d*)$/.exec(r.trim());
        expect(m).not.toBeNull();
        const [first, last] = m![1] === '' ? [Math.max(0, 2000 - Number(m![2])), 1999] : [Number(m![1]), Math.min(1999, m![2] === '' ? 1999 : Number(m![2]))];
        expect(got).toEqual(plain.subarray(first, last + 1));
      } else {
        expect(isTypedError(got)).toBe(true);
      }
    }), { numRuns: 60, seed: 3 });
    records.push({ client: 'browser', name: 'bad input: random `getRange` strings (fast-check)', faults: `${runs} inputs`, outcome: 'exact plaintext bytes or a typed error', checks: ['no crash', 'no hang'] });
  });

  it('no two uploads shared a data key and IV', () => {
    expect(ledger.size).toBeGreaterThanOrEqual(6);
  });
});
