// From Chromium: a real KMS round trip through the Node relay (the emulator's KMS sends no CORS, like the real
// one), and the CORS behaviour a page sees. Fixture: packages/kms/test/browser-global-setup.ts.
import { decryptObject, encryptObject, fromUtf8 } from '@oss-cse/core';
import { describe, expect, inject, it } from 'vitest';
import '../test/support/relay-fixture.js';
import { KmsClient } from './client/kms-client.js';
import { KmsError, isKmsError } from './errors.js';
import { KmsMasterKey } from './master-key/kms-master-key.js';

const fixture = inject('kmsRelay');

/**
 * The server is up and answers this page (a no-cors request resolves with an opaque response; a server that is
 * down makes it reject), so a later CORS failure is a refusal, not a missing server.
 */
async function expectServerAnswers(url: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', mode: 'no-cors' });
  expect(res.type).toBe('opaque');
}

describe('KMS from a browser page', () => {
  it('encrypts and decrypts through the relay with an STS token, both layouts', async () => {
    for (const layout of ['oss2', 'sdk'] as const) {
      const key = new KmsMasterKey({
        endpoint: fixture.relayUrl,
        credentials: fixture.credentials,
        keyId: fixture.keyId,
        layout,
        passphrase: 'page',
      });
      const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: `from Chromium (${layout})` });
      expect(fromUtf8(await decryptObject({ keyring: key, headers, ciphertext }))).toBe(`from Chromium (${layout})`);
    }
  });

  it('reads KMS refusals through the relay (CORS lets the page see Code and RequestId)', async () => {
    const client = new KmsClient({
      endpoint: fixture.relayUrl,
      credentials: fixture.credentials,
      retry: { retries: 0 },
    });
    const error = await client.decrypt('bm90LWEtYmxvYg==').catch((e: unknown) => e);
    expect(isKmsError(error, 'InvalidParameter')).toBe(true);
    expect((error as KmsError).requestId).toMatch(/\S/);
    const forbidden = await client.encrypt('alias/not-this-one', 'AAAA').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(KmsError);
    expect((forbidden as KmsError).reason).toBe('rejected');
  });

  it('cannot call KMS directly: no CORS headers, so fetch fails', async () => {
    await expectServerAnswers(fixture.directKmsUrl);
    const client = new KmsClient({
      endpoint: fixture.directKmsUrl,
      credentials: fixture.credentials,
      retry: { retries: 0 },
    });
    await expect(client.encrypt(fixture.keyId, 'AAAA')).rejects.toMatchObject({ code: 'ERR_KMS', reason: 'network' });
  });

  it('is refused by a relay that does not list this origin', async () => {
    await expectServerAnswers(fixture.foreignRelayUrl);
    const client = new KmsClient({
      endpoint: fixture.foreignRelayUrl,
      credentials: fixture.credentials,
      retry: { retries: 0 },
    });
    await expect(client.encrypt(fixture.keyId, 'AAAA')).rejects.toMatchObject({ reason: 'network' });
  });

  it('fails the preflight of a request carrying headers the relay does not allow (ACS3 cannot be relayed)', async () => {
    const plain = await fetch(`${fixture.relayUrl}?Action=Encrypt`, { method: 'POST' });
    expect(plain.status).toBe(400); // a simple request reaches the relay, which asks for a signature
    await expect(fetch(fixture.relayUrl, { method: 'POST', headers: { 'x-acs-action': 'Encrypt' } })).rejects.toThrow(
      TypeError,
    );
  });
});
