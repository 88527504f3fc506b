// The Node client against the emulator's fault injection: every transfer ends byte-identical (CRC-64, exact
// AES-CTR of the source at every offset, decrypts with core and with node:crypto alone) or with the typed error
// the scenario expects; no half-written destination, no multipart upload left after an abort, no plaintext data
// key in checkpoints, no (key, IV) pair used twice. Each scenario asserts the faults the emulator counted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { Keyring, RsaMasterKey } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type NodeClient, type NodeClientOptions } from '@oss-cse/node';
import {
  CounterLedger,
  assertNoKeyIn,
  describeFaults,
  faultDelta,
  inspectStored,
  isTypedError,
  patternBytes,
  type FaultCounters,
  type Inspection,
} from './support/checks.js';
import { recordCase } from './support/summary.js';
import { rawOss, readIndependently, sha256Hex, type EmulatorAccess } from '../test/independent-read.js';

const PART = 100 * 1024 + 16;
let emu: Emulator;
let dir: string;
let keyring: Keyring;
let raw: OSS;
let access: EmulatorAccess;
/** The suite's RSA-2048 key, made by node:crypto (the independent reader uses the same PEM). */
const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const ledger = new CounterLedger();
const clients: NodeClient[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-'));
  emu = await startEmulator({ port: 0, minStsDurationSeconds: 1 });
  keyring = new Keyring(await RsaMasterKey.import({ privateKey: privateKeyPem }));
  access = {
    ossEndpoint: emu.ossEndpoint,
    region: emu.region,
    bucket: emu.buckets[0]!,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
  };
  raw = rawOss(access);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function client(overrides: Partial<NodeClientOptions> = {}): NodeClient {
  const c = createClient({
    keyring,
    bucket: emu.buckets[0]!,
    region: emu.region,
    endpoint: emu.ossEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
    partSize: PART,
    multipartThreshold: PART,
    concurrency: 3,
    retry: { retries: 6, baseDelayMs: 2, maxDelayMs: 20 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

async function stored(key: string): Promise<{ headers: Record<string, string>; ciphertext: Uint8Array }> {
  const r = await raw.get(key);
  return { headers: r.res.headers as Record<string, string>, ciphertext: new Uint8Array(r.content as Buffer) };
}

/** Checks the stored object against its source (core, then node:crypto alone) and records its (key, IV) pair. */
async function verify(key: string, source: Uint8Array): Promise<Inspection> {
  const inspection = await inspectStored(await stored(key), keyring, source);
  ledger.add(key, inspection);
  expect(await readIndependently(access, key, privateKeyPem)).toEqual({
    sha256: sha256Hex(source),
    length: source.length,
    ivHex: inspection.ivHex,
  });
  return inspection;
}
const CHECKS = ['CRC-64', 'AES-CTR at offsets', 'decrypts', 'node:crypto decrypts the stored bytes'];
const none: FaultCounters = { failed: 0, reset: 0, delayed: 0, stsExpirations: 0, clockShifts: 0 };
/** What the emulator counted since `before`; no rule may be left unused. */
function injectedSince(before: FaultCounters): FaultCounters {
  expect(emu.faults.stats().rules).toEqual([]);
  return faultDelta(emu.faults.stats(), before);
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
beforeEach((ctx) =>
  ctx.onTestFailed(() =>
    recordCase({ client: 'node', name: ctx.task.name, faults: '-', outcome: 'failed', checks: [] }),
  ),
);

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
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, reset: 5 });
    await recordCase({
      client: 'node',
      name: 'connection reset mid-part (upload + download)',
      faults: describeFaults(delta),
      outcome: 'byte-identical',
      checks: [...CHECKS, 'download identical'],
    });
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
    expect(faultDelta(emu.faults.stats(), before)).toEqual({ ...none, failed: 11 });
    // A burst longer than the retry budget ends in a typed error and leaves no multipart upload behind.
    emu.faults.failNext({ operation: 'UploadPart', count: 50, status: 503, code: 'ServiceUnavailable' });
    const e = await client({ concurrency: 1, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } })
      .upload('burst-fail.bin', file)
      .catch((x: unknown) => x);
    emu.faults.clear();
    expect(isTypedError(e) && e.code).toBe('ERR_TRANSPORT');
    expect(await pending('burst-fail')).toBe(0);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, failed: 14 });
    await recordCase({
      client: 'node',
      name: '500/503 bursts (initiate, parts, complete, GET); burst beyond retries',
      faults: describeFaults(delta),
      outcome: 'byte-identical; beyond the retry budget (3 attempts): typed ERR_TRANSPORT, upload aborted',
      checks: [...CHECKS, 'ListMultipartUploads empty after failure'],
    });
  });

  it('responses slower than the timeout are abandoned and retried', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('slow.bin', 3 * PART, 3);
    const DELAY = 5000;
    const c = client({ timeoutMs: 800 });
    // Without the timeout each transfer would wait out the delayed answer; with it, the request is abandoned and
    // retried (it can only finish early through another attempt).
    emu.faults.delay({ operation: 'UploadPart', delayMs: DELAY, count: 1 });
    let t0 = performance.now();
    await c.upload('slow.bin', file);
    const up = performance.now() - t0;
    emu.faults.delay({ operation: 'GetObject', delayMs: DELAY, count: 1 });
    t0 = performance.now();
    await c.download('slow.bin', join(dir, 'slow.out'));
    const down = performance.now() - t0;
    expect(Buffer.from(await readFile(join(dir, 'slow.out'))).equals(data)).toBe(true);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, delayed: 2 });
    expect(Math.max(up, down)).toBeLessThan(DELAY);
    await verify('slow.bin', data);
    await recordCase({
      client: 'node',
      name: 'slow responses past the request timeout',
      faults: `${describeFaults(delta)} (5 s; timeout 0.8 s)`,
      outcome: `abandoned and retried: upload ${(up / 1000).toFixed(1)} s, download ${(down / 1000).toFixed(1)} s; byte-identical`,
      checks: [...CHECKS, 'finished before the delay'],
    });
  });

  it('STS tokens expiring mid-transfer are refreshed', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('sts.bin', 6 * PART, 4);
    let vended = 0;
    const c = client({
      concurrency: 1,
      credentials: async () => {
        vended++;
        const { Credentials: k } = await emu.sts.assumeRole({
          roleArn: 'acs:ram::1:role/reliability',
          roleSessionName: 'node',
          durationSeconds: 3600,
        });
        return {
          accessKeyId: k.AccessKeyId,
          accessKeySecret: k.AccessKeySecret,
          securityToken: k.SecurityToken,
          expiration: k.Expiration,
        };
      },
    });
    await c.upload('sts.bin', file, {
      onProgress: (p) => {
        if (p.partsDone === 2 && p.bytesDone < p.bytesTotal) void emu.faults.expireStsTokens();
      },
    });
    const vendedByUpload = vended;
    expect(vendedByUpload).toBe(2);
    await verify('sts.bin', data);
    const out = join(dir, 'sts.out');
    // ali-oss discards a streamed GET's error body (a bare 403): the transport learns the code with a GET of byte 0,
    // so the client still refreshes and goes on.
    await c.download('sts.bin', out, {
      onProgress: (p) => {
        if (p.partsDone === 3 && p.bytesDone < p.bytesTotal) void emu.faults.expireStsTokens();
      },
    });
    expect(vended - vendedByUpload).toBe(1);
    expect(Buffer.from(await readFile(out)).equals(data)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('sts.out') && f !== 'sts.out')).toEqual([]);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, stsExpirations: 2 });
    const outcome = `a token vended again during the upload and during the download (${vended} in all), byte-identical`;
    await recordCase({
      client: 'node',
      name: 'STS tokens expiring mid-upload and mid-download',
      faults: describeFaults(delta),
      outcome,
      checks: [...CHECKS, 'token vended during the download', 'whole destination, no temp file left'],
    });
  });

  it('a server clock skewed past 15 minutes mid-upload: typed RequestTimeTooSkewed, then a resume completes', async () => {
    const before = emu.faults.stats();
    const { file, data } = await source('skew.bin', 6 * PART, 5);
    const cpDir = join(dir, 'cp-skew');
    const c = client({ concurrency: 1, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 }, checkpointDir: cpDir });
    let shifted = false;
    const first = await c
      .upload('skew.bin', file, {
        onProgress: (p) => {
          if (p.partsDone === 2 && !shifted) {
            shifted = true;
            emu.faults.shiftClock(20 * 60_000);
          }
        },
      })
      .then(
        () => 'completed',
        (e: unknown) => e,
      );
    emu.faults.shiftClock(-20 * 60_000);
    // The Node client (ali-oss in Node) does not correct its clock: every retry is refused the same way.
    expect(first).toMatchObject({ code: 'ERR_TRANSPORT', details: { status: 403, ossCode: 'RequestTimeTooSkewed' } });
    expect(isTypedError(first)).toBe(true);
    const checkpoints = await filesUnder(cpDir);
    expect(checkpoints).toHaveLength(1);
    expect(await pending('skew')).toBe(1);
    const again = await c.upload('skew.bin', file);
    expect(again.resumedParts).toBe(2);
    const inspection = await verify('skew.bin', data);
    assertNoKeyIn(checkpoints, inspection.keyForms, 'a checkpoint');
    expect(await filesUnder(cpDir)).toEqual([]);
    expect(await pending('skew')).toBe(0);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, clockShifts: 2 });
    const outcome =
      'typed ERR_TRANSPORT RequestTimeTooSkewed (checkpoint kept); after the clock is back, resumed 2 parts to byte-identical';
    await recordCase({
      client: 'node',
      name: 'server clock skewed +20 min mid-upload',
      faults: describeFaults(delta),
      outcome,
      checks: [...CHECKS, 'checkpoint holds no data key', 'checkpoint removed', 'no pending upload'],
    });
  });

  it('two clients uploading the same key at once: one whole object wins, no upload left behind', async () => {
    const before = emu.faults.stats();
    const a = await source('race-a.bin', 5 * PART + 1, 6);
    const b = await source('race-b.bin', 4 * PART + 9, 7);
    emu.faults.delay({ operation: 'UploadPart', delayMs: 30, count: 6 });
    const results = await Promise.allSettled([
      client().upload('race.bin', a.file),
      client().upload('race.bin', b.file),
    ]);
    for (const r of results) if (r.status === 'rejected') expect(isTypedError(r.reason)).toBe(true);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const s = await stored('race.bin');
    const winner = s.ciphertext.length === a.data.length ? a.data : b.data;
    await verify('race.bin', winner);
    expect(await pending('race')).toBe(0);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, delayed: 6 });
    await recordCase({
      client: 'node',
      name: 'two clients uploading the same key at once',
      faults: `${describeFaults(delta)}; concurrent uploads`,
      outcome: 'the last complete wins, byte-identical to its source',
      checks: [...CHECKS, 'no pending upload'],
    });
  });

  it('a download interrupted mid-way leaves no destination file and resumes to an identical file', async () => {
    const before = emu.faults.stats();
    const data = patternBytes(8 * PART, 8);
    await client().upload('dl.bin', data);
    await verify('dl.bin', data);
    const out = join(dir, 'dl.out');
    const cpDir = join(dir, 'cp-dl');
    const c = client({ concurrency: 1, retry: { retries: 0 }, checkpointDir: cpDir });
    const e = await c
      .download('dl.bin', out, {
        onProgress: (p) => {
          if (p.partsDone === 3) emu.faults.resetConnection({ operation: 'GetObject', afterBytes: 1000 });
        },
      })
      .catch((x: unknown) => x);
    expect(isTypedError(e) && e.code).toBe('ERR_TRANSPORT');
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
    const r = await c.download('dl.bin', out);
    expect(r.resumedParts).toBe(3);
    expect(Buffer.from(await readFile(out)).equals(data)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('dl.out') && f !== 'dl.out')).toEqual([]);
    const delta = injectedSince(before);
    expect(delta).toEqual({ ...none, reset: 1 });
    await recordCase({
      client: 'node',
      name: 'download interrupted (reset, no retries) and resumed',
      faults: describeFaults(delta),
      outcome: 'typed ERR_TRANSPORT, no destination file; resumed 3 parts to an identical file',
      checks: ['no half-written destination', 'no temp file left', 'identical bytes'],
    });
  });

  it('an aborted upload leaves no multipart upload and no checkpoint', async () => {
    const { file } = await source('abort.bin', 8 * PART, 9);
    const cpDir = join(dir, 'cp-abort');
    const controller = new AbortController();
    const e = await client({ concurrency: 2, checkpointDir: cpDir })
      .upload('abort.bin', file, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.partsDone === 2) controller.abort();
        },
      })
      .catch((x: unknown) => x);
    expect(isTypedError(e) && e.code).toBe('ERR_ABORTED');
    expect(await pending('abort')).toBe(0);
    expect(await filesUnder(cpDir)).toEqual([]);
    await expect(client().head('abort.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    await recordCase({
      client: 'node',
      name: 'upload aborted by the caller',
      faults: 'none (AbortSignal after 2 parts)',
      outcome: 'typed ERR_ABORTED',
      checks: ['ListMultipartUploads empty', 'no checkpoint left', 'no object (HEAD 404)'],
    });
  });

  it('no two uploads of this file shared a data key and IV', () => {
    expect(ledger.size).toBeGreaterThanOrEqual(6);
  });
});
