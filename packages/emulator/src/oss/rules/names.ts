import { OssErrors } from '../../errors/catalog.js';

/** 3–63 characters of `[a-z0-9-]`, not starting or ending with `-`. */
export function validateBucketName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) throw OssErrors.invalidBucketName(name);
}

/** UTF-8, 1–1023 bytes, not starting with `/` or `\`. */
export function validateObjectKey(key: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes === 0 || bytes > 1023)
    throw OssErrors.invalidObjectName('The length of the object name must be between 1 and 1023 bytes.');
  if (key.startsWith('/') || key.startsWith('\\'))
    throw OssErrors.invalidObjectName('The object name must not start with "/" or "\\".');
}
