import { gcmOpen, gcmSeal, GCM_IV_BYTES, GCM_TAG_BYTES } from '../rpc/aes-gcm.js';
import { invalidParameter, type RpcError } from '../rpc/errors.js';
import type { KmsKeyRecord } from './key-record.js';

const VERSION_ID_LENGTH = 36;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A parsed CiphertextBlob: the key version it names and the sealed part (`iv || ciphertext || tag`). */
export interface ParsedBlob {
  keyVersionId: string;
  sealed: Buffer;
}

function additionalData(keyVersionId: string, canonicalContext: string): Buffer {
  return Buffer.from(`${keyVersionId}\n${canonicalContext}`, 'utf8');
}

export function invalidCiphertext(): RpcError {
  return invalidParameter('CiphertextBlob');
}

/**
 * `base64(keyVersionId (36 ASCII) || iv (12) || AES-256-GCM(material, plaintext) || tag (16))`, with the key
 * version and the canonical EncryptionContext as additional data (docs/kms.md §2.4, §7).
 */
export function sealBlob(key: KmsKeyRecord, plaintext: string, canonicalContext: string): string {
  const sealed = gcmSeal(
    Buffer.from(key.material, 'base64'),
    Buffer.from(plaintext, 'utf8'),
    additionalData(key.keyVersionId, canonicalContext),
  );
  return Buffer.concat([Buffer.from(key.keyVersionId, 'ascii'), sealed]).toString('base64');
}

/** Splits a blob; throws 400 InvalidParameter when it cannot be one of ours. */
export function parseBlob(blob: string): ParsedBlob {
  if (!BASE64.test(blob)) throw invalidCiphertext();
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < VERSION_ID_LENGTH + GCM_IV_BYTES + GCM_TAG_BYTES) throw invalidCiphertext();
  const keyVersionId = raw.subarray(0, VERSION_ID_LENGTH).toString('latin1');
  if (!UUID.test(keyVersionId)) throw invalidCiphertext();
  return { keyVersionId, sealed: raw.subarray(VERSION_ID_LENGTH) };
}

/** The plaintext string given at encryption; throws 400 InvalidParameter on a wrong context or a changed blob. */
export function openBlob(key: KmsKeyRecord, blob: ParsedBlob, canonicalContext: string): string {
  const plain = gcmOpen(
    Buffer.from(key.material, 'base64'),
    blob.sealed,
    additionalData(blob.keyVersionId, canonicalContext),
  );
  if (plain === undefined) throw invalidCiphertext();
  return plain.toString('utf8');
}
