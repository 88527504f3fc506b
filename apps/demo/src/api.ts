// The demo backend: page configuration and STS tokens for the current user (see server/server.mjs).
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

/** `?user=` and `?bucket=` of the page URL are passed through to the backend. */
function query(): string {
  const here = new URLSearchParams(location.search);
  const q = new URLSearchParams();
  for (const name of ['user', 'bucket', 'seconds']) {
    const v = here.get(name);
    if (v) q.set(name, v);
  }
  return q.toString();
}

export async function loadConfig(): Promise<DemoConfig> {
  const res = await fetch(`/api/config?${query()}`);
  if (!res.ok) throw new Error(`the demo backend answered ${res.status} for /api/config`);
  return (await res.json()) as DemoConfig;
}

/** The STS vending call handed to the client; it refreshes through it before expiry and on SecurityTokenExpired. */
export async function fetchToken(): Promise<Credentials> {
  const res = await fetch(`/api/sts?${query()}`, { cache: 'no-store' });
  const body = (await res.json()) as Credentials & { error?: string };
  if (!res.ok) throw new Error(`STS token request failed: ${body.error ?? res.status}`);
  return body;
}
