import { v1Signature, v1StringToSign } from '../auth/v1.js';
import { QueryParams } from '../server/query.js';
import type { Emulator } from '../emulator.js';

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
  /** Signing time (default: now). */
  date?: Date;
}

/** A V1-signed fetch against the emulator (for requests ali-oss cannot make). */
export async function rawRequest(emu: Emulator, r: RawRequest): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const keyPath = r.key !== undefined ? r.key.split('/').map(encodeURIComponent).join('/') : '';
  const path = r.bucket === undefined ? '/' : `/${r.bucket}/${keyPath}`;
  const url = `${emu.ossEndpoint}${path}${r.query ? `?${r.query}` : ''}`;
  if (r.sign !== false) {
    const creds = r.sign ?? { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret };
    headers['x-oss-date'] = (r.date ?? new Date(emu.clock.now())).toUTCString();
    if (creds.securityToken) headers['x-oss-security-token'] = creds.securityToken;
    const stringToSign = v1StringToSign(
      { method: r.method, ...(r.bucket !== undefined ? { bucket: r.bucket } : {}), ...(r.key !== undefined ? { key: r.key } : {}), query: QueryParams.parse(r.query ?? ''), headers },
      headers['x-oss-date'],
    );
    headers.authorization = `OSS ${creds.accessKeyId}:${v1Signature(creds.accessKeySecret, stringToSign)}`;
  }
  const init: RequestInit = { method: r.method, headers };
  // A Uint8Array body keeps fetch from adding a Content-Type that was not signed.
  if (r.body !== undefined) init.body = new Uint8Array(typeof r.body === 'string' ? Buffer.from(r.body) : r.body);
  return fetch(url, init);
}

/** `<Code>` of an error response (body XML, or the base64 `x-oss-err` header on HEAD). */
export async function responseCode(res: Response): Promise<string | undefined> {
  const text = res.headers.get('x-oss-err') ? Buffer.from(res.headers.get('x-oss-err') as string, 'base64').toString() : await res.text();
  return /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
}
