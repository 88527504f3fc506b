// fast-check over the CLI inputs core's fuzzing does not reach: random meta.json documents for
// `oss-cse decrypt` and `--range` strings from the range model. Every run must exit 0, 1 or 2 (never a crash or
// a signal), a failure must be exactly one line `oss-cse: <CODE>: <message>`, and a hang fails through the kill
// timer. Exit 0 must mean the plaintext: the whole file for meta.json (a failure leaves no output file), the
// model's bytes for a valid range (an invalid one fails with the model's code).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportPrivateKeyPem, exportPublicKeyPem, generateRsaKeyPair } from '@oss-cse/core';
import { patternBytes } from './support/checks.js';
import { rangeCases, selected } from './support/range-model.js';
import { recordFuzz } from './support/summary.js';
import { startCli } from './support/cli.js';

let dir: string;
let priv: string;
let meta: Record<string, string>;
const DATA_SIZE = 5000;
/** Each run starts a Node process (about 0.5 s, several seconds on a loaded machine). */
const CLI_FUZZ_TIMEOUT = 300_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-fuzz-'));
  const pair = await generateRsaKeyPair({ bits: 2048 });
  priv = join(dir, 'key.pem');
  await writeFile(priv, await exportPrivateKeyPem(pair.privateKey));
  await writeFile(join(dir, 'key.pub.pem'), exportPublicKeyPem(pair.publicKey));
  await writeFile(join(dir, 'in.bin'), patternBytes(DATA_SIZE, 3));
  const r = await startCli(
    [
      'encrypt',
      '--in',
      join(dir, 'in.bin'),
      '--out',
      join(dir, 'in.enc'),
      '--meta-out',
      join(dir, 'meta.json'),
      '--public-key',
      join(dir, 'key.pub.pem'),
    ],
    {},
  ).done;
  expect(r.code).toBe(0);
  meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI with a kill timer: a hang is a failure, not a stuck suite. */
async function run(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const cli = startCli(args, {});
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    cli.kill();
  }, 20_000);
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
const cseName = fc.constantFrom(
  'key',
  'start',
  'cek-alg',
  'wrap-alg',
  'matdesc',
  'data-size',
  'part-size',
  'unencrypted-content-length',
  'unencrypted-content-md5',
  'magic-number-hmac',
);
const junk = fc.oneof(
  fc.string(),
  fc.base64String(),
  fc.integer().map(String),
  fc.constantFrom('', 'AES/CTR/NoPadding', 'RSA/NONE/PKCS1Padding', 'KMS/ALICLOUD', '{"a":"b"}', '-1', '1e309'),
);
/**
 * meta.json documents: the valid one with some headers replaced, removed or added; with a well-formed but wrong
 * plaintext MD5 or length (caught only once the whole file is decrypted); with changes that keep it valid; any
 * JSON; not JSON.
 */
const metaDocument = fc.oneof(
  fc
    .record({ set: fc.dictionary(cseName, junk, { maxKeys: 3 }), remove: fc.array(cseName, { maxLength: 3 }) })
    .map(({ set, remove }) => {
      const m: Record<string, unknown> = { ...meta };
      for (const k of remove) delete m[CSE + k];
      for (const [k, v] of Object.entries(set)) m[CSE + k] = v;
      return JSON.stringify(m);
    }),
  fc
    .oneof(
      fc
        .uint8Array({ minLength: 16, maxLength: 16 })
        .map((b) => ({ 'unencrypted-content-md5': Buffer.from(b).toString('base64') })),
      fc
        .integer({ min: 0, max: 2 * DATA_SIZE })
        .filter((n) => n !== DATA_SIZE)
        .map((n) => ({ 'unencrypted-content-length': String(n) })),
    )
    .map((wrong) =>
      JSON.stringify({ ...meta, ...Object.fromEntries(Object.entries(wrong).map(([k, v]) => [CSE + k, v])) }),
    ),
  fc
    .record({ drop: fc.subarray(['unencrypted-content-md5', 'unencrypted-content-length']), tag: fc.string() })
    .map(({ drop, tag }) => {
      const m: Record<string, unknown> = { ...meta, 'x-oss-meta-user-tag': tag };
      for (const k of drop) delete m[CSE + k];
      return JSON.stringify(m);
    }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
);

beforeEach((ctx) => ctx.onTestFailed(() => recordFuzz({ name: ctx.task.name, runs: 0, result: 'failed' })));

describe('CLI bad input (fast-check)', () => {
  it(
    'random meta.json for `oss-cse decrypt`: exit 0 writes the plaintext, a failure one line and no output file',
    async () => {
      const plain = patternBytes(DATA_SIZE, 3);
      const out = join(dir, 'fuzz-out', 'plain.bin');
      const seen = { ok: 0, failed: 0 };
      await fc.assert(
        fc.asyncProperty(metaDocument, async (doc) => {
          await rm(join(dir, 'fuzz-out'), { recursive: true, force: true });
          await mkdir(join(dir, 'fuzz-out'));
          await writeFile(join(dir, 'fuzz.meta.json'), doc);
          const r = await run([
            'decrypt',
            '--in',
            join(dir, 'in.enc'),
            '--meta',
            join(dir, 'fuzz.meta.json'),
            '--out',
            out,
            '--private-key',
            priv,
          ]);
          expectCleanExit(r);
          if (r.code === 0) {
            seen.ok++;
            expect((await readFile(out)).equals(plain)).toBe(true);
          } else {
            seen.failed++;
            expect(await readdir(join(dir, 'fuzz-out'))).toEqual([]);
          }
        }),
        { numRuns: 15, seed: 7 },
      );
      expect(Math.min(seen.ok, seen.failed)).toBeGreaterThan(1);
      await recordFuzz({
        name: 'random meta.json for `oss-cse decrypt` (headers replaced/removed, any JSON, non-JSON)',
        runs: seen.ok + seen.failed,
        result: `${seen.ok} exit 0 with exactly the plaintext; ${seen.failed} exit 1/2 with one \`oss-cse: CODE: message\` line and no output file`,
      });
    },
    CLI_FUZZ_TIMEOUT,
  );

  it(
    "--range strings from the range model: valid ones print exactly the model's bytes, invalid ones fail with its code",
    async () => {
      const plain = patternBytes(DATA_SIZE, 3);
      const seen = { valid: 0, invalid: 0 };
      await fc.assert(
        fc.asyncProperty(rangeCases(DATA_SIZE), async ({ input, outcome }) => {
          const r = await run([
            'decrypt',
            '--in',
            join(dir, 'in.enc'),
            '--meta',
            join(dir, 'meta.json'),
            '--out',
            '-',
            '--private-key',
            priv,
            `--range=${input}`,
          ]);
          expectCleanExit(r);
          const want = selected(plain, outcome);
          if (want) {
            seen.valid++;
            expect([r.code, r.stderr], `--range=${JSON.stringify(input)}`).toEqual([0, '']);
            expect(Buffer.from(r.stdout, 'latin1').equals(want), `--range=${JSON.stringify(input)}`).toBe(true);
          } else {
            seen.invalid++;
            expect([r.code, r.stdout], `--range=${JSON.stringify(input)}`).toEqual([1, '']);
            expect(r.stderr, `--range=${JSON.stringify(input)}`).toMatch(/^oss-cse: ERR_INVALID_RANGE: /);
          }
        }),
        { numRuns: 16, seed: 11 },
      );
      expect(Math.min(seen.valid, seen.invalid)).toBeGreaterThan(2);
      await recordFuzz({
        name: '`--range` strings for `oss-cse decrypt` from the range model',
        runs: seen.valid + seen.invalid,
        result: `${seen.valid} valid: exactly the model's bytes on stdout; ${seen.invalid} invalid: exit 1, ERR_INVALID_RANGE`,
      });
    },
    CLI_FUZZ_TIMEOUT,
  );
});
