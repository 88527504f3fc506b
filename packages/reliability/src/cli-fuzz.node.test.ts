// fast-check over the CLI inputs core's fuzzing does not reach: random meta.json documents for
// `oss-cse decrypt` and random `--range` strings. Every run must exit 0, 1 or 2 (never a crash or a signal),
// and a failure must be exactly one line `oss-cse: <CODE>: <message>`; a hang fails through the kill timer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportPrivateKeyPem, exportPublicKeyPem, generateRsaKeyPair } from '@oss-cse/core';
import { patternBytes } from './support/checks.js';
import { recordFuzz } from './support/summary.js';
import { startCli } from './support/cli.js';

let dir: string;
let priv: string;
let meta: Record<string, string>;
const DATA_SIZE = 5000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-fuzz-'));
  const pair = await generateRsaKeyPair({ bits: 2048 });
  priv = join(dir, 'key.pem');
  await writeFile(priv, await exportPrivateKeyPem(pair.privateKey));
  await writeFile(join(dir, 'key.pub.pem'), await exportPublicKeyPem(pair.publicKey));
  await writeFile(join(dir, 'in.bin'), patternBytes(DATA_SIZE, 3));
  const r = await startCli(['encrypt', '--in', join(dir, 'in.bin'), '--out', join(dir, 'in.enc'), '--meta-out', join(dir, 'meta.json'), '--public-key', join(dir, 'key.pub.pem')], {}).done;
  expect(r.code).toBe(0);
  meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI with a kill timer: a hang is a failure, not a stuck suite. */
async function run(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const cli = startCli(args, {});
  let hung = false;
  const timer = setTimeout(() => { hung = true; cli.kill(); }, 20_000);
  const r = await cli.done;
  clearTimeout(timer);
  if (hung) throw new Error(`oss-cse ${args.join(' ')} hung`);
  return r;
}

function expectCleanExit(r: { code: number | null; signal: string | null; stderr: string }): void {
  expect(r.signal).toBeNull();
  expect([0, 1, 2]).toContain(r.code);
  if (r.code !== 0) expect(r.stderr).toMatch(/^oss-cse: [A-Z0-9_]+: [^\n]*\n$/);
}

const CSE = 'x-oss-meta-client-side-encryption-';
const cseName = fc.constantFrom('key', 'start', 'cek-alg', 'wrap-alg', 'matdesc', 'data-size', 'part-size', 'unencrypted-content-length', 'unencrypted-content-md5', 'magic-number-hmac');
const junk = fc.oneof(fc.string(), fc.base64String(), fc.integer().map(String), fc.constantFrom('', 'AES/CTR/NoPadding', 'RSA/NONE/PKCS1Padding', 'KMS/ALICLOUD', '{"a":"b"}', '-1', '1e309'));
/** A valid meta.json with some headers replaced, removed or added, or a non-object JSON document. */
const metaDocument = fc.oneof(
  fc.record({ set: fc.dictionary(cseName, junk, { maxKeys: 3 }), remove: fc.array(cseName, { maxLength: 3 }) }).map(({ set, remove }) => {
    const m: Record<string, unknown> = { ...meta };
    for (const k of remove) delete m[CSE + k];
    for (const [k, v] of Object.entries(set)) m[CSE + k] = v;
    return JSON.stringify(m);
  }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
);

beforeEach((ctx) => ctx.onTestFailed(() => recordFuzz({ name: ctx.task.name, runs: 0, result: 'failed' })));

describe('CLI bad input (fast-check)', () => {
  it('random meta.json for `oss-cse decrypt`: exit 0/1/2, one line', async () => {
    let runs = 0;
    await fc.assert(fc.asyncProperty(metaDocument, async (doc) => {
      runs++;
      await writeFile(join(dir, 'fuzz.meta.json'), doc);
      expectCleanExit(await run(['decrypt', '--in', join(dir, 'in.enc'), '--meta', join(dir, 'fuzz.meta.json'), '--out', join(dir, 'fuzz.out'), '--private-key', priv]));
    }), { numRuns: 12, seed: 7 });
    await recordFuzz({ name: 'random meta.json for `oss-cse decrypt` (headers replaced/removed, any JSON, non-JSON)', runs, result: 'exit 0/1/2 with one `oss-cse: CODE: message` line; no crash, no hang' });
  });

  it('random --range strings: exit 0/1/2, one line, and valid ranges return exactly those bytes', async () => {
    const plain = patternBytes(DATA_SIZE, 3);
    const range = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.tuple(fc.integer({ min: -10, max: DATA_SIZE + 10 }), fc.integer({ min: -10, max: DATA_SIZE + 10 })).map(([a, b]) => `${a}-${b}`),
      fc.integer({ min: 0, max: DATA_SIZE + 10 }).map((n) => `-${n}`),
      fc.integer({ min: 0, max: DATA_SIZE + 10 }).map((n) => `${n}-`),
    );
    let runs = 0;
    await fc.assert(fc.asyncProperty(range, async (r) => {
      runs++;
      const out = await run(['decrypt', '--in', join(dir, 'in.enc'), '--meta', join(dir, 'meta.json'), '--out', '-', '--private-key', priv, `--range=${r}`]);
      expectCleanExit(out);
      const m = /^(\d+)-(\d+)$/.exec(r);
      if (out.code === 0 && m && Number(m[1]) <= Number(m[2]) && Number(m[2]) < DATA_SIZE) {
        expect(Buffer.from(out.stdout, 'latin1').equals(Buffer.from(plain.subarray(Number(m[1]), Number(m[2]) + 1)))).toBe(true);
      }
    }), { numRuns: 12, seed: 11 });
    await recordFuzz({ name: 'random `--range` strings for `oss-cse decrypt`', runs, result: 'exit 0/1/2 with one line; valid ranges return exactly those bytes' });
  });
});
