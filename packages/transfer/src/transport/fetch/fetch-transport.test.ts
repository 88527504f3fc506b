// The fetch transport against a scripted fetch (Node + Chromium): what goes on the wire, how each kind of
// failure is reported (timeouts of headers and of a stalled body, abort, network errors, HEAD errors without
// a body), and what never does (a guessed Content-Type, secrets in errors).
import { OssCseError, readAll } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../errors/oss-errors.js';
import { createFetchTransport, type FetchTransportOptions } from './fetch-transport.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
type Script = (seen: Seen, signal: AbortSignal) => Response | Promise<Response>;

const credentials = {
  accessKeyId: 'AKID-test',
  accessKeySecret: 'secret-value-1234',
  securityToken: 'token-value-5678',
};
const ctx = { credentials };

/** A transport whose fetch records each request and answers with `script`. */
function scripted(script: Script, options: Partial<FetchTransportOptions> = {}) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const s: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
    };
    seen.push(s);
    return script(s, init!.signal!);
  };
  const transport = createFetchTransport({
    bucket: 'b01',
    endpoint: 'http://localhost:9000',
    region: 'cn-hangzhou',
    fetch,
    ...options,
  });
  return { transport, seen };
}

const ok = (headers: Record<string, string> = {}, body: BodyInit | null = null, status = 200) =>
  new Response(body, { status, headers });
const xmlError = (status: number, code: string, message = 'm') =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>RID1</RequestId></Error>`,
    { status },
  );
/** A fetch that never answers but rejects with the signal's reason, as fetch does. */
const hang: Script = (_, signal) =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

async function failure(p: Promise<unknown>): Promise<OssCseError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OssCseError);
  return e as OssCseError;
}

describe('requests as sent', () => {
  it('every request bypasses the HTTP cache (cache: no-store), so a stale answer never stands in for a signed one', async () => {
    const caches: Array<RequestCache | undefined> = [];
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      caches.push(init?.cache);
      return new Response(null, { status: 200, headers: { etag: '"E"', 'content-length': '0' } });
    };
    const transport = createFetchTransport({
      bucket: 'b01',
      endpoint: 'http://localhost:9000',
      region: 'cn-hangzhou',
      fetch,
    });
    await transport.headObject('k', ctx);
    await (await transport.getObject('k', {}, ctx)).body.cancel();
    await transport.putObject('k', new Uint8Array(1), {}, ctx);
    expect(caches).toEqual(['no-store', 'no-store', 'no-store']);
  });

  it('PUT: Content-Type application/octet-stream unless given (never guessed from the key), body as given, signed V4', async () => {
    const { transport, seen } = scripted(() => ok({ etag: '"E1"', 'x-oss-hash-crc64ecma': '42' }));
    const body = new Uint8Array([1, 2, 3]);
    const progress: number[] = [];
    const put = await transport.putObject(
      'notes.txt',
      body,
      { 'x-oss-meta-a': ' b ' },
      { ...ctx, onUploadProgress: (n) => progress.push(n) },
    );
    expect(put).toMatchObject({ etag: '"E1"', crc64: '42' });
    expect(progress).toEqual([3]);
    expect(seen[0]).toMatchObject({ url: 'http://localhost:9000/b01/notes.txt', method: 'PUT' });
    // In a browser the bytes go as a Blob of them (fetch-body.browser.test.ts).
    expect(seen[0]!.body instanceof Blob ? new Uint8Array(await seen[0]!.body.arrayBuffer()) : seen[0]!.body).toEqual(
      body,
    );
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-oss-meta-a': 'b',
      'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-oss-security-token': credentials.securityToken,
    });
    expect(seen[0]!.headers['authorization']).toMatch(
      /^OSS4-HMAC-SHA256 Credential=AKID-test\/\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    );
    await transport.putObject(
      'typed.bin',
      new Blob([body], { type: 'image/png' }),
      { 'Content-Type': 'text/plain' },
      ctx,
    );
    expect(seen[1]!.headers['content-type']).toBe('text/plain');
  });

  it('a typed Blob still goes out with the signed Content-Type (fetch would otherwise use the Blob type)', async () => {
    const { transport, seen } = scripted(() => ok({ etag: '"E"' }));
    await transport.uploadPart('k', 'U1', 2, new Blob([new Uint8Array(5)], { type: 'image/png' }), {}, ctx);
    expect(seen[0]!.url).toBe('http://localhost:9000/b01/k?partNumber=2&uploadId=U1');
    expect(seen[0]!.headers['content-type']).toBe('application/octet-stream');
  });

  it('GET: a range goes with x-oss-range-behavior: standard, and If-Match as given; V1 signs with the RFC 1123 date', async () => {
    const { transport, seen } = scripted(() => ok({ 'content-range': 'bytes 0-1/9' }, new Uint8Array([7, 8]), 206), {
      signatureVersion: 'v1',
    });
    const got = await transport.getObject('a b', { range: 'bytes=0-1', ifMatch: '"E"' }, ctx);
    expect(got.status).toBe(206);
    expect(got.headers['content-range']).toBe('bytes 0-1/9');
    expect(await readAll(got.body)).toEqual(new Uint8Array([7, 8]));
    expect(seen[0]!.url).toBe('http://localhost:9000/b01/a%20b');
    expect(seen[0]!.headers).toMatchObject({
      range: 'bytes=0-1',
      'x-oss-range-behavior': 'standard',
      'if-match': '"E"',
    });
    expect(seen[0]!.headers['x-oss-date']).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(seen[0]!.headers['authorization']).toMatch(/^OSS AKID-test:[A-Za-z0-9+/]{27}=$/);
  });

  it('Complete sends the XML body and takes the ETag from the result document', async () => {
    const { transport, seen } = scripted(() =>
      ok({}, '<CompleteMultipartUploadResult><ETag>"M-2"</ETag></CompleteMultipartUploadResult>'),
    );
    const done = await transport.completeMultipartUpload(
      'k',
      'U1',
      [
        { partNumber: 2, etag: '"B"' },
        { partNumber: 1, etag: '"A"' },
      ],
      ctx,
    );
    expect(done.etag).toBe('"M-2"');
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'http://localhost:9000/b01/k?uploadId=U1' });
    expect(seen[0]!.headers['content-type']).toBe('application/xml');
    expect(String(seen[0]!.body).indexOf('<PartNumber>1<')).toBeLessThan(
      String(seen[0]!.body).indexOf('<PartNumber>2<'),
    );
  });

  it('ListParts follows the markers to the last page', async () => {
    const page = (n: number, more: boolean) =>
      ok(
        {},
        `<ListPartsResult><IsTruncated>${more}</IsTruncated><NextPartNumberMarker>${n}</NextPartNumberMarker><Part><PartNumber>${n}</PartNumber><ETag>"P"</ETag><Size>1</Size></Part></ListPartsResult>`,
      );
    const { transport, seen } = scripted((s) => {
      const marker = new URL(s.url).searchParams.get('part-number-marker');
      return page(marker === null ? 1 : Number(marker) + 1, marker !== '2');
    });
    expect((await transport.listParts('k', 'U1', ctx)).map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(seen.map((s) => new URL(s.url).searchParams.get('part-number-marker'))).toEqual([null, '1', '2']);
  });

  it('a listing that repeats its marker is refused, not followed forever', async () => {
    const { transport } = scripted(() =>
      ok(
        {},
        '<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>5</NextPartNumberMarker></ListPartsResult>',
      ),
    );
    const e = await failure(transport.listParts('k', 'U1', ctx));
    expect(e.code).toBe('ERR_TRANSPORT');
    expect(isRetryable(e)).toBe(false);
  });

  it('a 200 whose body is not the expected document is an error, never an empty result', async () => {
    const { transport } = scripted(() => ok({}, '<html>captive portal</html>'));
    const e = await failure(transport.listObjects({}, ctx));
    expect(e.code).toBe('ERR_TRANSPORT');
    expect(e.message).toContain('ListBucketResult');
  });

  it('an answer without a readable ETag is ERR_CORS naming ETag', async () => {
    const { transport } = scripted(() => ok({}));
    const e = await failure(transport.putObject('k', new Uint8Array(1), {}, ctx));
    expect(e.code).toBe('ERR_CORS');
    expect(e.details).toMatchObject({ missing: ['ETag'] });
  });

  it.each([
    ['an empty key', () => scripted(() => ok()).transport.headObject('', ctx)],
    [
      'a header value fetch cannot send',
      () =>
        scripted(() => ok()).transport.putObject('k', new Uint8Array(0), { 'x-oss-meta-n': 'naïve-secret-ish' }, ctx),
    ],
    [
      'a header the transport sets',
      () => scripted(() => ok()).transport.putObject('k', new Uint8Array(0), { Authorization: 'x' }, ctx),
    ],
    [
      'a part number out of range',
      () => scripted(() => ok()).transport.uploadPart('k', 'U', 10_001, new Uint8Array(0), {}, ctx),
    ],
    ['maxKeys out of range', () => scripted(() => ok()).transport.listObjects({ maxKeys: 0 }, ctx)],
  ])('refuses %s with ERR_INVALID_ARGUMENT (naming no value)', async (_, run) => {
    const e = await failure((async () => run())());
    expect(e.code).toBe('ERR_INVALID_ARGUMENT');
    expect(e.message).not.toContain('naïve');
  });
});

describe('failures', () => {
  it('HEAD: the code comes from x-oss-err (base64 XML) when the header is readable', async () => {
    const xml = '<Error><Code>SecurityTokenExpired</Code><Message>expired</Message><RequestId>R9</RequestId></Error>';
    const { transport, seen } = scripted(() => ok({ 'x-oss-err': btoa(xml) }, null, 403));
    const e = await failure(transport.headObject('k', ctx));
    expect(e.code).toBe('ERR_TOKEN_EXPIRED');
    expect(e.details).toMatchObject({ ossCode: 'SecurityTokenExpired', requestId: 'R9', status: 403 });
    expect(seen).toHaveLength(1);
  });

  it('HEAD: a bare 403 is told apart by a 1-byte GET (what browsers need when x-oss-err is hidden)', async () => {
    const { transport, seen } = scripted((s) =>
      s.method === 'HEAD' ? ok({}, null, 403) : xmlError(403, 'SignatureDoesNotMatch'),
    );
    const e = await failure(transport.headObject('k', ctx));
    expect(e.code).toBe('ERR_CREDENTIALS');
    expect(e.message).toContain('HeadObject k');
    expect(seen.map((s) => [s.method, s.headers['range']])).toEqual([
      ['HEAD', undefined],
      ['GET', 'bytes=0-0'],
    ]);
  });

  it('HEAD: a bare 404 needs no second request', async () => {
    const { transport, seen } = scripted(() => ok({}, null, 404));
    expect((await failure(transport.headObject('k', ctx))).code).toBe('ERR_NOT_FOUND');
    expect(seen).toHaveLength(1);
  });

  it('no response headers within timeoutMs: a retryable network error naming the timeout', async () => {
    const { transport } = scripted(hang, { timeoutMs: 50 });
    const e = await failure(transport.deleteObject('k', ctx));
    expect(e.code).toBe('ERR_TRANSPORT');
    expect(isRetryable(e)).toBe(true);
    expect(e.message).toContain('timeout');
  });

  it('a body that stalls after its first chunk fails after timeoutMs; a slow reader does not', async () => {
    const stalled = () => new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([1])) });
    const { transport } = scripted(() => ok({}, stalled()), { timeoutMs: 80 });
    const got = await transport.getObject('k', {}, ctx);
    const reader = got.body.getReader();
    await new Promise((r) => setTimeout(r, 200)); // longer than the timeout, but no read is waiting
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    const e = await reader.read().then(
      () => undefined,
      (err: unknown) => err as OssCseError,
    );
    expect(e).toBeInstanceOf(OssCseError);
    expect(e!.code).toBe('ERR_TRANSPORT');
    expect(e!.message).toContain('stalled');
    expect(isRetryable(e)).toBe(true);
  });

  it('abort through ctx.signal: before sending, while waiting, and while reading the body → ERR_ABORTED', async () => {
    const before = new AbortController();
    before.abort();
    expect((await failure(scripted(hang).transport.headObject('k', { ...ctx, signal: before.signal }))).code).toBe(
      'ERR_ABORTED',
    );

    const waiting = new AbortController();
    const pending = scripted(hang).transport.deleteObject('k', { ...ctx, signal: waiting.signal });
    setTimeout(() => waiting.abort(new Error('user cancelled')), 20);
    const e = await failure(pending);
    expect(e.code).toBe('ERR_ABORTED');
    expect((e.cause as Error).message).toBe('user cancelled');

    const reading = new AbortController();
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([1])) });
    const got = await scripted(() => ok({}, body)).transport.getObject('k', {}, { ...ctx, signal: reading.signal });
    const reader = got.body.getReader();
    await reader.read();
    setTimeout(() => reading.abort(), 20);
    const r = await reader.read().then(
      () => undefined,
      (err: unknown) => err as OssCseError,
    );
    expect(r?.code).toBe('ERR_ABORTED');
  });

  it('a network failure is a retryable ERR_TRANSPORT that keeps nothing of the runtime error (it may hold the URL)', async () => {
    const { transport } = scripted(() => {
      throw new TypeError('fetch failed: http://localhost:9000/b01/k?x-oss-signature=abc', {
        cause: { code: 'ECONNREFUSED' },
      });
    });
    const e = await failure(transport.deleteObject('k', ctx));
    expect(e.code).toBe('ERR_TRANSPORT');
    expect(isRetryable(e)).toBe(true);
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.cause).toBeUndefined();
    expect(e.message).not.toContain('x-oss-signature');
  });

  it('an error answer never carries the secret, token or signature, even if the server echoed them', async () => {
    let authorization = '';
    const { transport } = scripted((s) => {
      authorization = s.headers['authorization']!;
      const signature = authorization.split('Signature=')[1]!;
      return xmlError(
        403,
        'SignatureDoesNotMatch',
        `echo ${credentials.accessKeySecret} ${credentials.securityToken} ${signature}`,
      );
    });
    const e = await failure(transport.putObject('k', new Uint8Array(1), {}, ctx));
    expect(e.code).toBe('ERR_CREDENTIALS');
    const signature = authorization.split('Signature=')[1]!;
    const text = [e.message, String(e), JSON.stringify(e), JSON.stringify(e.details)].join('\n');
    for (const secret of [credentials.accessKeySecret, credentials.securityToken, signature])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('a 5xx answer is retryable, a redirect is not followed', async () => {
    expect(
      isRetryable(await failure(scripted(() => xmlError(503, 'ServiceUnavailable')).transport.deleteObject('k', ctx))),
    ).toBe(true);
    const { transport, seen } = scripted(() => ok({ location: 'https://elsewhere.example/' }, null, 301));
    const e = await failure(transport.deleteObject('k', ctx));
    expect(e.message).toContain('redirected');
    expect(seen).toHaveLength(1);
  });
});

describe('presignGetObject', () => {
  it('refuses lifetimes outside 1 s .. 7 days', async () => {
    const { transport } = scripted(() => ok());
    for (const expiresIn of [0, 604_801, 1.5]) {
      expect((await failure(transport.presignGetObject('k', { expiresIn, credentials }))).code).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    }
  });
});
