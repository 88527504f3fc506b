// A fetch double speaking KMS 2016-01-20 with the blob scheme of the fake KMS the oss2 vector was made with:
// CiphertextBlob = base64("FAKEKMS|<keyId>|<EncryptionContext>|<Plaintext>"). Test-only.
import { fromUtf8, toBase64, utf8 } from '@oss-cse/core';
import type { FetchLike } from '../../src/rpc/rpc-client.js';

const COMMON = new Set([
  'AccessKeyId',
  'Action',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
  'SecurityToken',
  'Signature',
]);

export interface RecordedCall {
  readonly action: string;
  readonly method: string;
  /** The request URL as sent. */
  readonly url: string;
  /** The request body as sent ('' without one). */
  readonly body: string;
  /** The action's own parameters (common and signature parameters removed). */
  readonly params: Record<string, string>;
  /** Every parameter as received: the query's, then the `x-www-form-urlencoded` body's. */
  readonly sent: Record<string, string>;
  readonly headers: Record<string, string>;
}

export interface FakeKms {
  readonly fetch: FetchLike;
  readonly calls: RecordedCall[];
  /** Answers the next requests with these (status, Code) errors before behaving normally. */
  failNext(...errors: Array<{ status: number; code: string }>): void;
  disable(keyId: string): void;
  /** Pre-known blobs (e.g. a vector's real KMS blobs) and the Plaintext Decrypt returns for them. */
  knownBlobs: Map<string, string>;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=utf-8' } });
}

function error(status: number, code: string, message = code): Response {
  return json(status, { RequestId: 'fake-request-id', HostId: 'kms.fake', Code: code, Message: message });
}

export function fakeBlob(keyId: string, context: string, plaintext: string): string {
  return toBase64(utf8(`FAKEKMS|${keyId}|${context}|${plaintext}`));
}

/**
 * A fake KMS knowing the given key ids (and `alias/…` names as written).
 *
 * @example
 * ```ts
 * const kms = createFakeKms(['cmk-1']);
 * const key = new KmsMasterKey({ endpoint: 'https://kms.fake/', credentials, keyId: 'cmk-1', fetch: kms.fetch });
 * ```
 */
export function createFakeKms(keyIds: readonly string[]): FakeKms {
  const keys = new Set(keyIds);
  const disabled = new Set<string>();
  const failures: Array<{ status: number; code: string }> = [];
  const calls: RecordedCall[] = [];
  const knownBlobs = new Map<string, string>();

  function usable(keyId: string | undefined): Response | undefined {
    if (!keyId) return error(400, 'MissingParameter', 'KeyId');
    if (!keys.has(keyId)) return error(404, 'Forbidden.KeyNotFound', 'The specified Key is not found.');
    if (disabled.has(keyId)) return error(409, 'Rejected.Disabled', 'The key is disabled.');
    return undefined;
  }

  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    // Read synchronously, so that calls are recorded in the order they were made (the client sends a string).
    const body = typeof init.body === 'string' ? init.body : '';
    const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(body)
      : [];
    const sent = Object.fromEntries([...url.searchParams, ...form]);
    const action = sent['Action'] ?? headers['x-acs-action'] ?? '';
    const params = Object.fromEntries(Object.entries(sent).filter(([k]) => !COMMON.has(k)));
    calls.push({ action, method: init.method ?? 'GET', url: input, body, params, sent, headers });
    const failure = failures.shift();
    if (failure) return error(failure.status, failure.code);
    const context = params['EncryptionContext'] ?? '';
    switch (action) {
      case 'GenerateDataKey': {
        const refused = usable(params['KeyId']);
        if (refused) return refused;
        const n = Number(params['NumberOfBytes'] ?? '32');
        const plaintext = toBase64(crypto.getRandomValues(new Uint8Array(n)));
        return json(200, {
          KeyId: params['KeyId'],
          KeyVersionId: 'v1',
          Plaintext: plaintext,
          CiphertextBlob: fakeBlob(params['KeyId']!, context, plaintext),
          RequestId: 'r',
        });
      }
      case 'Encrypt': {
        const refused = usable(params['KeyId']);
        if (refused) return refused;
        return json(200, {
          KeyId: params['KeyId'],
          KeyVersionId: 'v1',
          CiphertextBlob: fakeBlob(params['KeyId']!, context, params['Plaintext']!),
          RequestId: 'r',
        });
      }
      case 'Decrypt': {
        const blob = params['CiphertextBlob'] ?? '';
        const known = knownBlobs.get(blob);
        if (known !== undefined)
          return json(200, { KeyId: 'known', KeyVersionId: 'v1', Plaintext: known, RequestId: 'r' });
        let text: string;
        try {
          text = fromUtf8(Uint8Array.from(atob(blob), (c) => c.charCodeAt(0)));
        } catch {
          return error(400, 'InvalidParameter', 'The specified parameter "CiphertextBlob" is not valid.');
        }
        const [magic, keyId, ctx, plaintext] = text.split('|');
        if (magic !== 'FAKEKMS' || plaintext === undefined)
          return error(400, 'InvalidParameter', 'The specified parameter "CiphertextBlob" is not valid.');
        const refused = usable(keyId);
        if (refused) return refused;
        if (ctx !== context)
          return error(400, 'InvalidParameter', 'The specified parameter "CiphertextBlob" is not valid.');
        return json(200, { KeyId: keyId, KeyVersionId: 'v1', Plaintext: plaintext, RequestId: 'r' });
      }
      case 'DescribeKey': {
        const refused = usable(params['KeyId']);
        if (refused && refused.status !== 409) return refused;
        return json(200, {
          KeyMetadata: { KeyId: params['KeyId'], KeyState: disabled.has(params['KeyId']!) ? 'Disabled' : 'Enabled' },
          RequestId: 'r',
        });
      }
      default:
        return error(404, 'InvalidApi.NotFound', `unknown action ${action}`);
    }
  };
  return {
    fetch,
    calls,
    knownBlobs,
    failNext: (...errors) => void failures.push(...errors),
    disable: (keyId) => void disabled.add(keyId),
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'testid', accessKeySecret: 'testsecret' } as const;
