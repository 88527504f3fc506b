// sync's per-object decision, without downloading: an upload records the plaintext length and MD5 in the object's
// metadata (`x-oss-meta-client-side-encryption-unencrypted-content-length` / `-md5`, the V2 format's own
// headers, which every SDK reads). A local file is the same as its object when both sizes are equal and its MD5
// equals the recorded one. The size comes from the listing; the MD5 needs a HEAD and a read of the local file,
// made only when the sizes agree.
import type { EnvelopeSummary } from '@oss-cse/core';

/** What sync needs of a local file: its size, and its MD5 (base64) computed only when asked. */
export interface LocalFacts {
  /** Bytes of the local file. */
  readonly size: number;
  /** Base64 MD5 of the local file, computed when called. */
  md5(): Promise<string>;
}

/** Why an object is transferred again, or `same`. */
export type SyncVerdict = 'same' | 'size' | 'content' | 'not-encrypted' | 'no-md5';

/**
 * Compares a local file with an object's envelope (from a HEAD). An object that is not encrypted, or that records
 * no MD5 (a multipart upload made without `computeMd5`), cannot be shown equal and is transferred.
 *
 * @example
 * ```ts
 * import { syncVerdict, type TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient, size: number;
 * declare function fileMd5(path: string): Promise<string>;
 * const { envelope } = await client.head('backups/db.tar');
 * const verdict = await syncVerdict({ size, md5: () => fileMd5('/var/backups/db.tar') }, envelope);
 * ```
 */
export async function syncVerdict(local: LocalFacts, envelope: EnvelopeSummary | null): Promise<SyncVerdict> {
  if (!envelope) return 'not-encrypted';
  const length = envelope.unencryptedContentLength ?? envelope.dataSize;
  if (length !== null && length !== local.size) return 'size';
  if (!envelope.unencryptedContentMd5) return 'no-md5';
  return (await local.md5()) === envelope.unencryptedContentMd5 ? 'same' : 'content';
}
