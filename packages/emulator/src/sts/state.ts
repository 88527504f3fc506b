import { randomBytes } from 'node:crypto';
import type { PersistentJson } from '../shared/contracts.js';

/** Persistence file (through `PersistentJson`) holding the STS signing state. */
export const STS_STATE_FILE = 'sts-state';

export interface StsState {
  /** base64 of the 32-byte AES-256-GCM key sealing security tokens. */
  tokenKey: string;
  /** Tokens issued in an earlier generation are expired (`expireAllNow`). */
  generation: number;
}

export async function loadStsState(store: PersistentJson): Promise<StsState> {
  const existing = await store.load<StsState>(STS_STATE_FILE);
  if (existing && typeof existing.tokenKey === 'string' && Number.isInteger(existing.generation)) return existing;
  const fresh: StsState = { tokenKey: randomBytes(32).toString('base64'), generation: 0 };
  await store.save(STS_STATE_FILE, fresh);
  return fresh;
}

export async function saveStsState(store: PersistentJson, state: StsState): Promise<void> {
  await store.save(STS_STATE_FILE, state);
}
