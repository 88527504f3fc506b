import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { errorCode, ossClient, randomBytesBuffer } from '../../test/support/clients.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['faults-test'], admin: true });
});
afterAll(() => emu.close());

const admin = (path: string, init?: RequestInit): Promise<Response> =>
  fetch(`http://127.0.0.1:${emu.port}/__emulator${path}`, init);
const postJson = (path: string, body?: unknown): Promise<Response> =>
  admin(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('fault injection', () => {
  it('fails the next N matching requests with the given status and code, then recovers', async () => {
    const client = ossClient(emu);
    await client.put('f/a', Buffer.from('a'));
    emu.faults.failNext({ operation: 'GetObject', key: 'f/a', count: 2, status: 503, code: 'ServiceUnavailable' });
    expect(await errorCode(client.get('f/a'))).toBe('ServiceUnavailable');
    expect(await errorCode(client.put('f/b', Buffer.from('b')))).toBe('no error');
    expect(await errorCode(client.get('f/a'))).toBe('ServiceUnavailable');
    expect(((await client.get('f/a')).content as Buffer).toString()).toBe('a');
    expect(emu.faults.stats().failed).toBe(2);
  });

  it('fails only the UploadPart of the part number a rule names', async () => {
    const client = ossClient(emu);
    const { uploadId } = await client.initMultipartUpload('f/parts');
    const part = randomBytesBuffer(100 * 1024);
    emu.faults.failNext({ operation: 'UploadPart', key: 'f/parts', partNumber: 2, status: 503, code: 'SlowDown' });
    const upload = (n: number) => client.uploadPart('f/parts', uploadId, n, part, 0, part.length);
    expect(await errorCode(upload(1))).toBe('no error');
    expect(await errorCode(upload(3))).toBe('no error');
    expect(await errorCode(upload(2))).toBe('SlowDown');
    expect(await errorCode(upload(2))).toBe('no error');
  });

  it('resets the connection after K bytes of an upload and never commits the object', async () => {
    const client = ossClient(emu);
    emu.faults.resetConnection({ operation: 'UploadPart', afterBytes: 1000 });
    const { uploadId } = await client.initMultipartUpload('f/mp');
    const part = randomBytesBuffer(200_000);
    const err = await client.uploadPart('f/mp', uploadId, 1, part, 0, part.length).then(
      () => undefined,
      (e: { status?: number }) => e,
    );
    expect(err?.status).toBe(-1);
    expect((await client.listParts('f/mp', uploadId, {}, {})).parts).toEqual([]);
    const ok = await client.uploadPart('f/mp', uploadId, 1, part, 0, part.length);
    expect(ok.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(emu.faults.stats().reset).toBe(1);
  });

  it('resets a download after K body bytes', async () => {
    const client = ossClient(emu);
    await client.put('f/big', randomBytesBuffer(100_000));
    emu.faults.resetConnection({ method: 'GET', key: 'f/big', afterBytes: 5000 });
    const res = await fetch(client.signatureUrl('f/big'));
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect((await (await fetch(client.signatureUrl('f/big'))).arrayBuffer()).byteLength).toBe(100_000);
  });

  it('delays responses', async () => {
    const client = ossClient(emu);
    emu.faults.delay({ operation: 'HeadObject', delayMs: 300 });
    await client.put('f/d', Buffer.from('d'));
    const t0 = Date.now();
    await client.head('f/d');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(emu.faults.stats().delayed).toBe(1);
  });

  it('is driven over the loopback admin route too', async () => {
    const client = ossClient(emu);
    const added = await postJson('/faults', {
      type: 'fail',
      operation: 'PutObject',
      status: 500,
      code: 'InternalError',
      count: null,
    });
    const { id } = (await added.json()) as { id: number };
    expect(await errorCode(client.put('f/x', Buffer.from('x')))).toBe('InternalError');
    expect(await errorCode(client.put('f/x', Buffer.from('x')))).toBe('InternalError');
    const stats = (await (await admin('/faults')).json()) as {
      rules: Array<{ id: number; hits: number; remaining: number | null }>;
    };
    expect(stats.rules.find((r) => r.id === id)).toMatchObject({ hits: 2, remaining: null });
    expect((await admin(`/faults/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await errorCode(client.put('f/x', Buffer.from('x')))).toBe('no error');
    const shifted = (await (await postJson('/clock', { shiftMs: 20 * 60_000 })).json()) as { offsetMs: number };
    expect(shifted.offsetMs).toBe(20 * 60_000);
    expect(await errorCode(client.get('f/x'))).toBe('RequestTimeTooSkewed');
    await postJson('/clock', { shiftMs: -20 * 60_000 });
    const { Credentials: c } = await emu.sts.assumeRole({ durationSeconds: 3600 });
    const sts = ossClient(emu, {
      credentials: { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken },
    });
    expect(await errorCode(sts.get('f/x'))).toBe('no error');
    expect((await postJson('/sts/expire')).status).toBe(200);
    expect(await errorCode(sts.get('f/x'))).toBe('SecurityTokenExpired');
    expect(emu.faults.stats()).toMatchObject({ stsExpirations: 1, clockShifts: 2 });
  });

  it('refuses POSTs that are not application/json and any request carrying an Origin (what a web page sends)', async () => {
    const rules = emu.faults.stats().rules.length;
    const rule = JSON.stringify({ type: 'fail', operation: 'PutObject', count: null });
    // A page's no-cors POST: text/plain (or no type) with an Origin header; both halves are refused on their own.
    const refused: Array<Record<string, string>> = [
      { 'content-type': 'text/plain;charset=UTF-8' },
      {},
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
    ];
    for (const headers of refused) {
      const res = await admin('/faults', { method: 'POST', headers, body: rule });
      expect([headers, res.status]).toEqual([headers, 415]);
    }
    for (const origin of ['http://evil.test', 'null', 'http://127.0.0.1:5173']) {
      const posted = await admin('/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: rule,
      });
      expect([origin, posted.status]).toEqual([origin, 403]);
      expect((await admin('/faults', { headers: { origin } })).status).toBe(403);
      expect((await admin('/faults', { method: 'DELETE', headers: { origin } })).status).toBe(403);
      expect(
        (await admin('/sts/expire', { method: 'POST', headers: { 'content-type': 'application/json', origin } }))
          .status,
      ).toBe(403);
    }
    expect(emu.faults.stats().rules.length).toBe(rules);
    expect(emu.faults.stats().stsExpirations).toBe(1);
    expect((await admin('/faults')).status).toBe(200);
  });

  it('answers only requests addressed to a loopback host name (a rebound DNS name reaching 127.0.0.1 is refused)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: emu.port, path: '/__emulator/faults', headers: { host } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (const host of [`evil.test:${emu.port}`, 'evil.test', `127.0.0.1.evil.test:${emu.port}`])
      expect([host, await status(host)]).toEqual([host, 403]);
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`])
      expect([host, await status(host)]).toEqual([host, 200]);
  });

  it('keeps the admin route off unless enabled', async () => {
    const plain = await startEmulator({ buckets: ['faults-off'] });
    try {
      // Without admin, /__emulator/faults is an ordinary anonymous OSS request (bucket "__emulator"): refused as one.
      const res = await fetch(`http://127.0.0.1:${plain.port}/__emulator/faults`);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>AccessDenied</Code>');
      const rule = JSON.stringify({ type: 'fail', operation: 'PutObject', count: null });
      const posted = await fetch(`http://127.0.0.1:${plain.port}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: rule,
      });
      expect(posted.status).toBe(501);
      expect(await posted.text()).toContain('<Code>NotImplemented</Code>');
      expect(plain.faults.stats().rules).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
