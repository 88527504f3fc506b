// The redaction rule for gateway answers (Node + Chromium): first sentence only, sent values blanked, and
// codes and request ids kept only when they look like codes and request ids.
import { describe, expect, it } from 'vitest';
import { redactGatewayMessage, safeCode, safeRequestId, sensitiveValues } from './redact.js';
import { readRpcResponse } from './response.js';

const credentials = { accessKeySecret: 'the-secret', securityToken: 'CAIS/token+value==' };
const params = {
  KeyId: 'alias/app',
  Plaintext: 'AAECAwQFBgcICQ==',
  EncryptionContext: '{"x-passphrase":"open sesame"}',
};

describe('redactGatewayMessage', () => {
  it('keeps the first sentence: the string-to-sign echo and any "…: value" tail go', () => {
    const echo =
      'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&Plaintext%3DAAECAwQFBgcICQ%253D%253D';
    expect(redactGatewayMessage(echo, [])).toBe('Specified signature is not matched with our calculation.');
    expect(redactGatewayMessage('Invalid EncryptionContext: {"x-passphrase":"open sesame"}', [])).toBe(
      'Invalid EncryptionContext',
    );
    expect(redactGatewayMessage('line one\nline two', [])).toBe('line one');
    expect(redactGatewayMessage('x'.repeat(500), [])).toHaveLength(200);
    expect(redactGatewayMessage(': only a tail', [])).toBeUndefined();
    expect(redactGatewayMessage(undefined, [])).toBeUndefined();
  });

  it('blanks every sent value in the sentence, raw, JSON-escaped or percent-encoded once or twice', () => {
    const hidden = sensitiveValues(params, credentials);
    for (const form of [
      'CAIS/token+value==',
      'CAIS%2Ftoken%2Bvalue%3D%3D',
      'CAIS%252Ftoken%252Bvalue%253D%253D',
      'open sesame',
      'open%20sesame',
      'AAECAwQFBgcICQ==',
    ]) {
      expect(redactGatewayMessage(`The value ${form} is refused`, hidden)).toBe('The value *** is refused');
    }
    expect(redactGatewayMessage('The context {\\"x-passphrase\\"', hidden)).not.toContain('open sesame');
    expect(redactGatewayMessage('Use the-secret here', hidden)).toBe('Use *** here');
  });
});

describe('sensitiveValues', () => {
  it('lists action parameters, the values inside an EncryptionContext, the token and the secret; not protocol constants', () => {
    const values = sensitiveValues(
      { ...params, Action: 'Encrypt', Version: '2016-01-20', NumberOfBytes: '32' },
      credentials,
    );
    expect(values).toEqual(
      expect.arrayContaining([
        'the-secret',
        'CAIS/token+value==',
        'alias/app',
        params.Plaintext,
        params.EncryptionContext,
        'open sesame',
      ]),
    );
    expect(values).not.toContain('Encrypt');
    expect(values).not.toContain('2016-01-20');
    expect(values).not.toContain('32'); // too short to search for; the first-sentence cut still applies
  });
});

describe('codes and request ids from the answer', () => {
  it('are kept when they have their shape, dropped otherwise', () => {
    expect(safeCode('Rejected.Disabled')).toBe('Rejected.Disabled');
    expect(safeCode('Bad code: AAECAwQ=')).toBeUndefined();
    expect(safeRequestId('7A4A0B12-1C2D-4E5F-8A9B-0C1D2E3F4A5B')).toBe('7A4A0B12-1C2D-4E5F-8A9B-0C1D2E3F4A5B');
    expect(safeRequestId('id with spaces')).toBeUndefined();
  });

  it('readRpcResponse builds the KmsError from the redacted parts only', async () => {
    const body = JSON.stringify({
      Code: 'SignatureDoesNotMatch',
      Message:
        'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3DCAIS%252Ftoken',
      RequestId: 'R-1',
    });
    const error = await readRpcResponse(new Response(body, { status: 400 }), {
      action: 'Encrypt',
      product: 'KMS',
      hidden: sensitiveValues(params, credentials),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'KMS Encrypt failed (SignatureDoesNotMatch: Specified signature is not matched with our calculation.) [RequestId R-1]',
    );
    expect(error).toMatchObject({
      kmsCode: 'SignatureDoesNotMatch',
      kmsMessage: 'Specified signature is not matched with our calculation.',
      requestId: 'R-1',
      httpStatus: 400,
    });
    expect((error as Error).cause).toBeUndefined();
  });
});
