import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { buildAcs3Request, buildV1Request, type RpcCallOptions } from '../rpc/signer.js';
import type { RpcRequest } from '../shared/contracts.js';

const dataDir = mkdtempSync(join(tmpdir(), 'oss-cse-kms-http-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function send(endpoint: string, request: RpcRequest): Promise<{ status: number; json: Record<string, any> }> {
  const url = new URL(endpoint);
  url.pathname = request.path;
  url.search = request.query.toString();
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host'));
  const response = await fetch(url, {
    method: request.method,
    headers,
    ...(request.body.length > 0 ? { body: request.body } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

function signer(emulator: Emulator, endpoint: string) {
  const url = new URL(endpoint);
  return (action: string, params: Record<string, string>, extra: Partial<RpcCallOptions> = {}) => ({
    action,
    params,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    now: Date.now(),
    host: url.host,
    path: url.pathname,
    ...extra,
  });
}

describe('STS and KMS over HTTP through the emulator', () => {
  it('serve V1 and ACS3 clients on /kms/ and the bare host, STS tokens included, and survive a restart', async () => {
    const first = await startEmulator({ port: 0, dataDir });
    const kms = signer(first, first.kmsEndpoint);
    const key = await first.kms.createKey({ alias: 'alias/http' });
    const version = '2016-01-20';

    const encrypted = await send(
      first.kmsEndpoint,
      buildV1Request({ ...kms('Encrypt', { KeyId: 'alias/http', Plaintext: 'AAECAw==' }), version, method: 'GET' }),
    );
    expect(encrypted.status).toBe(200);
    const blob: string = encrypted.json['CiphertextBlob'];
    const viaPath = await send(
      first.kmsEndpoint,
      buildAcs3Request({ ...kms('Decrypt', { CiphertextBlob: blob }), version }),
    );
    expect(viaPath.json).toMatchObject({ KeyId: key.keyId, Plaintext: 'AAECAw==' });
    const bare = { ...kms('Decrypt', { CiphertextBlob: blob }), path: '/' };
    expect((await send(first.kmsEndpoint, buildAcs3Request({ ...bare, version }))).json['Plaintext']).toBe('AAECAw==');

    const sts = signer(first, first.stsEndpoint);
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key.arn }] });
    const assumed = await send(
      first.stsEndpoint,
      buildV1Request({
        ...sts('AssumeRole', { RoleArn: 'acs:ram::1:role/browser', RoleSessionName: 'page', Policy: policy }),
        version: '2015-04-01',
        placement: 'form',
      }),
    );
    expect(assumed.status).toBe(200);
    const { AccessKeyId, AccessKeySecret, SecurityToken } = assumed.json['Credentials'];
    const temporary = { accessKeyId: AccessKeyId, accessKeySecret: AccessKeySecret, securityToken: SecurityToken };
    const decryptAsPage = () =>
      buildV1Request({ ...kms('Decrypt', { CiphertextBlob: blob }, temporary), version, placement: 'form' });
    expect((await send(first.kmsEndpoint, decryptAsPage())).json['Plaintext']).toBe('AAECAw==');
    const denied = await send(
      first.kmsEndpoint,
      buildV1Request({ ...kms('Encrypt', { KeyId: key.keyId, Plaintext: 'AA==' }, temporary), version }),
    );
    expect([denied.status, denied.json['Code']]).toEqual([403, 'Forbidden.NoPermission']);
    await first.close();

    const second = await startEmulator({ port: 0, dataDir });
    try {
      const restarted = signer(second, second.kmsEndpoint);
      const again = buildV1Request({ ...restarted('Decrypt', { CiphertextBlob: blob }, temporary), version });
      expect((await send(second.kmsEndpoint, again)).json['Plaintext']).toBe('AAECAw==');
      await second.faults.expireStsTokens();
      const expired = buildV1Request({ ...restarted('Decrypt', { CiphertextBlob: blob }, temporary), version });
      expect((await send(second.kmsEndpoint, expired)).json['Code']).toBe('InvalidSecurityToken.Expired');
    } finally {
      await second.close();
    }
  });
});
