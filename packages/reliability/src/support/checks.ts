// Checks shared by the Node and Chromium reliability tests (WebCrypto + core only, no Node APIs).
import {
  ContentCipher,
  OssCseError,
  crc64,
  decryptObject,
  parseEnvelope,
  toBase64,
  toHex,
  unwrapEnvelope,
  type Keyring,
  type MasterKey,
} from '@oss-cse/core';

export interface StoredObject {
  readonly headers: Record<string, string>;
  readonly ciphertext: Uint8Array;
}

export interface Inspection {
  /** The data key in the forms a leak would take: hex (both cases) and base64. */
  readonly keyForms: string[];
  readonly keyHex: string;
  readonly ivHex: string;
}

/**
 * Verifies a stored object against its source: the server CRC-64 equals the CRC-64 of the stored bytes, the
 * stored bytes are exactly AES-CTR(data key, IV) of the source at every offset (so every part, resumed or not,
 * was encrypted under its own counter), and the object decrypts to the source. Returns the unwrapped data key
 * (for leak scans) and IV (for reuse checks).
 */
export async function inspectStored(
  stored: StoredObject,
  keyring: Keyring | MasterKey,
  source: Uint8Array,
): Promise<Inspection> {
  const crc = stored.headers['x-oss-hash-crc64ecma'];
  if (crc !== String(crc64(stored.ciphertext)))
    throw new Error(`CRC-64 mismatch: server ${crc}, bytes ${crc64(stored.ciphertext)}`);
  const envelope = parseEnvelope(stored.headers);
  if (!envelope) throw new Error('the stored object is not encrypted');
  const { cek, iv } = await unwrapEnvelope({ keyring, envelope });
  const expected = await (await ContentCipher.fromDataKey(cek.slice(), iv, { encrypt: true })).encryptAt(0, source);
  if (!sameBytes(expected, stored.ciphertext)) {
    throw new Error(
      `stored bytes are not AES-CTR of the source at their offsets (first difference at ${firstDifference(expected, stored.ciphertext)})`,
    );
  }
  const plain = await decryptObject({ keyring, headers: stored.headers, ciphertext: stored.ciphertext });
  if (!sameBytes(plain, source)) throw new Error('the object does not decrypt to the source');
  const keyHex = toHex(cek);
  return { keyForms: [keyHex, keyHex.toUpperCase(), toBase64(cek)], keyHex, ivHex: toHex(iv) };
}

/** Throws when any text contains any of the key forms. */
export function assertNoKeyIn(texts: readonly string[], keyForms: readonly string[], where: string): void {
  for (const text of texts) {
    for (const form of keyForms) {
      if (text.includes(form)) throw new Error(`${where} contains the plaintext data key`);
    }
  }
}

/** Collects (key, IV) pairs of distinct uploads: the same IV under the same key twice would reuse counters. */
export class CounterLedger {
  readonly #seen = new Map<string, string>();

  add(upload: string, inspection: Inspection): void {
    const pair = `${inspection.keyHex}/${inspection.ivHex}`;
    const other = this.#seen.get(pair);
    if (other !== undefined && other !== upload)
      throw new Error(`uploads ${other} and ${upload} share a data key and IV`);
    this.#seen.set(pair, upload);
  }

  get size(): number {
    return this.#seen.size;
  }
}

/** True when `e` is one of our typed errors (code + one-line message). */
export function isTypedError(e: unknown): e is OssCseError {
  return e instanceof OssCseError && typeof e.code === 'string' && !e.message.includes('\n');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** Deterministic pseudo-random bytes (xorshift32). */
export function patternBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

export interface CaseRecord {
  readonly client: 'node' | 'cli' | 'browser';
  readonly name: string;
  /** What was injected, from the emulator's counters. */
  readonly faults: string;
  /** `byte-identical`, `typed error <CODE>, then byte-identical`, ... */
  readonly outcome: string;
  readonly checks: readonly string[];
}

/** One fast-check property of the bad-input fuzzing. */
export interface FuzzRecord {
  readonly name: string;
  readonly runs: number;
  /** What held, with the counts of each kind of input; `failed` when the property failed. */
  readonly result: string;
}

/** The emulator's fault counters (`emulator.faults.stats()`, or `GET /__emulator/faults`). */
export interface FaultCounters {
  readonly failed: number;
  readonly reset: number;
  readonly delayed: number;
  readonly stsExpirations: number;
  readonly clockShifts: number;
}

const COUNTERS = ['failed', 'reset', 'delayed', 'stsExpirations', 'clockShifts'] as const;

/** What a scenario injected: the counters after it minus the counters before it. */
export function faultDelta(after: FaultCounters, before: FaultCounters): FaultCounters {
  return Object.fromEntries(COUNTERS.map((k) => [k, after[k] - before[k]])) as unknown as FaultCounters;
}

/** Counters (a delta) as one line for the report. */
export function describeFaults(delta: FaultCounters): string {
  const words: Record<(typeof COUNTERS)[number], string> = {
    failed: 'failed responses',
    reset: 'connection resets',
    delayed: 'delayed responses',
    stsExpirations: 'STS expirations',
    clockShifts: 'clock shifts',
  };
  const parts = COUNTERS.filter((k) => delta[k] !== 0).map((k) => `${delta[k]} ${words[k]}`);
  return parts.length ? parts.join(', ') : 'none';
}
