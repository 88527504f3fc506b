// What identifies an object's decrypted materials: everything its unwrap depends on, taken from its headers as
// stored, and nothing else (never the object's name, so a copy or a re-read under another name is the same entry,
// and a header changed in any of these parts is another one).
import type { Envelope } from '@oss-cse/core';

/**
 * The cache key of an envelope: format version, wrap algorithm (as named, or its absence), material description
 * (the header text, which chooses the master key), and the wrapped data key and wrapped IV (the header texts,
 * which are their base64 bytes; a V1 KMS unwrap sends the text itself).
 *
 * @example
 * ```ts
 * import { parseEnvelope } from '@oss-cse/core';
 * import { materialsCacheKey } from '@oss-cse/transfer';
 * declare const headers: Record<string, string>;
 * const key = materialsCacheKey(parseEnvelope(headers)!);
 * ```
 */
export function materialsCacheKey(envelope: Envelope): string {
  return JSON.stringify([
    envelope.formatVersion,
    envelope.wrapAlgorithm ?? null,
    envelope.matdescHeader ?? null,
    envelope.keyHeader,
    envelope.startHeader,
  ]);
}
