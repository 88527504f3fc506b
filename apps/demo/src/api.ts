// The demo backend: sign-in, page configuration and STS tokens of the signed-in user (see server/server.mjs).
// The backend knows the user from its HttpOnly session cookie, which the browser sends with these same-origin
// requests; the page never names the user or the bucket in a request.
import type { Credentials } from '@oss-cse/browser';

export interface DemoConfig {
  readonly bucket: string;
  readonly endpoint: string;
  readonly region: string;
  readonly pathStyle: boolean;
  readonly user: string;
  readonly prefix: string;
  /** The demo KMS key and the relay the page reaches KMS through; null when the backend has no KMS key. */
  readonly kms: { readonly keyId: string; readonly relayUrl: string } | null;
}

/** The backend's error body: a fixed message and a stable code. */
async function refusal(res: Response, what: string): Promise<Error> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; code?: string };
  return new Error(
    body.error
      ? `${what}: ${body.error} (${body.code ?? res.status})`
      : `${what}: the demo backend answered ${res.status}`,
  );
}

/** The configuration for the signed-in user, or null when nobody is signed in. */
export async function loadConfig(): Promise<DemoConfig | null> {
  const res = await fetch('/api/config', { cache: 'no-store' });
  if (res.status === 401) return null;
  if (!res.ok) throw await refusal(res, 'Loading the configuration failed');
  return (await res.json()) as DemoConfig;
}

const postJson = (path: string, body: unknown): Promise<Response> =>
  fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
  });

/** Starts a session for `name` (1 to 32 characters a-z, 0-9 or -; the backend refuses anything else). */
export async function signIn(name: string): Promise<void> {
  const res = await postJson('/api/session', { name });
  if (!res.ok) throw await refusal(res, 'Sign-in refused');
}

export async function signOut(): Promise<void> {
  const res = await postJson('/api/session/logout', {});
  if (!res.ok) throw await refusal(res, 'Sign-out failed');
}

/** The STS vending call handed to the client; it refreshes through it before expiry and on SecurityTokenExpired. */
export async function fetchToken(): Promise<Credentials> {
  const res = await fetch('/api/sts', { cache: 'no-store' });
  if (!res.ok) throw await refusal(res, 'STS token request failed');
  return (await res.json()) as Credentials;
}
