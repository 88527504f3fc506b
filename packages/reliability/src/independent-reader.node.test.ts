// What the Node client and the CLI upload (single PutObject and multipart; resumed uploads are in node-faults and
// cli-kill) decrypts with node:crypto alone, straight from the emulator's stored bytes and headers: not only with
// core, which wrote it. (Chromium's uploads are read the same way in browser-faults, through a browser command.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, RsaMasterKey, exportPublicKeyPem } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type NodeClient } from '@oss-cse/node';
import { patternBytes } from './support/checks.js';
import { startCli } from './support/cli.js';
import { readIndependently, sha256Hex, type EmulatorAccess } from '../test/independent-read.js';

const PART = 100 * 1024 + 16;
const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
let emu: Emulator;
let dir: string;
let access: EmulatorAccess;
let client: NodeClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-independent-'));
  emu = await startEmulator({ port: 0 });
  access = {
    ossEndpoint: emu.ossEndpoint,
    region: emu.region,
    bucket: emu.buckets[0]!,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
  };
  const key = await RsaMasterKey.import({ privateKey: privateKeyPem });
  client = createClient({
    keyring: new Keyring(key),
    bucket: access.bucket,
    region: emu.region,
    endpoint: emu.ossEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
    partSize: PART,
    multipartThreshold: PART,
  });
  await writeFile(join(dir, 'key.pem'), privateKeyPem);
  await writeFile(join(dir, 'public.pem'), exportPublicKeyPem(key.publicKey));
});
afterAll(async () => {
  client.close();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const expectReadable = async (key: string, data: Uint8Array) =>
  expect(await readIndependently(access, key, privateKeyPem)).toMatchObject({
    sha256: sha256Hex(data),
    length: data.length,
  });

describe('node:crypto reads what the Node client and the CLI stored', () => {
  it.each([
    ['a single PutObject', 70_001, 0],
    ['a multipart upload', 3 * PART + 17, 4],
  ])('Node client: %s', async (_, size, parts) => {
    const data = patternBytes(size, size);
    const file = join(dir, `node-${size}.bin`);
    await writeFile(file, data);
    expect((await client.upload(`node/${size}.bin`, file)).parts).toBe(parts);
    await expectReadable(`node/${size}.bin`, data);
  });

  it.each([
    ['a single PutObject', 70_001, []],
    ['a multipart upload', 3 * PART + 17, ['--part-size', String(PART)]],
  ] as const)('oss-cse put: %s', async (_, size, flags) => {
    const data = patternBytes(size, size + 1);
    const file = join(dir, `cli-${size}.bin`);
    await writeFile(file, data);
    const env = {
      HOME: dir,
      OSS_ENDPOINT: emu.ossEndpoint,
      OSS_REGION: emu.region,
      OSS_ACCESS_KEY_ID: emu.accessKeyId,
      OSS_ACCESS_KEY_SECRET: emu.accessKeySecret,
    };
    const r = await startCli(
      [
        'put',
        file,
        `oss://${access.bucket}/cli/${size}.bin`,
        '--public-key',
        join(dir, 'public.pem'),
        '--json',
        ...flags,
      ],
      env,
    ).done;
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ size, parts: flags.length ? 4 : 0 });
    await expectReadable(`cli/${size}.bin`, data);
  });
});
