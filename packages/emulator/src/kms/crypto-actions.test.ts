import { describe, expect, it } from 'vitest';
import { KmsHarness } from '../../test/support/kms-harness.js';

async function withKey() {
  const h = await KmsHarness.start();
  const key = await h.kms.createKey({ alias: 'alias/oss-cse' });
  return { h, key };
}

function flipByte(blob: string, index: number): string {
  const raw = Buffer.from(blob, 'base64');
  raw[index] = (raw[index] ?? 0) ^ 0x01;
  return raw.toString('base64');
}

describe('GenerateDataKey', () => {
  it('returns a data key of the requested size whose blob decrypts to the same Plaintext', async () => {
    const { h, key } = await withKey();
    const cases: Array<[Record<string, string>, number]> = [
      [{}, 32],
      [{ KeySpec: 'AES_256' }, 32],
      [{ KeySpec: 'AES_128' }, 16],
      [{ KeySpec: 'AES_128', NumberOfBytes: '32' }, 32],
      [{ NumberOfBytes: '1' }, 1],
      [{ NumberOfBytes: '1024' }, 1024],
    ];
    for (const [params, bytes] of cases) {
      const reply = await h.call('GenerateDataKey', { KeyId: key.keyId, ...params });
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.json).sort()).toEqual([
        'CiphertextBlob',
        'KeyId',
        'KeyVersionId',
        'Plaintext',
        'RequestId',
      ]);
      expect(Buffer.from(reply.json['Plaintext'], 'base64')).toHaveLength(bytes);
      expect(reply.json['KeyId']).toBe(key.keyId);
      const decrypted = await h.call('Decrypt', { CiphertextBlob: reply.json['CiphertextBlob'] });
      expect(decrypted.json['Plaintext']).toBe(reply.json['Plaintext']);
    }
  });

  it('refuses bad sizes and specs', async () => {
    const { h, key } = await withKey();
    const cases: Array<Record<string, string>> = [
      { NumberOfBytes: '0' },
      { NumberOfBytes: '1025' },
      { NumberOfBytes: '1.5' },
      { KeySpec: 'AES_512' },
    ];
    for (const params of cases) {
      const reply = await h.call('GenerateDataKey', { KeyId: key.keyId, ...params });
      expect([reply.status, reply.json['Code']], JSON.stringify(params)).toEqual([400, 'InvalidParameter']);
    }
  });

  it('GenerateDataKeyWithoutPlaintext returns only the blob', async () => {
    const { h, key } = await withKey();
    const reply = await h.call('GenerateDataKeyWithoutPlaintext', { KeyId: 'alias/oss-cse' });
    expect(reply.json['Plaintext']).toBeUndefined();
    const decrypted = await h.call('Decrypt', { CiphertextBlob: reply.json['CiphertextBlob'] });
    expect(Buffer.from(decrypted.json['Plaintext'], 'base64')).toHaveLength(32);
    expect(decrypted.json['KeyId']).toBe(key.keyId);
  });
});

describe('Encrypt and Decrypt', () => {
  it('round-trip exactly the Plaintext string, naming the key version in the blob', async () => {
    const { h, key } = await withKey();
    for (const plaintext of ['AAECAwQFBgcICQoLDA0ODw==', '1234', 'not base64 at all: é中']) {
      const encrypted = await h.call('Encrypt', { KeyId: 'alias/oss-cse', Plaintext: plaintext });
      expect(encrypted.status).toBe(200);
      expect(Object.keys(encrypted.json).sort()).toEqual(['CiphertextBlob', 'KeyId', 'KeyVersionId', 'RequestId']);
      const blob: string = encrypted.json['CiphertextBlob'];
      expect(blob).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(blob, 'base64').subarray(0, 36).toString('ascii')).toBe(key.keyVersionId);
      const decrypted = await h.call('Decrypt', { CiphertextBlob: blob });
      expect(decrypted.json).toEqual({
        RequestId: decrypted.json['RequestId'],
        KeyId: key.keyId,
        KeyVersionId: key.keyVersionId,
        Plaintext: plaintext,
      });
    }
  });

  it('binds the EncryptionContext: same map in any order decrypts, another map fails like KMS', async () => {
    const { h, key } = await withKey();
    const blob = (
      await h.call('Encrypt', {
        KeyId: key.keyId,
        Plaintext: 'AA==',
        EncryptionContext: '{"a":"1","x-passphrase":"p@ss é"}',
      })
    ).json['CiphertextBlob'];
    expect(
      (await h.call('Decrypt', { CiphertextBlob: blob, EncryptionContext: '{"x-passphrase":"p@ss é","a":"1"}' })).json[
        'Plaintext'
      ],
    ).toBe('AA==');
    for (const context of ['{"a":"1","x-passphrase":"other"}', '{"a":"1"}', '', undefined]) {
      const params: Record<string, string> = {
        CiphertextBlob: blob,
        ...(context === undefined ? {} : { EncryptionContext: context }),
      };
      const reply = await h.call('Decrypt', params);
      expect([reply.status, reply.json['Code']], String(context)).toEqual([400, 'InvalidParameter']);
    }
  });

  it("treats oss2's empty EncryptionContext= like no context", async () => {
    const { h, key } = await withKey();
    const generated = await h.call('GenerateDataKey', {
      KeyId: key.keyId,
      KeySpec: 'AES_256',
      NumberOfBytes: '32',
      EncryptionContext: '',
    });
    expect((await h.call('Decrypt', { CiphertextBlob: generated.json['CiphertextBlob'] })).json['Plaintext']).toBe(
      generated.json['Plaintext'],
    );
    expect(
      (await h.call('Decrypt', { CiphertextBlob: generated.json['CiphertextBlob'], EncryptionContext: '{}' })).status,
    ).toBe(200);
  });

  it('refuses malformed EncryptionContext values', async () => {
    const { h, key } = await withKey();
    for (const context of ['not json', '[]', '{"a":1}', '{"a":{"b":"c"}}', '"text"']) {
      const reply = await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'AA==', EncryptionContext: context });
      expect([reply.status, reply.json['Code']], context).toEqual([400, 'InvalidParameter']);
    }
  });

  it('refuses tampered, truncated, foreign and unknown blobs', async () => {
    const { h, key } = await withKey();
    const blob: string = (await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'AAECAwQFBgcICQoLDA0ODw==' })).json[
      'CiphertextBlob'
    ];
    const length = Buffer.from(blob, 'base64').length;
    for (const index of [0, 36, 50, length - 1]) {
      const reply = await h.call('Decrypt', { CiphertextBlob: flipByte(blob, index) });
      expect(reply.status, `byte ${index}`).not.toBe(200);
    }
    const flippedBody = await h.call('Decrypt', { CiphertextBlob: flipByte(blob, 50) });
    expect([flippedBody.status, flippedBody.json['Code']]).toEqual([400, 'InvalidParameter']);
    const otherVersion = Buffer.concat([
      Buffer.from('00000000-0000-4000-8000-000000000000'),
      Buffer.from(blob, 'base64').subarray(36),
    ]).toString('base64');
    expect((await h.call('Decrypt', { CiphertextBlob: otherVersion })).json['Code']).toBe('Forbidden.KeyNotFound');
    for (const bad of [
      '!!!',
      blob.slice(0, 40),
      `${blob}A`,
      'ODZhOWVmZDktM2QxNi00ODk0LWJkNGYtMWZjNDNmM2YyYWJmS7FmDBBQ0BkKsQrtRnidtPwirmDcS0ZuJCU41xxAAWk4Z8qsADfbV0b+i6kQmlvj79dJdGOvtX69Uycs901qOjop4bTS',
    ]) {
      const reply = await h.call('Decrypt', { CiphertextBlob: bad });
      expect(reply.status, bad).toBeGreaterThanOrEqual(400);
      expect(['InvalidParameter', 'Forbidden.KeyNotFound']).toContain(reply.json['Code']);
    }
    const otherKms = await KmsHarness.start();
    expect((await otherKms.call('Decrypt', { CiphertextBlob: blob })).json['Code']).toBe('Forbidden.KeyNotFound');
  });

  it('refuses a disabled key with 409 Rejected.Disabled for every crypto action', async () => {
    const { h, key } = await withKey();
    const blob = (await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'AA==' })).json['CiphertextBlob'];
    await h.call('DisableKey', { KeyId: key.keyId });
    const replies = [
      await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'AA==' }),
      await h.call('GenerateDataKey', { KeyId: key.keyId }),
      await h.call('Decrypt', { CiphertextBlob: blob }),
    ];
    for (const reply of replies) expect([reply.status, reply.json['Code']]).toEqual([409, 'Rejected.Disabled']);
  });

  it('checks the required parameters and the Plaintext size', async () => {
    const { h, key } = await withKey();
    expect((await h.call('Encrypt', { KeyId: key.keyId })).json['Code']).toBe('MissingPlaintext');
    expect((await h.call('Encrypt', { Plaintext: 'AA==' })).json['Code']).toBe('MissingKeyId');
    expect((await h.call('Decrypt')).json['Code']).toBe('MissingCiphertextBlob');
    expect((await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'A'.repeat(6145) })).json['Code']).toBe(
      'InvalidParameter',
    );
    expect((await h.call('Encrypt', { KeyId: key.keyId, Plaintext: 'A'.repeat(6144) })).status).toBe(200);
    const unknown = await h.call('Encrypt', { KeyId: 'key-hzz62f1cb66fa42qo9k2l', Plaintext: 'AA==' });
    expect([unknown.status, unknown.json['Code']]).toEqual([404, 'Forbidden.KeyNotFound']);
  });
});
