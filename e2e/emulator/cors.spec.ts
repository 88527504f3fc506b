import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../packages/emulator/src/index.js';
import { signRequestV1 } from '../../packages/emulator/src/testing.js';

// Real Chromium against the emulator: CORS preflights for PUT / multipart / GET with x-oss-meta-* headers,
// exposed headers readable from JavaScript, and a request blocked when the bucket has no CORS rule.

const WITH_CORS = 'e2e-cors';
const WITHOUT_CORS = 'e2e-nocors';
let emu: Emulator;
let pageServer: Server;
let pageOrigin: string;

test.beforeAll(async () => {
  pageServer = createServer((_, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>oss-cse emulator CORS</title><p>page origin</p>');
  });
  pageServer.listen(0, '127.0.0.1');
  await new Promise((resolve) => pageServer.once('listening', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  emu = await startEmulator({ buckets: [WITH_CORS], corsOrigins: [pageOrigin] });
  // A second bucket created without any CORS rule.
  const res = await fetch(`${emu.ossEndpoint}/${WITHOUT_CORS}/`, {
    method: 'PUT',
    headers: signRequestV1({
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
      method: 'PUT',
      bucket: WITHOUT_CORS,
    }),
  });
  expect(res.status).toBe(200);
});

test.afterAll(async () => {
  await emu?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
});

interface SignArgs {
  method: string;
  bucket: string;
  key: string;
  query?: string;
  headers?: Record<string, string>;
}

/** Opens the page origin with `window.ossSign(args)`: V1 signing done in Node with the account key. */
async function openSigningPage(page: Page): Promise<void> {
  await page.exposeFunction('ossSign', (a: SignArgs) =>
    signRequestV1({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, ...a }),
  );
  await page.goto(pageOrigin);
}

test('browser PUT, multipart and GET with x-oss-meta-* pass CORS and read the exposed headers', async ({ page }) => {
  await openSigningPage(page);
  const result = await page.evaluate(
    async ({ endpoint, bucket }) => {
      const sign = (window as unknown as { ossSign: (a: SignArgs) => Promise<Record<string, string>> }).ossSign;
      const url = (key: string, query = ''): string => `${endpoint}/${bucket}/${key}${query ? `?${query}` : ''}`;
      // A complete client-side-encryption header set (the emulator enforces OSS's CSE rules).
      const meta = {
        'x-oss-meta-client-side-encryption-key': 'a2V5',
        'x-oss-meta-client-side-encryption-start': 'c3RhcnQ=',
        'content-type': 'application/octet-stream',
      };
      const multipartMeta = {
        ...meta,
        'x-oss-meta-client-side-encryption-part-size': '102400',
        'x-oss-meta-client-side-encryption-data-size': '102410',
      };

      const put = await fetch(url('e2e/put.bin'), {
        method: 'PUT',
        body: new Uint8Array([1, 2, 3, 4]),
        headers: await sign({ method: 'PUT', bucket, key: 'e2e/put.bin', headers: meta }),
      });
      const get = await fetch(url('e2e/put.bin'), {
        headers: await sign({ method: 'GET', bucket, key: 'e2e/put.bin', headers: { range: 'bytes=1-2' } }),
      });
      const got = new Uint8Array(await get.arrayBuffer());

      const init = await fetch(url('e2e/mp.bin', 'uploads'), {
        method: 'POST',
        headers: await sign({ method: 'POST', bucket, key: 'e2e/mp.bin', query: 'uploads', headers: multipartMeta }),
      });
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await init.text())?.[1] ?? '';
      const etags: string[] = [];
      for (const [n, size] of [
        [1, 102400],
        [2, 10],
      ] as const) {
        const query = `partNumber=${n}&uploadId=${uploadId}`;
        const part = await fetch(url('e2e/mp.bin', query), {
          method: 'PUT',
          body: new Uint8Array(size).fill(n),
          headers: await sign({
            method: 'PUT',
            bucket,
            key: 'e2e/mp.bin',
            query,
            headers: { 'content-type': 'application/octet-stream' },
          }),
        });
        etags.push(part.headers.get('etag') ?? '');
      }
      const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
      const complete = await fetch(url('e2e/mp.bin', `uploadId=${uploadId}`), {
        method: 'POST',
        body: xml,
        headers: await sign({
          method: 'POST',
          bucket,
          key: 'e2e/mp.bin',
          query: `uploadId=${uploadId}`,
          headers: { 'content-type': 'application/xml' },
        }),
      });
      const head = await fetch(url('e2e/mp.bin'), {
        method: 'HEAD',
        headers: await sign({ method: 'HEAD', bucket, key: 'e2e/mp.bin' }),
      });
      return {
        putText: put.status === 200 ? '' : await put.text(),
        putStatus: put.status,
        putEtag: put.headers.get('etag'),
        putCrc: put.headers.get('x-oss-hash-crc64ecma'),
        getStatus: get.status,
        got: [...got],
        contentRange: get.headers.get('content-range'),
        getMeta: get.headers.get('x-oss-meta-client-side-encryption-key'),
        notExposed: get.headers.get('x-oss-storage-class'),
        uploadId,
        etags,
        completeStatus: complete.status,
        completeEtag: complete.headers.get('etag'),
        headLength: head.headers.get('content-length'),
        headMeta: head.headers.get('x-oss-meta-client-side-encryption-key'),
        headType: head.headers.get('x-oss-object-type'),
      };
    },
    { endpoint: emu.ossEndpoint, bucket: WITH_CORS },
  );

  expect(result.putText).toBe('');
  expect(result.putStatus).toBe(200);
  expect(result.putEtag).toMatch(/^"[0-9A-F]{32}"$/);
  expect(result.putCrc).toMatch(/^\d+$/);
  expect(result.getStatus).toBe(206);
  expect(result.got).toEqual([2, 3]);
  expect(result.contentRange).toBe('bytes 1-2/4');
  expect(result.getMeta).toBe('a2V5');
  // Not in the rule's ExposeHeader list, so invisible to JavaScript.
  expect(result.notExposed).toBeNull();
  expect(result.uploadId).toMatch(/^[0-9A-F]{32}$/);
  expect(result.etags.every((e) => /^"[0-9A-F]{32}"$/.test(e))).toBe(true);
  expect(result.completeStatus).toBe(200);
  expect(result.completeEtag).toMatch(/^"[0-9A-F]{32}-2"$/);
  expect(result.headLength).toBe('102410');
  expect(result.headMeta).toBe('a2V5');
  expect(result.headType).toBe('Multipart');
});

test('a bucket without a CORS rule blocks the same request in the browser', async ({ page }) => {
  await openSigningPage(page);
  const outcome = await page.evaluate(
    async ({ endpoint, bucket }) => {
      const sign = (window as unknown as { ossSign: (a: SignArgs) => Promise<Record<string, string>> }).ossSign;
      try {
        await fetch(`${endpoint}/${bucket}/blocked.bin`, {
          method: 'PUT',
          body: new Uint8Array([1]),
          headers: await sign({
            method: 'PUT',
            bucket,
            key: 'blocked.bin',
            headers: {
              'x-oss-meta-client-side-encryption-key': 'a2V5',
              'x-oss-meta-client-side-encryption-start': 'c3RhcnQ=',
            },
          }),
        });
        return 'allowed';
      } catch (err) {
        return `blocked: ${(err as Error).name}`;
      }
    },
    { endpoint: emu.ossEndpoint, bucket: WITHOUT_CORS },
  );
  expect(outcome).toBe('blocked: TypeError');
  // The preflight failed, so the object was never written.
  const head = await fetch(`${emu.ossEndpoint}/${WITHOUT_CORS}/blocked.bin`, {
    method: 'HEAD',
    headers: signRequestV1({
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
      method: 'HEAD',
      bucket: WITHOUT_CORS,
      key: 'blocked.bin',
    }),
  });
  expect(head.status).toBe(404);
});
