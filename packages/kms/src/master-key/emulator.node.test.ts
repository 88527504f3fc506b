// KmsMasterKey against the emulator's real KMS and STS over HTTP, and objects stored in its OSS via ali-oss:
// both layouts, detection, ranged reads, STS credentials, and the errors users meet.
import {
  MultipartEncryptionContext,
  decryptObject,
  encryptObject,
  fromBase64,
  fromUtf8,
  planRangedRead,
} from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { ossClientOptions } from '@oss-cse/emulator/testing';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsClient } from '../client/kms-client.js';
import { assumeRoleProvider } from '../credentials/assume-role.js';
import { isKmsError } from '../errors.js';
import { KmsMasterKey, type KmsMasterKeyOptions } from './kms-master-key.js';
import { detectLayout } from './layout.js';

const KEY = 'x-oss-meta-client-side-encryption-key';
let emu: Emulator;
let keyId: string;
let keyArn: string;
let oss: OSS;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  ({ keyId, arn: keyArn } = await emu.kms.createKey({ alias: 'alias/oss-cse-test' }));
  oss = new OSS(ossClientOptions(emu) as OSS.Options);
});
afterAll(() => emu?.close());

const account = () => ({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret });
function masterKey(options: Partial<KmsMasterKeyOptions> = {}): KmsMasterKey {
  return new KmsMasterKey({
    endpoint: emu.kmsEndpoint,
    credentials: account(),
    keyId,
    retry: { retries: 0 },
    ...options,
  });
}

const plaintext = new Uint8Array(5000).map((_, i) => (i * 7 + 3) & 0xff);

/** encryptObject → PutObject with the CSE headers → GetObject → decryptObject. */
async function viaOss(name: string, writer: KmsMasterKey, reader: KmsMasterKey): Promise<Record<string, string>> {
  const { headers, ciphertext } = await encryptObject({ keyring: writer, plaintext, computeMd5: true });
  await oss.put(name, Buffer.from(ciphertext), { headers });
  const got = await oss.get(name);
  const stored = got.res.headers as Record<string, string>;
  const plain = await decryptObject({
    keyring: reader,
    headers: stored,
    ciphertext: new Uint8Array(got.content as Buffer),
  });
  expect(plain).toEqual(plaintext);
  const plan = planRangedRead('1000-2100');
  const ranged = await oss.get(name, undefined, { headers: { Range: plan.rangeHeader } } as never);
  const rangedHeaders = ranged.res.headers as Record<string, string>;
  const part = await decryptObject({
    keyring: reader,
    headers: rangedHeaders,
    ciphertext: new Uint8Array(ranged.content as Buffer),
    range: '1000-2100',
    contentRange: rangedHeaders['content-range'],
  });
  expect(part).toEqual(plaintext.subarray(1000, 2101));
  return stored;
}

describe('against the emulator KMS, objects in its OSS', () => {
  it('oss2 layout (default): GenerateDataKey + Encrypt with the passphrase context, double base64', async () => {
    const key = masterKey({ passphrase: 'pp' });
    const stored = await viaOss('kms/oss2.bin', key, key);
    expect(detectLayout(fromBase64(stored[KEY]!))).toBe('oss2');
  });

  it('sdk layout: Encrypt without context, the header is the CiphertextBlob (36-character key version first)', async () => {
    const key = masterKey({ layout: 'sdk' });
    const stored = await viaOss('kms/sdk.bin', key, key);
    expect(detectLayout(fromBase64(stored[KEY]!))).toBe('sdk');
    expect(String.fromCharCode(...fromBase64(stored[KEY]!).subarray(0, 36))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads each layout without being told, with ACS3 signing as well as V1', async () => {
    await viaOss(
      'kms/oss2-read-by-sdk.bin',
      masterKey({ passphrase: 'pp' }),
      masterKey({ layout: 'sdk', passphrase: 'pp', signatureVersion: 'acs3' }),
    );
    await viaOss('kms/sdk-read-by-oss2.bin', masterKey({ layout: 'sdk', signatureVersion: 'acs3' }), masterKey());
  });

  it('multipart upload with both layouts, read whole and across a part boundary', async () => {
    const data = new Uint8Array(250 * 1024).map((_, i) => (i * 13) & 0xff);
    for (const layout of ['oss2', 'sdk'] as const) {
      const name = `kms/multipart-${layout}.bin`;
      const key = masterKey({ layout });
      const ctx = await MultipartEncryptionContext.create({
        keyring: key,
        dataSize: data.length,
        partSize: 100 * 1024,
      });
      const { uploadId } = await oss.initMultipartUpload(name, { headers: ctx.initiateHeaders() } as never);
      const done: Array<{ number: number; etag: string }> = [];
      for (const part of ctx.plan.parts()) {
        const body = Buffer.from(
          await ctx.encryptPart(part.partNumber, data.subarray(part.offset, part.offset + part.length)),
        );
        const r = await (oss as unknown as { uploadPart: (...a: unknown[]) => Promise<{ etag: string }> }).uploadPart(
          name,
          uploadId,
          part.partNumber,
          body,
          0,
          body.length,
          { headers: ctx.partHeaders() },
        );
        done.push({ number: part.partNumber, etag: r.etag });
      }
      await oss.completeMultipartUpload(name, uploadId, done);
      const reader = masterKey({ layout: layout === 'oss2' ? 'sdk' : 'oss2' });
      const got = await oss.get(name);
      expect(
        await decryptObject({
          keyring: reader,
          headers: got.res.headers as Record<string, string>,
          ciphertext: new Uint8Array(got.content as Buffer),
        }),
      ).toEqual(data);
      const plan = planRangedRead('102390-102420');
      const ranged = await oss.get(name, undefined, { headers: { Range: plan.rangeHeader } } as never);
      const rangedHeaders = ranged.res.headers as Record<string, string>;
      const slice = await decryptObject({
        keyring: reader,
        headers: rangedHeaders,
        ciphertext: new Uint8Array(ranged.content as Buffer),
        range: '102390-102420',
        contentRange: rangedHeaders['content-range'],
      });
      expect(slice).toEqual(data.subarray(102390, 102421));
    }
  });

  it('STS: AssumeRole on the emulator, a token scoped to one key, refreshed after it expires', async () => {
    let issued = 0;
    const provider = assumeRoleProvider({
      endpoint: emu.stsEndpoint,
      credentials: account(),
      roleArn: 'acs:ram::1:role/kms-user',
      policy: {
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], Resource: [keyArn] },
        ],
      },
    });
    const credentials = async () => {
      issued++;
      return provider();
    };
    const key = masterKey({ credentials });
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: 'via sts' });
    expect(issued).toBe(1);
    await emu.faults.expireStsTokens();
    expect(fromUtf8(await decryptObject({ keyring: key, headers, ciphertext }))).toBe('via sts');
    expect(issued).toBe(2);

    const other = await emu.kms.createKey();
    const denied = await encryptObject({
      keyring: masterKey({ credentials, keyId: other.keyId }),
      plaintext: 'x',
    }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'ERR_KMS', kmsCode: 'Forbidden.NoPermission', httpStatus: 403 });
  });

  it('a wrong passphrase, a forgotten one, and a tampered blob are KMS refusals with their request id', async () => {
    const { headers, ciphertext } = await encryptObject({
      keyring: masterKey({ passphrase: 'right' }),
      plaintext: 'x',
    });
    for (const reader of [masterKey({ passphrase: 'wrong' }), masterKey()]) {
      const e = await decryptObject({ keyring: reader, headers, ciphertext }).catch((x: unknown) => x);
      expect(e).toMatchObject({
        code: 'ERR_KMS',
        reason: 'rejected',
        action: 'Decrypt',
        kmsCode: 'InvalidParameter',
        httpStatus: 400,
      });
      expect((e as { requestId?: string }).requestId).toMatch(/\S/);
    }
    const sdk = await encryptObject({ keyring: masterKey({ layout: 'sdk' }), plaintext: 'x' });
    const blob = fromBase64(sdk.headers[KEY]!);
    blob[blob.length - 1] = blob[blob.length - 1]! ^ 1;
    const tampered = { ...sdk.headers, [KEY]: Buffer.from(blob).toString('base64') };
    await expect(
      decryptObject({ keyring: masterKey(), headers: tampered, ciphertext: sdk.ciphertext }),
    ).rejects.toSatisfy((e) => isKmsError(e, 'InvalidParameter'));
  });

  it('an unknown key id and a disabled key name their KMS code', async () => {
    await expect(
      encryptObject({ keyring: masterKey({ keyId: 'alias/missing' }), plaintext: 'x' }),
    ).rejects.toMatchObject({ kmsCode: 'Forbidden.AliasNotFound', httpStatus: 404 });
    await expect(
      encryptObject({
        keyring: masterKey({ keyId: '00000000-0000-4000-8000-000000000000', layout: 'sdk' }),
        plaintext: 'x',
      }),
    ).rejects.toMatchObject({
      kmsCode: 'Forbidden.KeyNotFound',
      action: 'Encrypt',
    });
    const { keyId: doomed } = await emu.kms.createKey();
    const key = masterKey({ keyId: doomed });
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: 'x' });
    const admin = new KmsClient({ endpoint: emu.kmsEndpoint, credentials: account() });
    await admin.rpc.call('DisableKey', { KeyId: doomed });
    expect(await admin.describeKey(doomed)).toMatchObject({ keyId: doomed, keyState: 'Disabled' });
    await expect(decryptObject({ keyring: key, headers, ciphertext })).rejects.toMatchObject({
      code: 'ERR_KMS',
      kmsCode: 'Rejected.Disabled',
      httpStatus: 409,
    });
  });
});
