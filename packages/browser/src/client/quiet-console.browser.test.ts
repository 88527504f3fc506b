// No third-party console output from oss-cse's calls in Chromium: ali-oss's browser build warns "Please use STS Token
// for safety…" for every client made with account keys and "Because HeadObject has gzip enabled…" on every
// HeadObject (each download). The default transport makes neither call; this watches every console method through
// uploads, downloads, heads and lists with account keys and with STS.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair, type Credentials } from '@oss-cse/core';
import { pseudoRandom, watchConsole } from '../../../transfer/test/support/index.js';
import { emulator, testPrefix } from '../../test/emulator-client.js';
import { createClient } from './browser-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const emu = emulator();
const printed = watchConsole();

describe('the browser client prints nothing on the console (Chromium, emulator)', () => {
  it.each([
    ['account keys', emu.account],
    ['STS keys', emu.sts],
  ] as Array<[string, Credentials]>)('with %s: put, upload in parts, head, get, download, list', async (_, keys) => {
    const prefix = testPrefix('quiet');
    const client = createClient({
      keyring: masterKey,
      bucket: emu.bucket,
      endpoint: emu.ossEndpoint,
      region: emu.region,
      credentials: keys,
      database: `test-${crypto.randomUUID()}`,
      partSize: 100 * 1024,
      multipartThreshold: 100 * 1024,
    });
    const data = pseudoRandom(250 * 1024, 3);
    await client.put(`${prefix}a.txt`, 'quiet');
    await client.upload(`${prefix}b.bin`, new Blob([data as BlobPart]));
    expect((await client.head(`${prefix}b.bin`)).size).toBe(data.length);
    expect(new TextDecoder().decode((await client.get(`${prefix}a.txt`)).body)).toBe('quiet');
    expect(new Uint8Array(await (await client.downloadBlob(`${prefix}b.bin`)).arrayBuffer())).toEqual(data);
    const listed = [];
    for await (const entry of client.list({ prefix, withEnvelope: true })) listed.push(entry);
    expect(listed).toHaveLength(2);
    await client.delete(`${prefix}a.txt`);
    await client.delete(`${prefix}b.bin`);
    expect(printed).toEqual([]);
  });
});
