import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../packages/emulator/src/index.js';
import { errorCode, ossClient, type LooseOss } from '../../../packages/emulator/test/support/clients.js';
import { startDemoServer } from './server.mjs';
import { SESSION_COOKIE, sessionSigner } from './session.mjs';
import { clampTokenSeconds, userPolicy } from './sts.mjs';

// The demo backend as the reference for safe STS vending: a signed session cookie names the user, the bucket is
// server configuration, token lifetimes are clamped, foreign Host/Origin headers are refused, and the token's
// policy limits ListObjects to the user's prefix (enforced by the emulator's oss:Prefix condition).

const BUCKET = 'demo-vending';
const OTHER = 'demo-other';
const PAGE_HOST = '127.0.0.1:5173';
const PAGE_ORIGIN = `http://${PAGE_HOST}`;
const HTTPS_ORIGIN = 'https://demo.example.test';
const SECRET = randomBytes(32).toString('hex');

let emu: Emulator;
let admin: LooseOss;
let demo: Awaited<ReturnType<typeof startDemoServer>>;

function demoConfig(overrides: Record<string, unknown> = {}) {
  return {
    bucket: BUCKET,
    ossEndpoint: emu.ossEndpoint,
    region: emu.region,
    pathStyle: true,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    stsEndpoint: emu.stsEndpoint,
    roleArn: 'acs:ram::1234567890123456:role/demo-vending',
    tokenSeconds: 43_200,
    allowedOrigins: [PAGE_ORIGIN, HTTPS_ORIGIN],
    sessionSecret: SECRET,
    kms: null,
    ...overrides,
  };
}

beforeAll(async () => {
  emu = await startEmulator({ buckets: [BUCKET, OTHER] });
  admin = ossClient(emu, { bucket: BUCKET });
  await admin.put('users/bob/secret.txt', Buffer.from('bob only'));
  await ossClient(emu, { bucket: OTHER }).put('users/alice/elsewhere.txt', Buffer.from('other bucket'));
  demo = await startDemoServer(demoConfig());
});
afterAll(async () => {
  await demo?.close();
  await emu?.close();
});

interface Call {
  method?: string;
  host?: string;
  origin?: string;
  cookie?: string;
  contentType?: string;
  body?: string;
}
interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

/** A request to a demo server as the Vite proxy forwards it: the page's Host and (when given) Origin. */
function call(path: string, c: Call = {}, server = demo): Promise<Reply> {
  const headers: Record<string, string> = { host: c.host ?? PAGE_HOST };
  if (c.origin) headers['origin'] = c.origin;
  if (c.cookie) headers['cookie'] = c.cookie;
  if (c.contentType) headers['content-type'] = c.contentType;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: c.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

const signIn = (name: unknown, c: Call = {}, server = demo) =>
  call(
    '/api/session',
    { method: 'POST', origin: PAGE_ORIGIN, contentType: 'application/json', body: JSON.stringify({ name }), ...c },
    server,
  );

/** The session cookie set by a reply, as a `Cookie` header value. */
function cookieOf(reply: Reply): string {
  const set = reply.headers['set-cookie']?.[0];
  if (!set) throw new Error(`no Set-Cookie (status ${reply.status}: ${reply.text})`);
  return set.split(';')[0]!;
}
const attributesOf = (reply: Reply) =>
  (reply.headers['set-cookie']?.[0] ?? '')
    .split(';')
    .slice(1)
    .map((a) => a.trim());

async function tokenClient(cookie: string, bucket = BUCKET, query = '') {
  const reply = await call(`/api/sts${query}`, { cookie });
  expect(reply.status, reply.text).toBe(200);
  const t = reply.json as { accessKeyId: string; accessKeySecret: string; securityToken: string; expiration: string };
  return {
    token: t,
    oss: ossClient(emu, {
      bucket,
      credentials: { accessKeyId: t.accessKeyId, accessKeySecret: t.accessKeySecret, stsToken: t.securityToken },
    }),
  };
}

describe('demo backend: sessions', () => {
  it('refuses /api/sts and /api/config without a session (401), whatever the query says', async () => {
    for (const path of [
      '/api/sts?user=bob',
      '/api/sts?user=bob&bucket=*&seconds=43200',
      '/api/config?user=bob',
      '/api/config',
    ]) {
      const reply = await call(path);
      expect(reply.status, path).toBe(401);
      expect(reply.json['code'], path).toBe('NO_SESSION');
      expect(reply.text, path).not.toMatch(/accessKey|securityToken|bob/i);
    }
  });

  it('signs in with a valid name only, never rewritten; the cookie is HttpOnly, SameSite=Strict, Path=/, expiring', async () => {
    const ok = await signIn('alice');
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toEqual({ user: 'alice', prefix: 'users/alice/' });
    expect(cookieOf(ok).startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const attributes = attributesOf(ok);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes).not.toContain('Secure');
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(24 * 3600);
    expect((await call('/api/config', { cookie: cookieOf(ok) })).json['user']).toBe('alice');

    for (const name of ['Alice', 'al ice', '', 'a'.repeat(33), '../bob', 'bob/', 'bob*', 42, null]) {
      const bad = await signIn(name);
      expect(bad.status, String(name)).toBe(400);
      expect(bad.json['code']).toBe('INVALID_NAME');
      expect(bad.headers['set-cookie']).toBeUndefined();
    }
    expect((await signIn('a'.repeat(32))).status).toBe(200);
  });

  it('sets Secure on the cookie when the page is served over https', async () => {
    const reply = await signIn('alice', { host: 'demo.example.test', origin: HTTPS_ORIGIN });
    expect(reply.status, reply.text).toBe(200);
    expect(attributesOf(reply)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']));
  });

  it('accepts state changes only as POST with a JSON body', async () => {
    const form = await call('/api/session', {
      method: 'POST',
      origin: PAGE_ORIGIN,
      contentType: 'application/x-www-form-urlencoded',
      body: 'name=alice',
    });
    expect(form.status).toBe(415);
    expect(form.headers['set-cookie']).toBeUndefined();
    const plain = await call('/api/session', {
      method: 'POST',
      origin: PAGE_ORIGIN,
      contentType: 'text/plain',
      body: '{"name":"alice"}',
    });
    expect(plain.status).toBe(415);
    expect((await call('/api/session', { method: 'GET' })).status).toBe(405);
    expect((await call('/api/session/logout', { method: 'GET' })).status).toBe(405);
    const broken = await call('/api/session', {
      method: 'POST',
      origin: PAGE_ORIGIN,
      contentType: 'application/json',
      body: '{"name":',
    });
    expect(broken.status).toBe(400);
    const huge = await call('/api/session', {
      method: 'POST',
      origin: PAGE_ORIGIN,
      contentType: 'application/json',
      body: JSON.stringify({ name: 'a', pad: 'x'.repeat(64 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses forged, altered, foreign and expired session cookies', async () => {
    const alice = cookieOf(await signIn('alice'));
    const bob = cookieOf(await signIn('bob'));
    const [alicePayload, aliceSignature] = alice.slice(SESSION_COOKIE.length + 1).split('.');
    const [bobPayload] = bob.slice(SESSION_COOKIE.length + 1).split('.');
    const flipped = `${aliceSignature!.slice(0, -2)}${aliceSignature!.endsWith('AA') ? 'AB' : 'AA'}`;
    const forged = [
      `${SESSION_COOKIE}=${alicePayload}.${flipped}`,
      `${SESSION_COOKIE}=${bobPayload}.${aliceSignature}`,
      `${SESSION_COOKIE}=${alicePayload}`,
      `${SESSION_COOKIE}=garbage`,
      `${SESSION_COOKIE}=${sessionSigner({ secret: randomBytes(32).toString('hex') }).issue('alice')}`,
      `${SESSION_COOKIE}=${sessionSigner({ secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 3600_000 }).issue('alice')}`,
    ];
    for (const cookie of forged) {
      for (const path of ['/api/config', '/api/sts']) {
        const reply = await call(path, { cookie });
        expect(reply.status, `${path} with ${cookie}`).toBe(401);
        expect(reply.text).not.toContain('accessKeyId');
      }
    }
    expect(
      (await call('/api/config', { cookie: `${SESSION_COOKIE}=${sessionSigner({ secret: SECRET }).issue('alice')}` }))
        .status,
    ).toBe(200);
  });

  it('signs out: POST /api/session/logout clears the cookie', async () => {
    const cookie = cookieOf(await signIn('alice'));
    const out = await call('/api/session/logout', {
      method: 'POST',
      origin: PAGE_ORIGIN,
      contentType: 'application/json',
      body: '{}',
      cookie,
    });
    expect(out.status).toBe(204);
    const cleared = out.headers['set-cookie']?.[0] ?? '';
    expect(cleared.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(attributesOf(out)).toEqual(expect.arrayContaining(['Max-Age=0', 'HttpOnly', 'SameSite=Strict', 'Path=/']));
  });
});

describe('demo backend: Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) or Origin (CSRF) with 403 before anything else', async () => {
    const cookie = cookieOf(await signIn('alice'));
    for (const c of [
      { host: 'evil.example:5173' },
      { host: 'localhost.evil.example' },
      { host: `127.0.0.1:${demo.port}.evil.example` },
      { origin: 'http://evil.example' },
      { origin: 'http://127.0.0.1:5174' },
      { origin: 'null' },
    ]) {
      for (const path of ['/api/config', '/api/sts']) {
        const reply = await call(path, { cookie, ...c });
        expect(reply.status, `${path} ${JSON.stringify(c)}`).toBe(403);
        expect(reply.text).not.toContain('accessKeyId');
      }
      const login = await signIn('mallory', c);
      expect(login.status, JSON.stringify(c)).toBe(403);
      expect(login.headers['set-cookie']).toBeUndefined();
    }
    // The page origin, no Origin (same-origin GET) and the backend's own address (the KMS relay URL) pass.
    expect((await call('/api/config', { cookie, origin: PAGE_ORIGIN })).status).toBe(200);
    expect((await call('/api/config', { cookie, host: `127.0.0.1:${demo.port}` })).status).toBe(200);
  });
});

describe('demo backend: the token', () => {
  it('is for the configured bucket and the session user only, whatever the query says', async () => {
    const cookie = cookieOf(await signIn('alice'));
    const config = await call('/api/config?bucket=*&user=bob', { cookie });
    expect(config.json).toMatchObject({ bucket: BUCKET, user: 'alice', prefix: 'users/alice/' });

    const { oss } = await tokenClient(cookie, BUCKET, '?bucket=*&user=bob');
    await oss.put('users/alice/mine.txt', Buffer.from('mine'));
    expect(((await oss.get('users/alice/mine.txt')).content as Buffer).toString()).toBe('mine');
    expect((await oss.list({ prefix: 'users/alice/' }, {})).objects.map((o: { name: string }) => o.name)).toEqual([
      'users/alice/mine.txt',
    ]);
    expect(await errorCode(oss.get('users/bob/secret.txt'))).toBe('AccessDenied');
    expect(await errorCode(oss.put('users/bob/planted.txt', Buffer.from('x')))).toBe('AccessDenied');

    for (const bucket of [OTHER, 'no-such-bucket-here']) {
      const { oss: other } = await tokenClient(cookie, bucket, `?bucket=${bucket}`);
      expect(await errorCode(other.list({ prefix: 'users/alice/' }, {})), bucket).toBe('AccessDenied');
      expect(await errorCode(other.get('users/alice/elsewhere.txt')), bucket).toBe('AccessDenied');
      expect(await errorCode(other.put('users/alice/planted.txt', Buffer.from('x'))), bucket).toBe('AccessDenied');
    }
  });

  it('lists only under the user prefix: users/bob/, users/, users/alice and no prefix are denied', async () => {
    const { oss } = await tokenClient(cookieOf(await signIn('alice')));
    await oss.put('users/alice/list-me.txt', Buffer.from('x'));
    expect((await oss.list({ prefix: 'users/alice/', 'max-keys': 1000 }, {})).objects.length).toBeGreaterThan(0);
    for (const query of [{ prefix: 'users/bob/' }, { prefix: 'users/' }, { prefix: 'users/alice' }, {}]) {
      expect(await errorCode(oss.list(query, {})), JSON.stringify(query)).toBe('AccessDenied');
    }
  });

  it('lives 900..3600 s: the configured 43200 s and ?seconds=43200 are clamped', async () => {
    const cookie = cookieOf(await signIn('alice'));
    const before = Date.now();
    const { token } = await tokenClient(cookie, BUCKET, '?seconds=43200');
    const lifetime = (Date.parse(token.expiration) - before) / 1000;
    expect(lifetime).toBeGreaterThan(3600 - 60);
    expect(lifetime).toBeLessThanOrEqual(3600 + 5);
    expect([
      clampTokenSeconds(43_200),
      clampTokenSeconds(60),
      clampTokenSeconds(1800),
      clampTokenSeconds(Number.NaN),
      clampTokenSeconds(undefined),
    ]).toEqual([3600, 900, 1800, 900, 900]);
  });

  it('answers an STS failure with a fixed message: no upstream text, no parameter values', async () => {
    const broken = await startDemoServer(
      demoConfig({ accessKeySecret: 'not-the-secret', roleArn: 'acs:ram::1234567890123456:role/very-private-role' }),
    );
    try {
      const cookie = cookieOf(await signIn('alice', {}, broken));
      const reply = await call('/api/sts', { cookie }, broken);
      expect(reply.status).toBe(502);
      expect(reply.json).toEqual({
        error: 'the STS token request failed',
        code: 'STS_FAILED',
        upstreamCode: 'SignatureDoesNotMatch',
      });
    } finally {
      await broken.close();
    }
  });
});

describe('userPolicy', () => {
  it('is an object: object actions under users/<name>/, ListObjects with an oss:Prefix condition, the KMS key', () => {
    const policy = userPolicy({ bucket: BUCKET, user: 'alice', kmsKeyArn: 'acs:kms:cn-hangzhou:1:key/k1' });
    expect(policy.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:ListParts', 'oss:AbortMultipartUpload'],
      Resource: [`acs:oss:*:*:${BUCKET}/users/alice/*`],
    });
    expect(policy.Statement[1]).toEqual({
      Effect: 'Allow',
      Action: ['oss:ListObjects'],
      Resource: [`acs:oss:*:*:${BUCKET}`],
      Condition: { StringLike: { 'oss:Prefix': ['users/alice/*'] } },
    });
    expect(policy.Statement[2]).toMatchObject({ Resource: ['acs:kms:cn-hangzhou:1:key/k1'] });
    expect(userPolicy({ bucket: BUCKET, user: 'alice' }).Statement).toHaveLength(2);
  });

  it('refuses a bucket or user name that could widen the resource', () => {
    for (const bucket of ['*', 'b*', 'a/b', 'Bucket', 'ab', '-abc', 'abc-', `a${'b'.repeat(63)}`, '']) {
      expect(() => userPolicy({ bucket, user: 'alice' }), bucket).toThrow(RangeError);
    }
    for (const user of ['*', 'Alice', '../bob', 'a/b', '', 'a'.repeat(33)]) {
      expect(() => userPolicy({ bucket: BUCKET, user }), user).toThrow(RangeError);
    }
  });
});
