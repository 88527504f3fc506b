import { randomBytes } from 'node:crypto';
import type { AuthenticatedCall } from '../rpc/authenticate.js';
import { invalidParameter, missingParameter } from '../rpc/errors.js';
import type { RpcAction } from '../rpc/service-handler.js';
import { authorize, requireEnabled, type KmsActionContext } from './action-context.js';
import { openBlob, parseBlob, sealBlob } from './ciphertext-blob.js';
import { canonicalEncryptionContext, parseEncryptionContext } from './encryption-context.js';
import { authorizedKey } from './key-actions.js';
import { keyArn, type KmsKeyRecord } from './key-record.js';
import { keyNotFound } from './key-store.js';

/** KMS caps Encrypt's Plaintext at 6 KB. */
export const MAX_PLAINTEXT_BYTES = 6144;

function contextOf(call: AuthenticatedCall): string {
  return canonicalEncryptionContext(parseEncryptionContext(call.params.get('EncryptionContext')));
}

function dataKeyLength(call: AuthenticatedCall): number {
  const bytes = call.params.get('NumberOfBytes');
  const spec = call.params.get('KeySpec');
  if (spec && spec !== 'AES_256' && spec !== 'AES_128')
    throw invalidParameter('KeySpec', 'Valid values: AES_256, AES_128.');
  if (bytes !== undefined && bytes !== '') {
    const n = Number(bytes);
    if (!/^\d+$/.test(bytes) || n < 1 || n > 1024) throw invalidParameter('NumberOfBytes', 'Valid values: 1 to 1024.');
    return n;
  }
  return spec === 'AES_128' ? 16 : 32;
}

/** Resolves KeyId, checks the caller's permission and that the key is enabled. */
function usableKey(context: KmsActionContext, call: AuthenticatedCall): KmsKeyRecord {
  const key = authorizedKey(context, call);
  requireEnabled(key);
  return key;
}

function generateDataKey(context: KmsActionContext, call: AuthenticatedCall) {
  const length = dataKeyLength(call);
  const aad = contextOf(call);
  const key = usableKey(context, call);
  const plaintext = randomBytes(length).toString('base64');
  return { key, plaintext, blob: sealBlob(key, plaintext, aad) };
}

/** GenerateDataKey, GenerateDataKeyWithoutPlaintext, Encrypt, Decrypt. */
export function cryptoActions(context: KmsActionContext): Record<string, RpcAction> {
  return {
    async GenerateDataKey(call) {
      const { key, plaintext, blob } = generateDataKey(context, call);
      return { KeyId: key.keyId, KeyVersionId: key.keyVersionId, CiphertextBlob: blob, Plaintext: plaintext };
    },
    async GenerateDataKeyWithoutPlaintext(call) {
      const { key, blob } = generateDataKey(context, call);
      return { KeyId: key.keyId, KeyVersionId: key.keyVersionId, CiphertextBlob: blob };
    },
    async Encrypt(call) {
      const plaintext = call.params.get('Plaintext');
      if (!plaintext) throw missingParameter('Plaintext');
      if (Buffer.byteLength(plaintext, 'utf8') > MAX_PLAINTEXT_BYTES) {
        throw invalidParameter('Plaintext', `It must not exceed ${MAX_PLAINTEXT_BYTES} bytes.`);
      }
      const aad = contextOf(call);
      const key = usableKey(context, call);
      return { KeyId: key.keyId, KeyVersionId: key.keyVersionId, CiphertextBlob: sealBlob(key, plaintext, aad) };
    },
    async Decrypt(call) {
      const raw = call.params.get('CiphertextBlob');
      if (!raw) throw missingParameter('CiphertextBlob');
      const aad = contextOf(call);
      const blob = parseBlob(raw);
      const key = context.keys.byVersionId(blob.keyVersionId);
      if (!key) throw keyNotFound();
      authorize(context, call, keyArn(key, context));
      requireEnabled(key);
      return { KeyId: key.keyId, KeyVersionId: key.keyVersionId, Plaintext: openBlob(key, blob, aad) };
    },
  };
}
