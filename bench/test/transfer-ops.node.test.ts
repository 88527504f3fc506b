// The Node transfer benchmarks' four timed transfers (transferOps in bench/src/transfer-fixture.mjs, used by
// node-transfer.mjs and cpu-cost.mjs) each come with a check that refuses what they moved when it is wrong (issue
// 17, item 11): the object an upload stored with one byte changed, a download's file with one byte changed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OSS from 'ali-oss';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { plainOss, transferClients, transferOps, writeRandomFile } from '../src/transfer-fixture.mjs';
import { BenchCheckError } from '../src/verify.mjs';

const MiB = 1024 * 1024;
/** writeRandomFile writes whole 8 MiB chunks. */
const SIZE_MIB = 8;

interface Op {
  run: () => Promise<unknown>;
  check: () => Promise<void>;
}

let emu: Emulator;
let dir: string;
let oss: OSS;
let close: () => void;
let ops: Record<string, Op>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-ops-'));
  const info = {
    ossEndpoint: emu.ossEndpoint,
    bucket: emu.buckets[0]!,
    region: emu.region,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
  };
  const src = join(dir, 'source.bin');
  const source = await writeRandomFile(src, SIZE_MIB);
  const partSize = 4 * MiB;
  const { client, keyring } = await transferClients(info, { partSize, concurrency: 2 });
  close = () => client.close();
  oss = plainOss(info);
  ops = transferOps({ oss, client, keyring, src, source, dir, partSize, concurrency: 2 });
});

afterAll(async () => {
  close?.();
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The check's rejection, which must be a BenchCheckError. */
const refusal = async (op: Op): Promise<BenchCheckError> => {
  const e = await op.check().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BenchCheckError);
  return e as BenchCheckError;
};

/** Stores `key` again with one byte of its stored bytes flipped, keeping its x-oss-meta-* headers. */
async function damageStored(key: string): Promise<void> {
  const got = await oss.get(key);
  const headers = Object.fromEntries(
    Object.entries(got.res.headers as Record<string, string>).filter(([k]) => k.startsWith('x-oss-meta-')),
  );
  const bytes = Buffer.from(got.content as Buffer);
  bytes[bytes.length >> 1]! ^= 1;
  await oss.put(key, bytes, { headers });
}

async function damageFile(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[12_345]! ^= 0x80;
  await writeFile(path, bytes);
}

describe('the Node transfer benchmarks check what they moved', () => {
  it.each([
    ['plain upload', 'plain.bin', 'Node plain upload (ali-oss multipartUpload)'],
    ['encrypted upload', 'enc.bin', 'Node encrypted upload'],
  ])('%s: the stored object passes, with one byte changed it is refused', async (name, key, figure) => {
    const op = ops[name]!;
    await op.run();
    await op.check();
    await damageStored(key);
    try {
      const e = await refusal(op);
      expect(e.figure).toBe(figure);
      expect(e.message).toContain(`the stored object ${key} differs from the source (${SIZE_MIB * MiB} bytes`);
    } finally {
      // The downloads read what the uploads stored.
      await op.run();
    }
    await op.check();
  });

  it.each([
    ['plain download', 'plain.out', 'Node plain download (ali-oss ranged GETs)'],
    ['encrypted download', 'enc.out', 'Node encrypted download'],
  ])('%s: the downloaded file passes, with one byte changed it is refused', async (name, file, figure) => {
    const op = ops[name]!;
    await op.run();
    await op.check();
    await op.run();
    await damageFile(join(dir, file));
    const e = await refusal(op);
    expect(e.figure).toBe(figure);
    expect(e.message).toMatch(/the downloaded file differs from the source/);
  });
});
