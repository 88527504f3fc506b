// CORS in Chromium against the emulator: the bucket's rule allows this page, so checkCors() finds nothing missing;
// a bucket without a rule for this origin makes every call fail CORS, which the client reports as ERR_CORS naming
// AllowedOrigin (not a network error); a CRC-64 header the page cannot read is ERR_CORS naming it.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { pseudoRandom } from '../../../transfer/test/support/index.js';
import { createClient } from '../client/browser-client.js';
import { createAliOssTransport } from '../transport/ali-oss-transport.js';
import { emulator, emulatorClient, testPrefix } from '../../test/emulator-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const emu = emulator();

describe('CORS', () => {
  it('checkCors() on a bucket whose rule allows this page reports nothing missing (and leaves no probe object)', async () => {
    const { client } = emulatorClient(masterKey);
    const probeKey = `${testPrefix('cors')}probe`;
    const report = await client.checkCors({ probeKey });
    expect(report).toMatchObject({
      ok: true,
      originAllowed: true,
      origin: location.origin,
      missingMethods: [],
      missingAllowedHeaders: [],
      missingExposeHeaders: [],
    });
    await expect(client.head(probeKey)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    client.close();
  });

  it('a bucket with no CORS rule for this origin: calls fail with ERR_CORS naming AllowedOrigin, checkCors() says so', async () => {
    // The emulator answers for a bucket it does not have without any CORS header, as OSS does for a bucket without a
    // rule.
    const bucket = 'no-cors-rule-bucket';
    const client = createClient({
      keyring: masterKey,
      bucket,
      endpoint: emu.ossEndpoint,
      region: emu.region,
      credentials: emu.sts,
      database: `test-${crypto.randomUUID()}`,
      retry: { retries: 1, baseDelayMs: 1 },
    });
    for (const attempt of [
      () => client.put('a.bin', 'x'),
      () => client.head('a.bin'),
      () => client.downloadBlob('a.bin'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'ERR_CORS',
        details: { missing: ['AllowedOrigin'], origin: location.origin },
      });
    }
    const e = (await client.head('a.bin').then(
      () => undefined,
      (err: unknown) => err,
    )) as Error;
    expect(e.message).toContain(bucket);
    expect(e.message).not.toContain(emu.sts.securityToken!);
    const report = await client.checkCors();
    expect(report).toMatchObject({ ok: false, originAllowed: false });
    client.close();
  });

  it('a network failure where CORS is not to blame stays a retryable ERR_TRANSPORT', async () => {
    const client = createClient({
      keyring: masterKey,
      bucket: emu.bucket,
      endpoint: emu.refusedEndpoint,
      region: emu.region,
      credentials: emu.sts,
      database: `test-${crypto.randomUUID()}`,
      retry: { retries: 1, baseDelayMs: 1 },
    });
    await expect(client.head('a.bin')).rejects.toMatchObject({
      code: 'ERR_TRANSPORT',
      details: { status: null, retryable: true },
    });
    client.close();
  });

  it('an answer whose x-oss-hash-crc64ecma the page cannot read is ERR_CORS naming it, for writes and for verified reads', async () => {
    const transport = createAliOssTransport({ bucket: emu.bucket, endpoint: emu.ossEndpoint, region: emu.region });
    const hide = <T extends { headers: Record<string, string> }>(r: T): T => {
      const { 'x-oss-hash-crc64ecma': _hidden, ...headers } = r.headers;
      return { ...r, headers, crc64: undefined };
    };
    const { client } = emulatorClient(masterKey);
    const key = `${testPrefix('cors')}crc.bin`;
    await client.put(key, pseudoRandom(1000, 1));
    const put = transport.putObject.bind(transport);
    transport.putObject = async (...args) => hide(await put(...args));
    const head = transport.headObject.bind(transport);
    transport.headObject = async (...args) => hide({ headers: { ...(await head(...args)) } }).headers;
    const hiding = createClient({
      keyring: masterKey,
      bucket: emu.bucket,
      transport,
      credentials: emu.sts,
      database: `test-${crypto.randomUUID()}`,
    });
    for (const attempt of [() => hiding.put(`${key}.2`, 'x'), () => hiding.downloadBlob(key)]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'ERR_CORS',
        details: { missing: ['x-oss-hash-crc64ecma'] },
      });
    }
    await client.delete(key);
    client.close();
    hiding.close();
  });
});
