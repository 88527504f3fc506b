// The oss-cse CLI: an upload killed with SIGKILL mid-way resumes to a byte-identical object whose every part is
// AES-CTR of the source at its offset (same data key and IV), and which node:crypto alone decrypts; neither the
// checkpoint nor the CLI's stdout/stderr ever holds the plaintext data key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, RsaMasterKey, exportPrivateKeyPem, generateRsaKeyPair } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { assertNoKeyIn, describeFaults, faultDelta, inspectStored, patternBytes } from './support/checks.js';
import { recordCase } from './support/summary.js';
import { startCli } from './support/cli.js';
import { rawOss, readIndependently, sha256Hex } from '../test/independent-read.js';

let emu: Emulator;
let dir: string;
let vars: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-cli-'));
  emu = await startEmulator({ port: 0 });
  vars = {
    HOME: dir,
    OSS_ENDPOINT: emu.ossEndpoint,
    OSS_REGION: emu.region,
    OSS_ACCESS_KEY_ID: emu.accessKeyId,
    OSS_ACCESS_KEY_SECRET: emu.accessKeySecret,
  };
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

// A failing scenario is reported as failed (the summary never shows a stale success).
beforeEach((ctx) =>
  ctx.onTestFailed(() =>
    recordCase({ client: 'cli', name: ctx.task.name, faults: '-', outcome: 'failed', checks: [] }),
  ),
);

describe('oss-cse CLI killed with SIGKILL', () => {
  it('resumes to a byte-identical object; no key in checkpoint or output', async () => {
    const before = emu.faults.stats();
    const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
    const pem = await exportPrivateKeyPem(privateKey);
    const priv = join(dir, 'key.pem');
    await writeFile(priv, pem);
    const data = patternBytes(30 * 102416 + 5, 12);
    const src = join(dir, 'src.bin');
    await writeFile(src, data);
    const cpDir = join(dir, 'cp');
    const bucket = emu.buckets[0]!;
    const args = [
      'put',
      src,
      `oss://${bucket}/killed.bin`,
      '--private-key',
      priv,
      '--part-size',
      '102416',
      '--concurrency',
      '2',
      '--checkpoint-dir',
      cpDir,
      '--json',
    ];
    const slow = emu.faults.delay({ operation: 'UploadPart', delayMs: 100, count: Infinity });
    const first = startCli(args, vars);
    let checkpoint: { uploadId: string; parts: unknown[] } | undefined;
    for (let polls = 0; !checkpoint || checkpoint.parts.length < 4; polls++) {
      if (polls > 2400) throw new Error('no checkpoint with 4 parts');
      await new Promise((r) => setTimeout(r, 25));
      const name = (await readdir(cpDir).catch(() => [] as string[])).find((f) => f.endsWith('.json'));
      if (name) checkpoint = JSON.parse(await readFile(join(cpDir, name), 'utf8').catch(() => 'null')) ?? checkpoint;
    }
    first.kill();
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    emu.faults.remove(slow);
    const checkpointTexts = await Promise.all((await readdir(cpDir)).map((f) => readFile(join(cpDir, f), 'utf8')));

    const second = await startCli(args, vars).done;
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect(JSON.parse(second.stdout)).toMatchObject({ uploadId: checkpoint.uploadId });
    expect(JSON.parse(second.stdout).resumedParts).toBeGreaterThanOrEqual(4);

    const access = {
      ossEndpoint: emu.ossEndpoint,
      region: emu.region,
      bucket,
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
    };
    const raw = rawOss(access);
    const got = await raw.get('killed.bin');
    const keyring = new Keyring(await RsaMasterKey.import({ privateKey: pem }));
    const inspection = await inspectStored(
      { headers: got.res.headers as Record<string, string>, ciphertext: new Uint8Array(got.content as Buffer) },
      keyring,
      data,
    );
    expect(await readIndependently(access, 'killed.bin', pem)).toEqual({
      sha256: sha256Hex(data),
      length: data.length,
      ivHex: inspection.ivHex,
    });
    assertNoKeyIn(checkpointTexts, inspection.keyForms, 'the checkpoint');
    assertNoKeyIn([killed.stdout, killed.stderr, second.stdout, second.stderr], inspection.keyForms, 'CLI output');
    expect(await readdir(cpDir)).toEqual([]);
    expect((await raw.listUploads({ prefix: 'killed' } as never)).uploads ?? []).toEqual([]);
    const delta = faultDelta(emu.faults.stats(), before);
    // Only the slowing delays (one per part sent before the kill, or in flight then): no failure was injected.
    expect({ ...delta, delayed: 0 }).toEqual({ failed: 0, reset: 0, delayed: 0, stsExpirations: 0, clockShifts: 0 });
    expect(delta.delayed).toBeGreaterThanOrEqual(4);
    await recordCase({
      client: 'cli',
      name: '`oss-cse put` killed with SIGKILL, then run again',
      faults: `${describeFaults(delta)} + SIGKILL`,
      outcome: 'resumed the same upload to a byte-identical object',
      checks: [
        'CRC-64',
        'AES-CTR at offsets (same key and IV)',
        'decrypts',
        'node:crypto decrypts the stored bytes',
        'checkpoint and stdout/stderr hold no data key',
        'checkpoint removed',
        'no pending upload',
      ],
    });
  });
});
