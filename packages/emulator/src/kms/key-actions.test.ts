import { describe, expect, it } from 'vitest';
import { KmsHarness } from '../../test/support/kms-harness.js';

describe('KMS key management', () => {
  it('CreateKey returns KeyMetadata shaped like KMS', async () => {
    const h = await KmsHarness.start();
    const reply = await h.call('CreateKey', { Description: 'oss-cse test' });
    expect(reply.status).toBe(200);
    const meta = reply.json['KeyMetadata'];
    expect(meta.KeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.PrimaryKeyVersion).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.Arn).toBe(`acs:kms:cn-hangzhou:${h.sts.accountUid}:key/${meta.KeyId}`);
    expect(meta).toMatchObject({
      Description: 'oss-cse test',
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT/DECRYPT',
      KeySpec: 'Aliyun_AES_256',
      Origin: 'Aliyun_KMS',
      CreationDate: '2024-01-02T03:04:05Z',
    });
    expect(Object.keys(reply.json).sort()).toEqual(['KeyMetadata', 'RequestId']);
    expect((await h.call('DescribeKey', { KeyId: meta.KeyId })).json['KeyMetadata']).toEqual(meta);
    expect((await h.call('CreateKey', { KeySpec: 'Aliyun_SM4' })).json['Code']).toBe('InvalidParameter');
  });

  it('DisableKey and EnableKey change KeyState, by id, alias or ARN', async () => {
    const h = await KmsHarness.start();
    const key = await h.kms.createKey({ alias: 'alias/oss-cse' });
    expect((await h.call('DisableKey', { KeyId: 'alias/oss-cse' })).status).toBe(200);
    expect((await h.call('DescribeKey', { KeyId: key.keyId })).json['KeyMetadata'].KeyState).toBe('Disabled');
    expect((await h.call('EnableKey', { KeyId: key.arn })).status).toBe(200);
    const aliasArn = key.arn.replace(`key/${key.keyId}`, 'alias/oss-cse');
    expect((await h.call('DescribeKey', { KeyId: aliasArn })).json['KeyMetadata'].KeyState).toBe('Enabled');
  });

  it('answers unknown keys and aliases with 404', async () => {
    const h = await KmsHarness.start();
    const unknown = await h.call('DescribeKey', { KeyId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.json['Code']]).toEqual([404, 'Forbidden.KeyNotFound']);
    const alias = await h.call('DisableKey', { KeyId: 'alias/none' });
    expect([alias.status, alias.json['Code']]).toEqual([404, 'Forbidden.AliasNotFound']);
    const missing = await h.call('DescribeKey');
    expect([missing.status, missing.json['Code']]).toEqual([400, 'MissingKeyId']);
  });

  it('CreateAlias binds a new alias once', async () => {
    const h = await KmsHarness.start();
    const key = await h.kms.createKey();
    expect((await h.call('CreateAlias', { KeyId: key.keyId, AliasName: 'alias/app' })).status).toBe(200);
    expect((await h.call('DescribeKey', { KeyId: 'alias/app' })).json['KeyMetadata'].KeyId).toBe(key.keyId);
    expect((await h.call('CreateAlias', { KeyId: key.keyId, AliasName: 'alias/app' })).status).toBe(409);
    expect((await h.call('CreateAlias', { KeyId: key.keyId, AliasName: 'app' })).json['Code']).toBe('InvalidParameter');
  });

  it('ListKeys pages', async () => {
    const h = await KmsHarness.start();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await h.kms.createKey()).keyId);
    const page = await h.call('ListKeys', { PageNumber: '2', PageSize: '2' });
    expect(page.json).toMatchObject({ PageNumber: 2, PageSize: 2, TotalCount: 3 });
    expect(page.json['Keys'].Key).toEqual([{ KeyId: ids[2], KeyArn: expect.stringMatching(/:key\//) }]);
    expect((await h.call('ListKeys', { PageSize: '101' })).json['Code']).toBe('InvalidParameter');
  });

  it('keeps keys, material and state across a restart', async () => {
    const h = await KmsHarness.start();
    const key = await h.kms.createKey({ alias: 'alias/persisted' });
    const blob = (await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'aGVsbG8=' })).json['CiphertextBlob'];
    await h.call('DisableKey', { KeyId: key.keyId });
    const restarted = await h.restart();
    expect((await restarted.call('Decrypt', { CiphertextBlob: blob })).json['Code']).toBe('Rejected.Disabled');
    await restarted.call('EnableKey', { KeyId: 'alias/persisted' });
    expect((await restarted.call('Decrypt', { CiphertextBlob: blob })).json['Plaintext']).toBe('aGVsbG8=');
    expect([...h.store.files.keys()].sort()).toEqual(['kms-keys', 'sts-state']);
  });
});
