// The transfer benchmarks' checks (issue 17, item 11): what was stored is read back and decrypted independently,
// what was downloaded is compared with the source; a difference fails the run, naming the figure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OSS from 'ali-oss';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { ossClientOptions } from '@oss-cse/emulator/testing';
import { RsaMasterKey, encryptObject, generateRsaKeyPair } from '@oss-cse/core';
import { BenchCheckError, digestOf, verifyFile, verifyStored } from '../src/verify.mjs';

let emu: Emulator;
let oss: OSS;
let dir: string;
const source = crypto.getRandomValues(new Uint8Array(65536));
const body = new Uint8Array(200_003);
for (let o = 0; o < body.length; o += source.length)
  body.set(source.subarray(0, Math.min(source.length, body.length - o)), o);

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  oss = new OSS(ossClientOptions(emu, { v4: true }) as OSS.Options);
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-verify-'));
});

afterAll(async () => {
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

const rejection = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BenchCheckError);
  return e as BenchCheckError;
};

describe('benchmark checks', () => {
  it('an encrypted upload is decrypted by node:crypto with the key and IV its envelope unwraps to', async () => {
    const keyring = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey });
    const { headers, ciphertext } = await encryptObject({ keyring, plaintext: body });
    await oss.put('enc.bin', Buffer.from(ciphertext), { headers });
    const expected = await digestOf([body]);
    await verifyStored({ figure: 'Node encrypted upload', oss, key: 'enc.bin', keyring, expected });

    // The same bytes stored without encryption, or one ciphertext byte changed: the figure is refused.
    await oss.put('plain-as-enc.bin', Buffer.from(body));
    const e1 = await rejection(
      verifyStored({ figure: 'Chromium encrypted upload', oss, key: 'plain-as-enc.bin', keyring, expected }),
    );
    expect(e1.message).toMatch(
      /^Chromium encrypted upload: the stored object plain-as-enc.bin cannot be read back and decrypted/,
    );
    const changed = Buffer.from(ciphertext);
    changed[1234] ^= 1;
    await oss.put('changed.bin', changed, { headers });
    const e2 = await rejection(
      verifyStored({ figure: 'Node encrypted upload', oss, key: 'changed.bin', keyring, expected }),
    );
    expect(e2.figure).toBe('Node encrypted upload');
    expect(e2.message).toMatch(
      /^Node encrypted upload: the stored object changed.bin differs from the source \(200003 bytes/,
    );
    // Nothing secret in the message: no header value (wrapped key or IV) appears in it.
    for (const v of Object.values(headers)) if (String(v).length > 16) expect(e2.message).not.toContain(String(v));
  });

  it('a plain upload is compared byte for byte, a download file with the source', async () => {
    const expected = await digestOf([body]);
    await oss.put('plain.bin', Buffer.from(body));
    await verifyStored({ figure: 'plain ali-oss upload', oss, key: 'plain.bin', expected });
    await oss.put('short.bin', Buffer.from(body.subarray(1)));
    const e = await rejection(verifyStored({ figure: 'plain ali-oss upload', oss, key: 'short.bin', expected }));
    expect(e.message).toMatch(/differs from the source \(200002 bytes/);

    const file = join(dir, 'out.bin');
    await writeFile(file, body);
    await verifyFile({ figure: 'Node encrypted download', path: file, expected });
    const wrong = Buffer.from(body);
    wrong[wrong.length - 1] ^= 0x80;
    await writeFile(file, wrong);
    const d = await rejection(verifyFile({ figure: 'Node encrypted download', path: file, expected }));
    expect(d.message).toMatch(/^Node encrypted download: the downloaded file differs from the source/);
  });
});
