// The relay in Node: forwarding to the emulator's KMS (which sends no CORS itself), CORS, limits, allow-list.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptObject, encryptObject, fromUtf8 } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsClient } from '../client/kms-client.js';
import { KmsMasterKey } from '../master-key/kms-master-key.js';
import { buildSignedRequest } from '../rpc/signed-request.js';
import { signV1 } from '../rpc/v1-signature.js';
import { popTimestamp, randomNonce } from '../rpc/webcrypto.js';
import { createKmsRelayHandler } from './handler.js';
import { kmsRelayMiddleware } from './middleware.js';

const PAGE = 'http://page.example:5173';
let emu: Emulator;
let keyId: string;
let server: Server;
let relayUrl: string;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const s = createServer(handler);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  ({ keyId } = await emu.kms.createKey());
  ({ server, url: relayUrl } = await listen(
    createKmsRelayHandler({ target: emu.kmsEndpoint, allowedOrigins: [PAGE], maxBodyBytes: 1024 }),
  ));
});
afterAll(async () => {
  server?.close();
  await emu?.close();
});

const account = () => ({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret });

/** A POST-signed request as a URL carrying every parameter in its query (how the official SDKs place them). */
async function signed(
  action: string,
  params: Record<string, string>,
  signatureVersion: 'v1' | 'acs3' = 'v1',
): Promise<string> {
  const req = await buildSignedRequest({
    endpoint: new URL(`${relayUrl}/`),
    version: '2016-01-20',
    action,
    params,
    credentials: account(),
    signatureVersion,
    method: 'POST',
    now: new Date(),
  });
  return `${req.url}?${req.body ?? ''}`;
}

describe('KMS relay (Node http handler)', () => {
  it('forwards signed requests unchanged: a KMS master key works through it, both layouts', async () => {
    for (const layout of ['oss2', 'sdk'] as const) {
      const key = new KmsMasterKey({ endpoint: `${relayUrl}/`, credentials: account(), keyId, layout });
      const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: `through the relay (${layout})` });
      expect(fromUtf8(await decryptObject({ keyring: key, headers, ciphertext }))).toBe(
        `through the relay (${layout})`,
      );
    }
  });

  it('adds CORS for allowed origins and answers their preflights', async () => {
    const preflight = await fetch(`${relayUrl}/`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, accept',
      vary: 'Origin',
    });
    const answer = await fetch(await signed('Encrypt', { KeyId: keyId, Plaintext: 'AAAA' }), {
      method: 'POST',
      headers: { origin: PAGE },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-acs-request-id');
    expect(await answer.json()).toMatchObject({ KeyId: keyId });
  });

  it('refuses other origins before forwarding anything, without CORS headers', async () => {
    for (const method of ['OPTIONS', 'POST']) {
      const r = await fetch(await signed('Encrypt', { KeyId: keyId, Plaintext: 'AAAA' }), {
        method,
        headers: { origin: 'https://evil.example' },
      });
      expect(r.status).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(await r.json()).toMatchObject({ Code: 'Relay.OriginNotAllowed' });
    }
  });

  it('forwards only allow-listed actions, V1-signed, within the size limits', async () => {
    const disable = await fetch(await signed('DisableKey', { KeyId: keyId }), {
      method: 'POST',
      headers: { origin: PAGE },
    });
    const refusal = await disable.json();
    expect([disable.status, refusal.Code]).toEqual([403, 'Relay.ActionNotAllowed']);
    expect(JSON.stringify(refusal)).not.toContain('DisableKey');
    expect(disable.headers.get('access-control-allow-origin')).toBe(PAGE);
    const unsigned = await fetch(`${relayUrl}/?Action=Encrypt&KeyId=${keyId}&Plaintext=AAAA`, { method: 'POST' });
    expect([unsigned.status, (await unsigned.json()).Code]).toEqual([400, 'Relay.Unsigned']);
    const acs3 = await signed('Encrypt', { KeyId: keyId, Plaintext: 'AAAA' }, 'acs3');
    const v3 = await fetch(acs3, {
      method: 'POST',
      headers: { authorization: 'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=0' },
    });
    expect([v3.status, (await v3.json()).Code]).toEqual([400, 'Relay.UnsupportedSignature']);
    const big = await fetch(`${relayUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Encrypt&x=' + 'a'.repeat(2000),
    });
    expect([big.status, (await big.json()).Code]).toEqual([413, 'Relay.BodyTooLarge']);
    const put = await fetch(`${relayUrl}/`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
  });

  it('forwards form-body requests (pop-core style, as the client sends them), and reports KMS errors as KMS sent them', async () => {
    const url = new URL(await signed('Encrypt', { KeyId: keyId, Plaintext: 'AAAA' }));
    const form = await fetch(`${relayUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: url.search.slice(1),
    });
    expect(form.status).toBe(200);
    const client = new KmsClient({ endpoint: `${relayUrl}/`, credentials: account(), retry: { retries: 0 } });
    await expect(client.decrypt('bm90LWEtYmxvYg==')).rejects.toMatchObject({
      kmsCode: 'InvalidParameter',
      httpStatus: 400,
    });
  });

  it('refuses a repeated parameter name (query, form body, both) as a malformed request and forwards nothing', async () => {
    const { keyId: victim } = await emu.kms.createKey();
    const forwarded: string[] = [];
    const { server: counting, url } = await listen(
      createKmsRelayHandler({
        target: emu.kmsEndpoint,
        allowedOrigins: [PAGE],
        fetch: (input, init) => (forwarded.push(input), globalThis.fetch(input, init)),
      }),
    );
    /** A correctly signed Encrypt that repeats a parameter: the gateway honours the last `Action`. */
    const smuggled = async (second: readonly [string, string]): Promise<Array<[string, string]>> => {
      const pairs: Array<[string, string]> = [
        ['Action', 'Encrypt'],
        ['Version', '2016-01-20'],
        ['Format', 'JSON'],
        ['AccessKeyId', emu.accessKeyId],
        ['SignatureMethod', 'HMAC-SHA1'],
        ['SignatureVersion', '1.0'],
        ['SignatureNonce', randomNonce()],
        ['Timestamp', popTimestamp(new Date())],
        ['KeyId', victim],
        ['Plaintext', 'AAAA'],
        [second[0], second[1]],
      ];
      const { signature } = await signV1({ method: 'POST', params: pairs, accessKeySecret: emu.accessKeySecret });
      return [...pairs, ['Signature', signature]];
    };
    const form = (pairs: Array<[string, string]>) => new URLSearchParams(pairs).toString();
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    try {
      for (const second of [
        ['Action', 'DisableKey'],
        ['action', 'DisableKey'],
        ['KeyId', 'alias/other'],
      ] as const) {
        const pairs = await smuggled(second);
        const attempts = [
          fetch(`${url}/?${form(pairs)}`, { method: 'POST', headers: { origin: PAGE } }),
          fetch(`${url}/`, { method: 'POST', headers: { origin: PAGE, ...formType }, body: form(pairs) }),
          fetch(`${url}/?${form(pairs.slice(0, 5))}`, {
            method: 'POST',
            headers: { origin: PAGE, ...formType },
            body: form(pairs.slice(5)),
          }),
        ];
        for (const answer of await Promise.all(attempts)) {
          const body = await answer.json();
          expect([answer.status, body.Code], `${second[0]} repeated`).toEqual([400, 'InvalidParameter']);
          expect(answer.headers.get('access-control-allow-origin')).toBe(PAGE);
          expect(JSON.stringify(body)).not.toContain('DisableKey');
        }
      }
      expect(forwarded).toEqual([]);
      const admin = new KmsClient({ endpoint: emu.kmsEndpoint, credentials: account() });
      expect(await admin.describeKey(victim)).toMatchObject({ keyState: 'Enabled' });
    } finally {
      counting.close();
    }
  });

  it('forwards a body only when it is x-www-form-urlencoded (it could not check the parameters of any other)', async () => {
    const forwarded: string[] = [];
    const { server: counting, url } = await listen(
      createKmsRelayHandler({
        target: emu.kmsEndpoint,
        allowedOrigins: '*',
        fetch: (input, init) => (forwarded.push(input), globalThis.fetch(input, init)),
      }),
    );
    try {
      const query = new URL(await signed('Encrypt', { KeyId: keyId, Plaintext: 'AAAA' })).search;
      for (const type of ['multipart/form-data; boundary=x', 'text/plain', 'application/json']) {
        const answer = await fetch(`${url}/${query}`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: 'Action=DisableKey',
        });
        expect([answer.status, (await answer.json()).Code], type).toEqual([415, 'Relay.UnsupportedBody']);
      }
      expect(forwarded).toEqual([]);
    } finally {
      counting.close();
    }
  });

  it('answers 502 when KMS cannot be reached', async () => {
    const { server: dead, url } = await listen(
      createKmsRelayHandler({ target: 'http://127.0.0.1:9/', allowedOrigins: '*' }),
    );
    try {
      const client = new KmsClient({ endpoint: `${url}/`, credentials: account(), retry: { retries: 0 } });
      await expect(client.encrypt(keyId, 'AAAA')).rejects.toMatchObject({
        httpStatus: 502,
        kmsCode: 'Relay.UpstreamUnavailable',
      });
    } finally {
      dead.close();
    }
  });
});

describe('KMS relay middleware', () => {
  it('serves its path and hands everything else to next()', async () => {
    const middleware = kmsRelayMiddleware({ target: emu.kmsEndpoint, allowedOrigins: '*' });
    const { server: app, url } = await listen((req, res) =>
      middleware(req, res, () => res.writeHead(404).end('app route')),
    );
    try {
      const other = await fetch(`${url}/index.html`);
      expect([other.status, await other.text()]).toEqual([404, 'app route']);
      const client = new KmsClient({ endpoint: `${url}/kms-relay/`, credentials: account() });
      await expect(client.encrypt(keyId, 'AAAA')).resolves.toMatchObject({ keyId });
      const preflight = await fetch(`${url}/kms-relay/`, {
        method: 'OPTIONS',
        headers: { origin: 'https://any.example' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      app.close();
    }
  });
});
