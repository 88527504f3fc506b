// An `urllib` for ali-oss's browser build (its `urllib` option) over XMLHttpRequest, adding what the bundled
// shim lacks: a per-request AbortSignal that stops in-flight uploads, upload progress in bytes, Blob request
// bodies, and the engine's timeout rule. ali-oss passes `options.ctx` of each call through to here; some calls
// deep-copy their options (Complete), which would break an AbortSignal, so `ctx` carries only an id into a
// registry of hooks.

/** What each ali-oss call passes as `ctx`. */
export interface XhrRequestHooks {
  readonly signal?: AbortSignal | undefined;
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
}

const registry = new Map<number, XhrRequestHooks>();
let nextHooksId = 1;

/** Registers hooks for one ali-oss call; pass the returned `ctx` in its options and `release` it afterwards. */
export function registerHooks(hooks: XhrRequestHooks): { ctx: { hooksId: number }; release(): void } {
  const hooksId = nextHooksId++;
  registry.set(hooksId, hooks);
  return { ctx: { hooksId }, release: () => registry.delete(hooksId) };
}

interface UrllibParams {
  method: string;
  headers?: Record<string, string | number>;
  content?: Uint8Array | string;
  timeout?: number | [number, number];
  ctx?: { hooksId?: number };
}

/** The part of a response ali-oss reads. */
export interface UrllibResult {
  status: number;
  headers: Record<string, string>;
  data: Uint8Array;
  res: {
    status: number;
    statusCode: number;
    headers: Record<string, string>;
    size: number;
    rt: number;
    data: Uint8Array;
    requestUrls: string[];
  };
}

/** Request headers a page may not set (the browser sets them). */
const FORBIDDEN = new Set(['content-length', 'host', 'user-agent', 'connection', 'accept-encoding', 'date']);

/**
 * Errors carry `status` -1 (no answer) or -2 (timeout) as ali-oss's shim does, and `aborted: true` for an abort.
 * Their messages name no URL (an ali-oss error reaches nothing the caller sees, but a message stays harmless).
 */
export type UrllibError = Error & { status: number; aborted?: boolean };

/**
 * `timeout` (ms) bounds, as the engine's fetch transport does, the time from sending a request (its body included)
 * until the response headers arrive, and then the time between two pieces of the response body: a slow link that
 * keeps moving never times out a large body, a silent one does.
 *
 * @example
 * ```ts
 * const oss = new OSS({ ...options, timeout: 60_000, urllib: xhrUrllib(OSS.Buffer) });
 * const { ctx, release } = registerHooks({ signal, onUploadProgress: (n) => console.log(n) });
 * await oss.put(key, buffer, { ctx }).finally(release);
 * ```
 */
export function xhrUrllib(toBuffer: (bytes: Uint8Array) => Uint8Array): {
  request(url: string, params: UrllibParams): Promise<UrllibResult>;
} {
  return {
    request(url, params) {
      return new Promise((resolve, reject) => {
        const hooks: XhrRequestHooks = registry.get(params.ctx?.hooksId ?? 0) ?? {};
        const started = Date.now();
        const xhr = new XMLHttpRequest();
        const timeoutMs = Array.isArray(params.timeout) ? params.timeout[1] : params.timeout;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let timedOut = false;
        const arm = () => {
          if (timer !== undefined) clearTimeout(timer);
          if (timeoutMs) {
            timer = setTimeout(() => {
              timedOut = true;
              xhr.abort();
            }, timeoutMs);
          }
        };
        const done = () => {
          if (timer !== undefined) clearTimeout(timer);
          hooks.signal?.removeEventListener('abort', onAbort);
        };
        const fail = (message: string, status: number, aborted = false) => {
          done();
          const err = new Error(message) as UrllibError;
          err.name = status === -2 ? 'ResponseTimeoutError' : aborted ? 'AbortError' : 'RequestError';
          err.status = status;
          if (aborted) err.aborted = true;
          reject(err);
        };
        const onAbort = () => xhr.abort();
        if (hooks.signal?.aborted) return fail('aborted', -1, true);
        xhr.open(params.method, url, true);
        xhr.responseType = 'arraybuffer';
        for (const [name, value] of Object.entries(params.headers ?? {})) {
          if (!FORBIDDEN.has(name.toLowerCase()) && value !== undefined) xhr.setRequestHeader(name, String(value));
        }
        if (hooks.onUploadProgress) {
          const listener = hooks.onUploadProgress;
          xhr.upload.onprogress = (e) => listener(e.loaded);
        }
        // Headers in, then each piece of the body: the timer restarts.
        xhr.onreadystatechange = () => {
          if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) arm();
        };
        xhr.onprogress = arm;
        xhr.onload = () => {
          done();
          const headers = parseHeaders(xhr.getAllResponseHeaders());
          const data = toBuffer(new Uint8Array((xhr.response as ArrayBuffer | null) ?? new ArrayBuffer(0)));
          const res = {
            status: xhr.status,
            statusCode: xhr.status,
            headers,
            size: data.length,
            rt: Date.now() - started,
            data,
            requestUrls: [url],
          };
          resolve({ status: xhr.status, headers, data, res });
        };
        xhr.onerror = () =>
          fail(`${params.method}: network error (the connection failed, or CORS blocked the request)`, -1);
        xhr.onabort = () =>
          timedOut
            ? fail(`${params.method}: no answer within ${timeoutMs} ms (timeout)`, -2)
            : fail('aborted', -1, true);
        hooks.signal?.addEventListener('abort', onAbort, { once: true });
        arm();
        xhr.send(requestBody(params));
      });
    },
  };
}

/**
 * The body as XHR should get it. Bytes go as a Blob: Chromium's send() of an ArrayBufferView copies and
 * uploads it on the page's main thread at 10-20 MiB/s for 8 MiB parts, where a Blob of the same bytes
 * (one copy into the browser's blob store) is sent at network speed (bench/RESULTS.md, Chromium uploads).
 */
function requestBody(params: UrllibParams): XMLHttpRequestBodyInit | null {
  const body = params.content;
  if (body === undefined) return null;
  if (typeof body === 'string') return body;
  if (body.length === 0) return params.method === 'GET' || params.method === 'HEAD' ? null : new Blob([]);
  return new Blob([body as Uint8Array<ArrayBuffer>]);
}

function parseHeaders(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}
