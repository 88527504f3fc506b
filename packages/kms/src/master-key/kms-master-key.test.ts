// KmsMasterKey through core's offline API against a fake KMS (Node + Chromium): both layouts, detection,
// the oss2 FAKEKMS vector, the V1 KMS vector, several keys in one keyring, and the errors users see.
import { Keyring, decryptObject, encryptObject, fromBase64, fromUtf8, isOssCseError, toHex } from '@oss-cse/core';
import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { isKmsError } from '../errors.js';
import { sha256Hex } from '../rpc/webcrypto.js';
import { TEST_CREDENTIALS, createFakeKms, type FakeKms } from '../../test/support/fake-kms.js';
import { KmsMasterKey, type KmsMasterKeyOptions } from './kms-master-key.js';
import { detectLayout } from './layout.js';

const KEY = 'x-oss-meta-client-side-encryption-key';
const START = 'x-oss-meta-client-side-encryption-start';
const ascii = (b: Uint8Array) => String.fromCharCode(...b);

function masterKey(kms: FakeKms, options: Partial<KmsMasterKeyOptions> = {}): KmsMasterKey {
  return new KmsMasterKey({
    endpoint: 'https://kms.fake/',
    credentials: TEST_CREDENTIALS,
    fetch: kms.fetch,
    keyId: 'cmk-1',
    retry: { retries: 0 },
    ...options,
  });
}

async function roundTrip(writer: KmsMasterKey, reader: KmsMasterKey = writer, text = 'hello, KMS') {
  const { headers, ciphertext } = await encryptObject({ keyring: writer, plaintext: text });
  const plain = await decryptObject({ keyring: reader, headers, ciphertext });
  return { headers, ciphertext, plain: fromUtf8(plain) };
}

interface KmsVector {
  stored_object_metadata: Record<string, string>;
  ciphertext_b64: string;
  plaintext_b64: string;
  unwrapped_by_oss2_provider: { cek_hex: string; iv_hex: string };
  kms_calls_made_by_oss2: Array<{ action: string; params: Record<string, string | number> }>;
  kms_header_layering: Record<string, string>;
}

describe('oss2 FAKEKMS vector (put-alikms-FAKEKMS-17-bytes)', async () => {
  const v = await loadVector<KmsVector>('oss2-generated', 'put-alikms-FAKEKMS-17-bytes');
  const meta = v.stored_object_metadata;

  it('is double base64: the headers decode to the CiphertextBlob text, detected as the oss2 layout', () => {
    const key = fromBase64(meta[KEY]!);
    const start = fromBase64(meta[START]!);
    expect(ascii(key)).toBe(v.kms_header_layering['key_header_b64decoded_is_the_CiphertextBlob_string']);
    expect(ascii(start)).toBe(v.kms_header_layering['start_header_b64decoded_is_the_CiphertextBlob_string']);
    expect(detectLayout(key)).toBe('oss2');
    expect(detectLayout(start)).toBe('oss2');
  });

  it('decrypts with passphrase "pp", sending exactly the Decrypt parameters oss2 sent', async () => {
    const kms = createFakeKms(['cmk-00000000-fake']);
    const key = masterKey(kms, { keyId: 'cmk-00000000-fake', passphrase: 'pp', layout: 'sdk' });
    const plain = await decryptObject({ keyring: key, headers: meta, ciphertext: fromBase64(v.ciphertext_b64) });
    expect(plain).toEqual(fromBase64(v.plaintext_b64));
    const oss2Decrypts = v.kms_calls_made_by_oss2
      .filter((c) => c.action === 'Decrypt')
      .slice(0, 2)
      .map((c) => ({
        action: c.action,
        params: { ...c.params, CiphertextBlob: String(c.params['CiphertextBlob']).replace(/^b'(.*)'$/, '$1') },
      }));
    // The data key and the IV are unwrapped concurrently: the same two calls, in either order.
    const byBlob = (a: { params: Record<string, unknown> }, b: { params: Record<string, unknown> }) =>
      String(a.params['CiphertextBlob']).localeCompare(String(b.params['CiphertextBlob']));
    expect(kms.calls.map(({ action, params }) => ({ action, params })).sort(byBlob)).toEqual(oss2Decrypts.sort(byBlob));
  });

  it('unwraps to the CEK and IV oss2 unwrapped', async () => {
    const kms = createFakeKms(['cmk-00000000-fake']);
    const key = masterKey(kms, { keyId: 'cmk-00000000-fake', passphrase: 'pp' });
    const base = { wrapAlgorithm: 'KMS/ALICLOUD', formatVersion: 2 } as const;
    const cek = await key.unwrap(fromBase64(meta[KEY]!), {
      ...base,
      part: 'key',
      expectedLength: 32,
      headerValue: meta[KEY]!,
    });
    const iv = await key.unwrap(fromBase64(meta[START]!), {
      ...base,
      part: 'iv',
      expectedLength: 16,
      headerValue: meta[START]!,
    });
    expect([toHex(cek), toHex(iv)]).toEqual([
      v.unwrapped_by_oss2_provider.cek_hex,
      v.unwrapped_by_oss2_provider.iv_hex,
    ]);
  });

  it('writes with the calls and parameters oss2 makes: GenerateDataKey, then Encrypt of the base64 IV', async () => {
    const kms = createFakeKms(['cmk-00000000-fake']);
    const key = masterKey(kms, { keyId: 'cmk-00000000-fake', passphrase: 'pp' });
    const { headers } = await encryptObject({ keyring: key, plaintext: '0123456789abcdefg' });
    const [gdk, enc] = v.kms_calls_made_by_oss2;
    expect(kms.calls.map((c) => c.action)).toEqual([gdk!.action, enc!.action]);
    expect(kms.calls[0]!.params).toEqual(
      Object.fromEntries(Object.entries(gdk!.params).map(([k, x]) => [k, String(x)])),
    );
    expect(Object.keys(kms.calls[1]!.params).sort()).toEqual(Object.keys(enc!.params).sort());
    expect(kms.calls[1]!.params['EncryptionContext']).toBe(enc!.params['EncryptionContext']);
    const iv = fromBase64(kms.calls[1]!.params['Plaintext']!);
    expect(iv.length).toBe(16);
    expect([...iv.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    for (const name of [KEY, START]) expect(detectLayout(fromBase64(headers[name]!))).toBe('oss2');
    expect(ascii(fromBase64(headers[KEY]!))).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe('KMS/ALICLOUD');
  });
});

describe('KmsMasterKey layouts', () => {
  it('sdk layout: Encrypt for the key and the IV, no EncryptionContext, the header is the blob itself', async () => {
    const kms = createFakeKms(['cmk-1']);
    const key = masterKey(kms, { layout: 'sdk', passphrase: 'ignored-for-sdk-objects' });
    expect(key.generateDataKey).toBeUndefined();
    const { headers, plain } = await roundTrip(key);
    expect(plain).toBe('hello, KMS');
    const writes = kms.calls.slice(0, 2);
    expect(writes.map((c) => c.action)).toEqual(['Encrypt', 'Encrypt']);
    for (const c of kms.calls) expect(c.params).not.toHaveProperty('EncryptionContext');
    expect(detectLayout(fromBase64(headers[KEY]!))).toBe('sdk');
    const reads = kms.calls.slice(2).map((c) => c.params['CiphertextBlob']);
    expect([...reads].sort()).toEqual([headers[KEY], headers[START]].sort()); // unwrapped concurrently: any order
  });

  it('oss2 layout without a passphrase sends EncryptionContext="" on every call, Decrypt included', async () => {
    const kms = createFakeKms(['cmk-1']);
    const { plain } = await roundTrip(masterKey(kms));
    expect(plain).toBe('hello, KMS');
    expect(kms.calls.map((c) => [c.action, c.params['EncryptionContext']])).toEqual([
      ['GenerateDataKey', ''],
      ['Encrypt', ''],
      ['Decrypt', ''],
      ['Decrypt', ''],
    ]);
  });

  it('reads each layout without being told, whatever the reader writes', async () => {
    const kms = createFakeKms(['cmk-1']);
    const oss2 = masterKey(kms, { passphrase: 's3cret' });
    const sdk = masterKey(kms, { layout: 'sdk', passphrase: 's3cret' });
    expect((await roundTrip(oss2, sdk)).plain).toBe('hello, KMS');
    expect((await roundTrip(sdk, oss2)).plain).toBe('hello, KMS');
  });

  it("an explicit readLayout overrides detection (and a wrong one gets KMS's refusal)", async () => {
    const kms = createFakeKms(['cmk-1']);
    const { headers, ciphertext } = await encryptObject({ keyring: masterKey(kms), plaintext: 'x' });
    expect(
      fromUtf8(await decryptObject({ keyring: masterKey(kms, { readLayout: 'oss2' }), headers, ciphertext })),
    ).toBe('x');
    const wrong = decryptObject({ keyring: masterKey(kms, { readLayout: 'sdk' }), headers, ciphertext });
    await expect(wrong).rejects.toSatisfy((e) => isKmsError(e, 'InvalidParameter'));
  });

  it('several KMS keys in one keyring are chosen by description', async () => {
    const kmsA = createFakeKms(['cmk-a']);
    const kmsB = createFakeKms(['cmk-b']);
    const a = masterKey(kmsA, { keyId: 'cmk-a', description: { kms: 'a' } });
    const b = masterKey(kmsB, { keyId: 'cmk-b', description: { kms: 'b' }, layout: 'sdk' });
    const keyring = new Keyring([a, b]);
    const fromA = await encryptObject({ keyring, plaintext: 'for a' });
    const fromB = await encryptObject({ keyring, masterKey: b, plaintext: 'for b' });
    expect(JSON.parse(fromA.headers['x-oss-meta-client-side-encryption-matdesc']!)).toEqual({ kms: 'a' });
    expect(fromUtf8(await decryptObject({ keyring, ...fromB }))).toBe('for b');
    expect(fromUtf8(await decryptObject({ keyring, ...fromA }))).toBe('for a');
    expect(kmsA.calls.filter((c) => c.action === 'Decrypt')).toHaveLength(2);
    expect(kmsB.calls.filter((c) => c.action === 'Decrypt')).toHaveLength(2);
  });
});

describe('KmsMasterKey errors', () => {
  it("a wrong passphrase (EncryptionContext) is KMS's refusal, code and request id kept", async () => {
    const kms = createFakeKms(['cmk-1']);
    const { headers, ciphertext } = await encryptObject({
      keyring: masterKey(kms, { passphrase: 'right' }),
      plaintext: 'x',
    });
    const error = await decryptObject({ keyring: masterKey(kms, { passphrase: 'wrong' }), headers, ciphertext }).catch(
      (e: unknown) => e,
    );
    expect(isKmsError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'ERR_KMS',
      reason: 'rejected',
      action: 'Decrypt',
      kmsCode: 'InvalidParameter',
      httpStatus: 400,
      requestId: 'fake-request-id',
    });
  });

  it('a disabled key and an unknown key id name the KMS code', async () => {
    const kms = createFakeKms(['cmk-1']);
    const { headers, ciphertext } = await encryptObject({ keyring: masterKey(kms), plaintext: 'x' });
    kms.disable('cmk-1');
    await expect(decryptObject({ keyring: masterKey(kms), headers, ciphertext })).rejects.toMatchObject({
      kmsCode: 'Rejected.Disabled',
      httpStatus: 409,
    });
    await expect(
      encryptObject({ keyring: masterKey(kms, { keyId: 'cmk-404' }), plaintext: 'x' }),
    ).rejects.toMatchObject({
      code: 'ERR_KMS',
      kmsCode: 'Forbidden.KeyNotFound',
      action: 'GenerateDataKey',
    });
  });

  it('a tampered blob is refused by KMS', async () => {
    const kms = createFakeKms(['cmk-1']);
    const { headers, ciphertext } = await encryptObject({ keyring: masterKey(kms, { layout: 'sdk' }), plaintext: 'x' });
    const blob = fromBase64(headers[KEY]!);
    blob[3] = blob[3]! ^ 0x01;
    const tampered = { ...headers, [KEY]: btoa(String.fromCharCode(...blob)) };
    await expect(decryptObject({ keyring: masterKey(kms), headers: tampered, ciphertext })).rejects.toSatisfy((e) =>
      isKmsError(e, 'InvalidParameter'),
    );
  });

  it('a Plaintext of the wrong size is ERR_BAD_DATA_KEY', async () => {
    const kms = createFakeKms(['cmk-1']);
    const key = masterKey(kms, { layout: 'sdk' });
    const wrapped = await key.wrap(new Uint8Array(8), { part: 'key' });
    const header = btoa(String.fromCharCode(...wrapped));
    const error = await key
      .unwrap(wrapped, {
        wrapAlgorithm: 'KMS/ALICLOUD',
        formatVersion: 2,
        part: 'key',
        expectedLength: 32,
        headerValue: header,
      })
      .catch((e: unknown) => e);
    expect(isOssCseError(error, 'ERR_BAD_DATA_KEY')).toBe(true);
  });

  it('validates its options at the edge', () => {
    const kms = createFakeKms([]);
    expect(() => masterKey(kms, { keyId: '' })).toThrow(TypeError);
    expect(() => masterKey(kms, { layout: 'go' as never })).toThrow(/"layout" expected 'oss2' or 'sdk'/);
    expect(() => masterKey(kms, { readLayout: 'both' as never })).toThrow(TypeError);
    expect(() => masterKey(kms, { passphrase: 'a"b' })).toThrow(RangeError);
    expect(() => new KmsMasterKey({ keyId: 'k', endpoint: 'https://kms.fake/' })).toThrow(/"client" or "credentials"/);
    expect(masterKey(kms).supportsUnwrap('RSA/NONE/PKCS1Padding')).toBe(false);
  });
});

describe('V1 (deprecated oss2) KMS objects', () => {
  it('sends the header strings as the blobs and takes the start as decimal counter text', async () => {
    const v = await loadVector<{
      headers: Record<string, string>;
      given_plaintext: { base64_plain_key: string; plain_start: string };
      ciphertext_b64: string;
      plaintext_sha256: string;
    }>('fixed-from-sdk-tests', 'v1-deprecated-kms');
    const kms = createFakeKms([]);
    kms.knownBlobs.set(v.headers['x-oss-meta-oss-crypto-key']!, v.given_plaintext.base64_plain_key);
    kms.knownBlobs.set(v.headers['x-oss-meta-oss-crypto-start']!, v.given_plaintext.plain_start);
    const plain = await decryptObject({
      keyring: masterKey(kms),
      headers: v.headers,
      ciphertext: fromBase64(v.ciphertext_b64),
    });
    expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
    // The data key and the start are unwrapped concurrently: the same two calls, in either order.
    const blobOrder = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a['CiphertextBlob']).localeCompare(String(b['CiphertextBlob']));
    expect(kms.calls.map((c) => c.params).sort(blobOrder)).toEqual(
      [
        { CiphertextBlob: v.headers['x-oss-meta-oss-crypto-key'], EncryptionContext: '' },
        { CiphertextBlob: v.headers['x-oss-meta-oss-crypto-start'], EncryptionContext: '' },
      ].sort(blobOrder),
    );
  });
});
