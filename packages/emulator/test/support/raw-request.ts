import { pathStyleUrlPath, signRequestV1 } from '../../src/auth/sign-v1.js';
import type { Emulator } from '../../src/emulator.js';

export interface RawRequest {
  method: string;
  bucket?: string;
  key?: string;
  /** Raw query string without `?`. */
  query?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Sign with V1 using these credentials (default: the account); `false` sends an anonymous request. */
  sign?: { accessKeyId: string; accessKeySecret: string; securityToken?: string } | false;
}

/** A V1-signed fetch against the emulator (for requests ali-oss cannot make). */
export async function rawRequest(emu: Emulator, r: RawRequest): Promise<Response> {
  const url = `${emu.ossEndpoint}${pathStyleUrlPath(r.bucket, r.key)}${r.query ? `?${r.query}` : ''}`;
  const creds =
    r.sign === false ? undefined : (r.sign ?? { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret });
  const headers = creds
    ? signRequestV1({
        ...creds,
        method: r.method,
        bucket: r.bucket,
        key: r.key,
        query: r.query ?? '',
        headers: r.headers ?? {},
        date: new Date(emu.clock.now()),
      })
    : { ...(r.headers ?? {}) };
  const init: RequestInit = { method: r.method, headers };
  // A Uint8Array body keeps fetch from adding a Content-Type that was not signed.
  if (r.body !== undefined) init.body = new Uint8Array(typeof r.body === 'string' ? Buffer.from(r.body) : r.body);
  return fetch(url, init);
}

/** `<Code>` of an error response (body XML, or the base64 `x-oss-err` header on HEAD). */
export async function responseCode(res: Response): Promise<string | undefined> {
  const text = res.headers.get('x-oss-err')
    ? Buffer.from(res.headers.get('x-oss-err') as string, 'base64').toString()
    : await res.text();
  return /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
}
