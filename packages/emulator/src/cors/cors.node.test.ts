import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { ossClient } from '../../test/support/clients.js';
import { rawRequest, responseCode } from '../../test/support/raw-request.js';

let emu: Emulator;
const ORIGIN = 'http://app.example.test';
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['cors-default', 'cors-none'], corsOrigins: [ORIGIN] });
  // Start-up CORS rules apply to the start-up buckets; remove it from one to test "not enabled".
  await rawRequest(emu, { method: 'DELETE', bucket: 'cors-none', query: 'cors' });
});
afterAll(() => emu.close());

const preflight = (bucket: string, origin: string, method: string, headers: string): Promise<Response> =>
  fetch(`${emu.ossEndpoint}/${bucket}/some/key`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });

describe('bucket CORS', () => {
  it('answers preflights with the matching rule and exposes the listed headers on responses', async () => {
    const res = await preflight(
      'cors-default',
      ORIGIN,
      'PUT',
      'authorization,content-type,x-oss-date,x-oss-meta-client-side-encryption-key',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, PUT, POST, DELETE, HEAD');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-oss-date, x-oss-meta-client-side-encryption-key',
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
    await ossClient(emu, { bucket: 'cors-default' }).put('c/a', Buffer.from('a'));
    const get = await rawRequest(emu, {
      method: 'GET',
      bucket: 'cors-default',
      key: 'c/a',
      headers: { Origin: ORIGIN },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag, x-oss-request-id, x-oss-hash-crc64ecma');
    const other = await rawRequest(emu, {
      method: 'GET',
      bucket: 'cors-default',
      key: 'c/a',
      headers: { Origin: 'http://evil.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses preflights from other origins, and on buckets without CORS', async () => {
    const denied = await preflight('cors-default', 'http://evil.test', 'PUT', 'content-type');
    expect(denied.status).toBe(403);
    expect(await responseCode(denied)).toBe('AccessForbidden');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const none = await preflight('cors-none', ORIGIN, 'GET', '');
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('CORS is not enabled for this bucket');
  });

  it('stores rules with PutBucketCors, validates them like OSS, and returns them with GetBucketCors', async () => {
    const rule = (expose: string): string =>
      `<CORSConfiguration><CORSRule><AllowedOrigin>http://*.example.test</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>x-oss-*</AllowedHeader><ExposeHeader>${expose}</ExposeHeader><MaxAgeSeconds>5</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
    expect(
      await responseCode(await rawRequest(emu, { method: 'PUT', bucket: 'cors-none', query: 'cors', body: rule('*') })),
    ).toBe('InvalidArgument');
    expect(
      (await rawRequest(emu, { method: 'PUT', bucket: 'cors-none', query: 'cors', body: rule('ETag') })).status,
    ).toBe(200);
    const back = await (await rawRequest(emu, { method: 'GET', bucket: 'cors-none', query: 'cors' })).text();
    expect(back).toContain('<AllowedOrigin>http://*.example.test</AllowedOrigin>');
    expect((await preflight('cors-none', 'http://a.example.test', 'GET', 'x-oss-date')).status).toBe(200);
    expect((await preflight('cors-none', 'http://a.example.test', 'GET', 'authorization')).status).toBe(403);
    expect((await preflight('cors-none', 'http://a.example.test', 'PUT', 'x-oss-date')).status).toBe(403);
    expect((await rawRequest(emu, { method: 'DELETE', bucket: 'cors-none', query: 'cors' })).status).toBe(204);
    expect(await responseCode(await rawRequest(emu, { method: 'GET', bucket: 'cors-none', query: 'cors' }))).toBe(
      'NoSuchCORSConfiguration',
    );
  });
});
