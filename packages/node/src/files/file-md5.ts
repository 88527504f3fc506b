// The base64 MD5 of a file's bytes, as `unencrypted-content-md5` records it (one streaming pass, native hashing).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Base64 MD5 of the file at `path`. */
export async function fileMd5Base64(path: string): Promise<string> {
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) md5.update(chunk as Buffer);
  return md5.digest('base64');
}
