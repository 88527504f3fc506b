import { randomBytes } from 'node:crypto';

/** `x-oss-request-id`: 24 upper-case hex characters. */
export function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** Multipart UploadId: 32 upper-case hex characters. */
export function newUploadId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function newBlobId(): string {
  return randomBytes(16).toString('hex');
}
