// Requests a page sends to learn what the bucket's CORS rule allows. None is signed: OSS answers 403 to them, but
// only after CORS has let them through; a request CORS refuses is a TypeError, and an opaque (no-cors) request
// tells whether the server is there at all.

const PROBE: RequestInit = { cache: 'no-store', credentials: 'omit' };

/** True when a request that needs no preflight (a bare GET) gets through CORS (any HTTP status). */
export async function simpleRequestPasses(url: string): Promise<boolean> {
  return fetch(url, { ...PROBE, method: 'GET', mode: 'cors' }).then(
    () => true,
    () => false,
  );
}

/** True when the server answers at all (an opaque no-cors request succeeds). */
export async function reachable(url: string): Promise<boolean> {
  return fetch(url, { ...PROBE, method: 'GET', mode: 'no-cors' }).then(
    () => true,
    () => false,
  );
}

/** True when a `method` request carrying `header` passes its preflight. */
export async function preflightPasses(url: string, method: string, header: string): Promise<boolean> {
  const headers = { [header]: header === 'range' ? 'bytes=0-0' : 'probe' };
  return fetch(url, { ...PROBE, method, mode: 'cors', headers }).then(
    (r) => {
      void r.body?.cancel();
      return true;
    },
    () => false,
  );
}
