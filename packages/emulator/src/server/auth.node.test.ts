import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OSS from 'ali-oss';
import { request } from 'node:http';
import { startEmulator, type Emulator } from '../emulator.js';
import { errorCode, ossClient } from '../../test/support/clients.js';
import { rawRequest, responseCode } from '../../test/support/raw-request.js';
import { signRequestV1 } from '../auth/sign-v1.js';

let emu: Emulator;
const BUCKET = 'auth-test';
beforeAll(async () => {
  emu = await startEmulator({ buckets: [BUCKET], minStsDurationSeconds: 1 });
});
afterAll(() => emu.close());

async function stsCredentials(
  policy?: object,
): Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }> {
  const { Credentials: c } = await emu.sts.assumeRole({ durationSeconds: 3600, ...(policy ? { policy } : {}) });
  return { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken };
}

describe('authentication errors', () => {
  it('refuses anonymous requests with AccessDenied and the exact OSS error XML', async () => {
    const res = await rawRequest(emu, { method: 'GET', bucket: BUCKET, key: 'x', sign: false });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/xml');
    const xml = await res.text();
    const requestId = res.headers.get('x-oss-request-id') as string;
    expect(xml).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error>\\n  <Code>AccessDenied</Code>\\n  <Message>[^<]+</Message>\\n  <RequestId>${requestId}</RequestId>\\n  <HostId>${BUCKET}.localhost</HostId>\\n  <EC>0003-00000001</EC>\\n  <RecommendDoc>[^<]+</RecommendDoc>\\n</Error>\\n$`,
      ),
    );
    expect(res.headers.get('x-oss-ec')).toBe('0003-00000001');
  });

  it.each([
    ['V1', false],
    ['V4', true],
  ] as const)('surfaces the OSS codes through ali-oss (%s)', async (_, v4) => {
    const good = ossClient(emu, { v4, bucket: BUCKET });
    await good.put('auth/ok', Buffer.from('ok'));
    const unknown = ossClient(emu, {
      v4,
      bucket: BUCKET,
      credentials: { accessKeyId: 'nobody', accessKeySecret: 'x' },
    });
    expect(await errorCode(unknown.get('auth/ok'))).toBe('InvalidAccessKeyId');
    const badSecret = ossClient(emu, {
      v4,
      bucket: BUCKET,
      credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: 'wrong' },
    });
    expect(await errorCode(badSecret.get('auth/ok'))).toBe('SignatureDoesNotMatch');
    expect(await errorCode(badSecret.put('auth/ok', Buffer.from('x')))).toBe('SignatureDoesNotMatch');
    emu.faults.shiftClock(16 * 60_000);
    try {
      expect(await errorCode(good.get('auth/ok'))).toBe('RequestTimeTooSkewed');
    } finally {
      emu.faults.shiftClock(-16 * 60_000);
    }
    expect(((await good.get('auth/ok')).content as Buffer).toString()).toBe('ok');
    expect(await errorCode(good.get('auth/missing'))).toBe('NoSuchKey');
    expect(await errorCode(ossClient(emu, { v4, bucket: 'no-such-bucket' }).get('x'))).toBe('NoSuchBucket');
  });

  it('answers HEAD errors without a body and with x-oss-err', async () => {
    const res = await rawRequest(emu, { method: 'HEAD', bucket: BUCKET, key: 'auth/none' });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
    expect(await responseCode(res)).toBe('NoSuchKey');
    expect(res.headers.get('x-oss-ec')).toBe('0026-00000001');
  });

  it('checks Content-MD5, metadata names and key names', async () => {
    const res = await rawRequest(emu, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'auth/md5',
      headers: { 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
      body: 'not empty',
    });
    expect(await responseCode(res)).toBe('InvalidDigest');
    const bad = await rawRequest(emu, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'auth/meta',
      headers: { 'x-oss-meta-bad_name': 'x' },
      body: 'x',
    });
    expect(await responseCode(bad)).toBe('InvalidArgument');
    const big = await rawRequest(emu, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'auth/meta',
      headers: { 'x-oss-meta-big': 'x'.repeat(8200) },
      body: 'x',
    });
    expect(await responseCode(big)).toBe('InvalidArgument');
    const longKey = await rawRequest(emu, { method: 'PUT', bucket: BUCKET, key: 'k'.repeat(1024), body: 'x' });
    expect(await responseCode(longKey)).toBe('InvalidObjectName');
  });
});

describe('presigned URLs', () => {
  it('accepts V1 and V4 presigned GET and PUT, and refuses expired ones', async () => {
    const client = ossClient(emu, { bucket: BUCKET });
    await client.put('presign/a.txt', Buffer.from('hello'));
    const v1 = client.signatureUrl('presign/a.txt', { expires: 60 });
    expect(await (await fetch(v1)).text()).toBe('hello');
    const v4 = await ossClient(emu, { bucket: BUCKET, v4: true }).signatureUrlV4('GET', 60, undefined, 'presign/a.txt');
    expect(await (await fetch(v4)).text()).toBe('hello');
    const putUrl = client.signatureUrl('presign/b.txt', { method: 'PUT', expires: 60, 'Content-Type': 'text/plain' });
    expect(
      (await fetch(putUrl, { method: 'PUT', body: 'put via url', headers: { 'Content-Type': 'text/plain' } })).status,
    ).toBe(200);
    expect(((await client.get('presign/b.txt')).content as Buffer).toString()).toBe('put via url');
    emu.faults.shiftClock(120_000);
    try {
      expect(await responseCode(await fetch(v1))).toBe('AccessDenied');
      expect(await responseCode(await fetch(v4))).toBe('AccessDenied');
    } finally {
      emu.faults.shiftClock(-120_000);
    }
  });
});

describe('STS temporary credentials', () => {
  it.each([
    ['V1', false],
    ['V4', true],
  ] as const)('work, expire and are checked for tampering (%s)', async (_, v4) => {
    const creds = await stsCredentials();
    const client = ossClient(emu, { v4, bucket: BUCKET, credentials: creds });
    await client.put('sts/a', Buffer.from('a'));
    expect(((await client.get('sts/a')).content as Buffer).toString()).toBe('a');
    const tampered = ossClient(emu, {
      v4,
      bucket: BUCKET,
      credentials: { ...creds, stsToken: `${creds.stsToken.slice(0, -4)}AAAA` },
    });
    expect(await errorCode(tampered.get('sts/a'))).toBe('InvalidSecurityToken');
    const noToken = ossClient(emu, {
      v4,
      bucket: BUCKET,
      credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
    });
    expect(await errorCode(noToken.get('sts/a'))).toBe('InvalidAccessKeyId');
    await emu.faults.expireStsTokens();
    expect(await errorCode(client.get('sts/a'))).toBe('SecurityTokenExpired');
  });

  it('limits a token to the actions and resources of its policy', async () => {
    const alice = await stsCredentials({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:PutObject', 'oss:GetObject'],
          Resource: [`acs:oss:*:*:${BUCKET}/uploads/alice/*`],
        },
      ],
    });
    const client = ossClient(emu, { bucket: BUCKET, credentials: alice });
    await client.put('uploads/alice/file', Buffer.from('mine'));
    expect(((await client.get('uploads/alice/file')).content as Buffer).toString()).toBe('mine');
    const { uploadId } = await client.initMultipartUpload('uploads/alice/mp');
    expect(uploadId).toMatch(/^[0-9A-F]{32}$/);
    await ossClient(emu, { bucket: BUCKET }).put('uploads/bob/file', Buffer.from('bob'));
    expect(await errorCode(client.get('uploads/bob/file'))).toBe('AccessDenied');
    expect(await errorCode(client.put('uploads/bob/new', Buffer.from('x')))).toBe('AccessDenied');
    expect(await errorCode(client.delete('uploads/alice/file'))).toBe('AccessDenied');
    expect(await errorCode(client.list({ prefix: 'uploads/' }, {}))).toBe('AccessDenied');
    expect(await errorCode(client.copy('uploads/alice/copy', 'uploads/bob/file'))).toBe('AccessDenied');
  });
});

describe('addressing', () => {
  it('serves virtual-hosted requests (ali-oss with an IP endpoint sends Host: bucket.oss-<region>.aliyuncs.com)', async () => {
    const client = new OSS({
      endpoint: `http://127.0.0.1:${emu.port}`,
      bucket: BUCKET,
      region: `oss-${emu.region}`,
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
    });
    await client.put('vhost/a', Buffer.from('virtual'));
    expect(((await ossClient(emu, { bucket: BUCKET }).get('vhost/a')).content as Buffer).toString()).toBe('virtual');
    const get = (signed: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const headers = signed
          ? signRequestV1({
              accessKeyId: emu.accessKeyId,
              accessKeySecret: emu.accessKeySecret,
              method: 'GET',
              bucket: BUCKET,
              key: 'vhost/a',
            })
          : {};
        const req = request(
          {
            host: '127.0.0.1',
            port: emu.port,
            path: '/vhost/a',
            method: 'GET',
            headers: { ...headers, host: `${BUCKET}.localhost:${emu.port}` },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => {
              body += d.toString();
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await get(true)).toEqual({ status: 200, body: 'virtual' });
    expect((await get(false)).status).toBe(403);
  });

  it('serves path style on 127.0.0.1 too', async () => {
    const client = ossClient(emu, { bucket: BUCKET, endpoint: `http://127.0.0.1:${emu.port}` });
    await client.put('ip/a', Buffer.from('ip'));
    const res = await fetch(`http://127.0.0.1:${emu.port}/${BUCKET}/ip/a`);
    expect(res.status).toBe(403);
  });
});
